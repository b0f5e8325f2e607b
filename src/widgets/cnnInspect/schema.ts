// What the inspection widgets keep in a link: the test digit whose feature maps are shown, and the
// confusion-matrix cell whose mistakes the gallery lists.
import type { Schema } from '../../store/schema';

export const featureMapsSchema = {
  digit: { kind: 'int', label: 'test digit', default: 1, min: 1, max: 2000 },
} satisfies Schema;

export const confusionSchema = {
  truth: { kind: 'int', label: 'true digit of the selected cell', default: -1, min: -1, max: 9 },
  said: { kind: 'int', label: 'predicted digit of the selected cell', default: -1, min: -1, max: 9 },
} satisfies Schema;
