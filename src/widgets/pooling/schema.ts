// What the pooling widgets keep in a link: up to three input channels, window size, stride, mode,
// the window position and speed; for the shift demo, input, kernel, shift and pool size.
import { parseMatrix, type MatrixField, type Schema, type StateOf } from '../../store/schema';

/** CURRICULUM §2's 4×4 input, pooled to [[3, 1], [4, 2]] by 2×2 max pooling. */
export const CURRICULUM_INPUT = [[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]];
const SECOND_CHANNEL = [[-1, 4, 0, 2], [3, -2, 5, 1], [0, 1, -3, 2], [6, 0, 1, -1]];
const THIRD_CHANNEL = [[1, 0, 2, 2], [0, 3, 1, 0], [2, 2, 0, 1], [1, 4, 3, 0]];

const matrix = (label: string, m: number[][], maxSize = 8): MatrixField => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize, maxAbs: 1000 });

/** Parses `"a;b|c;d"` (channels split by `|`); a bad prop falls back to the default with no channels lost. */
function parseChannels(text: string | undefined): number[][][] {
  const field = matrix('input', CURRICULUM_INPUT);
  const parsed = (text ?? '').split('|').map((part) => (part.trim() ? parseMatrix(part.trim(), field) : 'empty'));
  const good = parsed.filter((m): m is number[][] => typeof m !== 'string');
  if (!text || good.length !== parsed.length || good.some((m) => m.length !== good[0].length || m[0].length !== good[0][0].length)) return [CURRICULUM_INPUT];
  return good.slice(0, 3);
}

export interface PoolingProps {
  input?: string;
  size?: number;
  stride?: number;
  mode?: string;
}

export function poolingSchema(props: PoolingProps) {
  const channels = parseChannels(props.input);
  const extra = [SECOND_CHANNEL, THIRD_CHANNEL].map((m) => m.slice(0, channels[0].length).map((row) => row.slice(0, channels[0][0].length)));
  const fit = (m: number[][]) => Array.from({ length: channels[0].length }, (_, y) => Array.from({ length: channels[0][0].length }, (_, x) => m[y]?.[x] ?? 0));
  const mode = ['max', 'avg', 'l2'].includes(props.mode ?? '') ? (props.mode as 'max' | 'avg' | 'l2') : 'max';
  return {
    c1: matrix('input (channel 1)', channels[0]),
    c2: matrix('input (channel 2)', channels[1] ?? fit(extra[0])),
    c3: matrix('input (channel 3)', channels[2] ?? fit(extra[1])),
    channels: { kind: 'int', label: 'number of channels', default: channels.length, min: 1, max: 3 },
    size: { kind: 'int', label: 'window size', default: props.size ?? 2, min: 1, max: 4 },
    stride: { kind: 'int', label: 'stride', default: props.stride ?? props.size ?? 2, min: 1, max: 4 },
    mode: { kind: 'enum', label: 'pooling mode', default: mode, options: ['max', 'avg', 'l2'] as const },
    step: { kind: 'int', label: 'window position', default: 0, min: 0, max: 99 },
    speed: { kind: 'enum', label: 'speed', default: 'normal', options: ['slow', 'normal', 'fast'] as const },
  } satisfies Schema;
}

export type PoolingState = StateOf<ReturnType<typeof poolingSchema>>;

/** Rejects links whose channels differ in size or whose window does not fit. */
export function checkPooling(s: PoolingState): string | null {
  const chans = [s.c1, s.c2, s.c3].slice(0, s.channels);
  if (chans.some((m) => m.length !== s.c1.length || m[0].length !== s.c1[0].length)) return 'the channels have different sizes';
  if (s.size > s.c1.length || s.size > s.c1[0].length) return `a ${s.size}×${s.size} window does not fit in a ${s.c1.length}×${s.c1[0].length} input`;
  return null;
}

/** A 6×6 diagonal line: with the edge kernel, a shift right changes most convolution cells but few pooled ones. */
export const SHIFT_INPUT = Array.from({ length: 6 }, (_, y) => Array.from({ length: 6 }, (_, x) => (x === y ? 9 : x === y + 1 ? 5 : 0)));
export const EDGE_KERNEL = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];

export function shiftSchema(props: { input?: string; kernel?: string }) {
  const parse = (text: string | undefined, field: MatrixField) => {
    const m = text ? parseMatrix(text, field) : field.default;
    return typeof m === 'string' ? field.default : m;
  };
  const input = parse(props.input, matrix('input', SHIFT_INPUT));
  const kernel = parse(props.kernel, matrix('kernel', EDGE_KERNEL, 5));
  return {
    input: matrix('input', input),
    kernel: matrix('kernel', kernel, 5),
    dy: { kind: 'int', label: 'row shift', default: 0, min: -1, max: 1 },
    dx: { kind: 'int', label: 'column shift', default: 1, min: -1, max: 1 },
    pool: { kind: 'int', label: 'pool size', default: 2, min: 2, max: 3 },
  } satisfies Schema;
}

export type ShiftState = StateOf<ReturnType<typeof shiftSchema>>;

export function checkShift(s: ShiftState): string | null {
  if (s.pool > s.input.length || s.pool > s.input[0].length) return `a ${s.pool}×${s.pool} pool does not fit in a ${s.input.length}×${s.input[0].length} input`;
  return null;
}
