// The receptive-field widget, by the tag name lessons use.
import { ReceptiveField } from './ReceptiveField';

export const widgets = { ReceptiveField };
