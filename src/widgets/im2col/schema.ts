// What the im2col widgets keep in a link: the input and kernel (single channel), stride, padding and
// the window being explained; for the channels-and-filters view, the sizes and the seed of its numbers.
import { parseMatrix, type MatrixField, type Schema, type StateOf } from '../../store/schema';

export const CURRICULUM_INPUT = [[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]];
export const EDGE_KERNEL = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];

const matrix = (label: string, m: number[][], maxSize: number): MatrixField => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize, maxAbs: 1000 });

/** A lesson prop like `"1,0;0,1"`, or the fallback when it is missing or not a matrix. */
export function propMatrix(text: string | undefined, field: MatrixField): number[][] {
  const m = text ? parseMatrix(text, field) : field.default;
  return typeof m === 'string' ? field.default : m;
}

export function im2colSchema(props: { input?: string; kernel?: string; stride?: number; padding?: number }) {
  const input = propMatrix(props.input, matrix('input matrix', CURRICULUM_INPUT, 6));
  const kernel = propMatrix(props.kernel, matrix('kernel', EDGE_KERNEL, 4));
  return {
    input: matrix('input matrix', input, 6),
    kernel: matrix('kernel', kernel, 4),
    stride: { kind: 'int', label: 'stride', default: props.stride ?? 1, min: 1, max: 3 },
    padding: { kind: 'int', label: 'padding', default: props.padding ?? 0, min: 0, max: 2 },
    step: { kind: 'int', label: 'window', default: 0, min: 0, max: 99 },
    speed: { kind: 'enum', label: 'speed', default: 'normal', options: ['slow', 'normal', 'fast'] as const },
  } satisfies Schema;
}
export type Im2colState = StateOf<ReturnType<typeof im2colSchema>>;

/** Rejects a kernel larger than the padded input, so a link never opens on an impossible setting. */
export function checkFits(s: { input: number[][]; kernel: number[][]; padding: number }): string | null {
  const ph = s.input.length + 2 * s.padding;
  const pw = s.input[0].length + 2 * s.padding;
  if (s.kernel.length > ph || s.kernel[0].length > pw) return `the ${s.kernel.length}×${s.kernel[0].length} kernel is larger than the padded ${ph}×${pw} input`;
  return null;
}

export function filtersSchema(props: { channels?: number; filters?: number; size?: number; kernelSize?: number }) {
  return {
    channels: { kind: 'int', label: 'number of channels', default: props.channels ?? 2, min: 1, max: 3 },
    filters: { kind: 'int', label: 'number of filters', default: props.filters ?? 2, min: 1, max: 4 },
    size: { kind: 'int', label: 'input size', default: props.size ?? 4, min: 2, max: 5 },
    kernelSize: { kind: 'int', label: 'kernel size', default: props.kernelSize ?? 3, min: 1, max: 3 },
    stride: { kind: 'int', label: 'stride', default: 1, min: 1, max: 2 },
    padding: { kind: 'int', label: 'padding', default: 0, min: 0, max: 1 },
    seed: { kind: 'int', label: 'numbers', default: 1, min: 1, max: 9999 },
  } satisfies Schema;
}
export type FiltersState = StateOf<ReturnType<typeof filtersSchema>>;

export function checkFiltersFit(s: FiltersState): string | null {
  const padded = s.size + 2 * s.padding;
  return s.kernelSize > padded ? `the ${s.kernelSize}×${s.kernelSize} kernel is larger than the padded ${padded}×${padded} input` : null;
}

/** Small whole numbers from a seed (mulberry32): the inputs of the channels-and-filters view, reproducible from a link. */
export function seededInts(seed: number, count: number, min: number, max: number): number[] {
  let a = seed >>> 0;
  return Array.from({ length: count }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
  });
}
