// What the kernel-sliding widget keeps in a link: input, kernel, stride, padding, position, speed.
import { parseMatrix, type MatrixField, type Schema, type StateOf } from '../../store/schema';

export const CURRICULUM_INPUT = [[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]];
export const EDGE_KERNEL = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];

const inputField = (m: number[][]): MatrixField => ({ kind: 'matrix', label: 'input matrix', default: m, minSize: 1, maxSize: 10, maxAbs: 1000 });
const kernelField = (m: number[][]): MatrixField => ({ kind: 'matrix', label: 'kernel', default: m, minSize: 1, maxSize: 7, maxAbs: 1000 });

/** Props a lesson may give, as strings like `"1,0;0,1"`; a bad prop falls back to the curriculum example. */
export function slidingSchema(props: { input?: string; kernel?: string; stride?: number; padding?: number }) {
  const parse = (text: string | undefined, field: MatrixField) => {
    const m = text ? parseMatrix(text, field) : field.default;
    return typeof m === 'string' ? field.default : m;
  };
  const input = parse(props.input, inputField(CURRICULUM_INPUT));
  const kernel = parse(props.kernel, kernelField(EDGE_KERNEL));
  return {
    input: inputField(input),
    kernel: kernelField(kernel),
    stride: { kind: 'int', label: 'stride', default: props.stride ?? 1, min: 1, max: 4 },
    padding: { kind: 'int', label: 'padding', default: props.padding ?? 0, min: 0, max: 3 },
    step: { kind: 'int', label: 'window position', default: 0, min: 0, max: 99 },
    speed: { kind: 'enum', label: 'speed', default: 'normal', options: ['slow', 'normal', 'fast'] as const },
  } satisfies Schema;
}

export type SlidingSchema = ReturnType<typeof slidingSchema>;
export type SlidingState = StateOf<SlidingSchema>;

/** Rejects combinations no window fits, so a link never opens on an impossible setting. */
export function checkSliding(s: SlidingState): string | null {
  const ph = s.input.length + 2 * s.padding;
  const pw = s.input[0].length + 2 * s.padding;
  if (s.kernel.length > ph || s.kernel[0].length > pw) {
    return `the ${s.kernel.length}×${s.kernel[0].length} kernel is larger than the padded ${ph}×${pw} input`;
  }
  return null;
}
