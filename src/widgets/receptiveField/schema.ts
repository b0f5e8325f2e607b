// What the receptive-field widget keeps in a link: the input size, up to four layers (each one of a
// few common choices), and the channel count used for the weight comparison.
import { layerStack, type StackLayer } from '../../engine';
import type { Schema, StateOf } from '../../store/schema';

export const LAYER_CHOICES = {
  none: { label: '(none)', layer: null },
  c1: { label: 'conv 1×1', layer: { kind: 'conv', kernel: 1 } },
  c3: { label: 'conv 3×3', layer: { kind: 'conv', kernel: 3 } },
  c3p1: { label: 'conv 3×3, pad 1', layer: { kind: 'conv', kernel: 3, padding: 1 } },
  c3s2: { label: 'conv 3×3, stride 2', layer: { kind: 'conv', kernel: 3, stride: 2 } },
  c5: { label: 'conv 5×5', layer: { kind: 'conv', kernel: 5 } },
  c7: { label: 'conv 7×7', layer: { kind: 'conv', kernel: 7 } },
  p2: { label: 'max pool 2×2, stride 2', layer: { kind: 'pool', kernel: 2 } },
  p3s2: { label: 'max pool 3×3, stride 2', layer: { kind: 'pool', kernel: 3, stride: 2 } },
} as const satisfies Record<string, { label: string; layer: StackLayer | null }>;

export type LayerChoice = keyof typeof LAYER_CHOICES;
export const CHOICE_IDS = Object.keys(LAYER_CHOICES) as LayerChoice[];
export const SLOTS = ['l1', 'l2', 'l3', 'l4'] as const;

function choice(v: string | undefined, fallback: LayerChoice): LayerChoice {
  return v !== undefined && (CHOICE_IDS as string[]).includes(v) ? (v as LayerChoice) : fallback;
}

/** `layers` as a lesson gives it, e.g. "c3,c3,c3" or "c5,p2". */
export function receptiveSchema(props: { n?: number; layers?: string }) {
  const given = (props.layers ?? 'c3,c3,c3').split(',').map((s) => s.trim());
  const n = props.n !== undefined && Number.isInteger(props.n) && props.n >= 3 && props.n <= 20 ? props.n : 11;
  const slot = (i: number) => ({ kind: 'enum', label: `layer ${i + 1}`, default: choice(given[i], 'none'), options: CHOICE_IDS }) as const;
  return {
    n: { kind: 'int', label: 'input size', default: n, min: 3, max: 20 },
    l1: slot(0),
    l2: slot(1),
    l3: slot(2),
    l4: slot(3),
    channels: { kind: 'int', label: 'channels', default: 64, min: 1, max: 2048 },
  } satisfies Schema;
}

export type ReceptiveState = StateOf<ReturnType<typeof receptiveSchema>>;

/** The chosen layers in order, skipping empty slots. */
export function chosenLayers(s: ReceptiveState): { id: LayerChoice; layer: StackLayer }[] {
  return SLOTS.map((k) => s[k]).flatMap((id) => {
    const layer = LAYER_CHOICES[id].layer as StackLayer | null;
    return layer ? [{ id, layer }] : [];
  });
}

/** A link whose stack cannot slide over its input falls back to the defaults. */
export function checkReceptive(s: ReceptiveState): string | null {
  const layers = chosenLayers(s);
  if (!layers.length) return 'there are no layers';
  try {
    layerStack(s.n, layers.map((l) => l.layer));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
