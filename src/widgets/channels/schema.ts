// What the channel-filter widget keeps in a link: the three input channels, the first filter's three
// slices and bias, how many filters, and the padding. Filters 2–4 have fixed weights derived here.
import type { MatrixField, Schema, StateOf } from '../../store/schema';

export const CHANNELS = ['R', 'G', 'B'] as const;
export const CHANNEL_NAMES = ['red', 'green', 'blue'] as const;

const DEFAULT_INPUT = [
  [[3, 3, 1, 0, 0], [3, 2, 1, 0, 0], [2, 1, 1, 0, 0], [1, 1, 0, 0, 0], [0, 0, 0, 0, 1]],
  [[0, 1, 2, 1, 0], [1, 2, 3, 2, 1], [2, 3, 3, 3, 2], [1, 2, 3, 2, 1], [0, 1, 2, 1, 0]],
  [[0, 0, 0, 1, 2], [0, 0, 1, 2, 3], [0, 1, 2, 3, 3], [1, 2, 3, 3, 2], [2, 3, 3, 2, 1]],
];
const DEFAULT_FILTER = [
  [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
  [[0, 1, 0], [1, 1, 1], [0, 1, 0]],
  [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
];

const channel = (label: string, m: number[][]): MatrixField => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize: 7, maxAbs: 1000 });
const slice = (label: string, m: number[][]): MatrixField => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize: 5, maxAbs: 1000 });

export function channelSchema(props: { filters?: number }) {
  const k = props.filters !== undefined && Number.isInteger(props.filters) && props.filters >= 1 && props.filters <= 4 ? props.filters : 2;
  return {
    r: channel('red input channel', DEFAULT_INPUT[0]),
    g: channel('green input channel', DEFAULT_INPUT[1]),
    b: channel('blue input channel', DEFAULT_INPUT[2]),
    wr: slice('filter’s red slice', DEFAULT_FILTER[0]),
    wg: slice('filter’s green slice', DEFAULT_FILTER[1]),
    wb: slice('filter’s blue slice', DEFAULT_FILTER[2]),
    bias: { kind: 'number', label: 'bias', default: 1, min: -1000, max: 1000 },
    k: { kind: 'int', label: 'number of filters', default: k, min: 1, max: 4 },
    padding: { kind: 'int', label: 'padding', default: 0, min: 0, max: 2 },
  } satisfies Schema;
}

export type ChannelState = StateOf<ReturnType<typeof channelSchema>>;

const dims = (m: number[][]) => `${m.length}×${m[0].length}`;

/** Rejects channels or slices of different sizes, and a filter larger than the padded input. */
export function checkChannels(s: ChannelState): string | null {
  if (dims(s.g) !== dims(s.r) || dims(s.b) !== dims(s.r)) return `the three input channels must have the same size (${dims(s.r)}, ${dims(s.g)}, ${dims(s.b)})`;
  if (dims(s.wg) !== dims(s.wr) || dims(s.wb) !== dims(s.wr)) return `the filter’s three slices must have the same size (${dims(s.wr)}, ${dims(s.wg)}, ${dims(s.wb)})`;
  if (s.wr.length > s.r.length + 2 * s.padding || s.wr[0].length > s.r[0].length + 2 * s.padding) return `the ${dims(s.wr)} filter is larger than the padded input`;
  return null;
}

/**
 * Fixed weights for filters 2–4 (index 1–3), whole numbers from −2 to 2 in a pattern that differs per
 * filter and channel, so the maps they make differ. Filter 1 is the student's.
 */
export function fixedFilter(index: number, fh: number, fw: number): number[][][] {
  return [0, 1, 2].map((c) =>
    Array.from({ length: fh }, (_, dy) => Array.from({ length: fw }, (_, dx) => ((index * 7 + c * 3 + dy * 5 + dx * 11) % 5) - 2)),
  );
}
