// What the transpose widgets keep in a link: the forward convolution's sizes and kernel and the
// gradient g arriving at its output; for upsampling, the input, kernel and stride.
import type { Schema, StateOf } from '../../store/schema';
import { EDGE_KERNEL, propMatrix } from '../im2col/schema';

const matrix = (label: string, m: number[][], maxSize: number) => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize, maxAbs: 1000 }) as const;

export function gradientSchema(props: { kernel?: string; g?: string }) {
  const kernel = propMatrix(props.kernel, matrix('kernel', EDGE_KERNEL, 3));
  const g = propMatrix(props.g, matrix('output gradient', [[1, 0], [0, 0]], 5));
  return {
    rows: { kind: 'int', label: 'input rows', default: 4, min: 2, max: 5 },
    cols: { kind: 'int', label: 'input columns', default: 4, min: 2, max: 5 },
    kernel: matrix('kernel', kernel, 3),
    stride: { kind: 'int', label: 'stride', default: 1, min: 1, max: 2 },
    padding: { kind: 'int', label: 'padding', default: 0, min: 0, max: 1 },
    g: matrix('output gradient', g, 5),
  } satisfies Schema;
}
export type GradientState = StateOf<ReturnType<typeof gradientSchema>>;

export function checkGradient(s: GradientState): string | null {
  const ph = s.rows + 2 * s.padding;
  const pw = s.cols + 2 * s.padding;
  if (s.kernel.length > ph || s.kernel[0].length > pw) return `the ${s.kernel.length}×${s.kernel[0].length} kernel is larger than the padded ${ph}×${pw} input`;
  return null;
}

const ones = (n: number) => Array.from({ length: n }, () => new Array(n).fill(1));

export function upsamplingSchema(props: { input?: string; kernel?: string; stride?: number }) {
  const input = propMatrix(props.input, matrix('input', ones(4), 5));
  const kernel = propMatrix(props.kernel, matrix('kernel', ones(3), 4));
  return {
    input: matrix('input', input, 5),
    kernel: matrix('kernel', kernel, 4),
    stride: { kind: 'int', label: 'stride', default: props.stride ?? 2, min: 1, max: 3 },
  } satisfies Schema;
}
export type UpsamplingState = StateOf<ReturnType<typeof upsamplingSchema>>;

/** Keeps g's top-left values at the output's size (zeros for new cells). */
export function fitGradient(g: number[][], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, y) => Array.from({ length: cols }, (_, x) => g[y]?.[x] ?? 0));
}
