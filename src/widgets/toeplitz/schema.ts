// What the Toeplitz widgets keep in a link: the signal or input and kernel, stride and padding; for
// the large canvas view also the input size and pattern, the zoom and the entry picked.
import type { Schema, StateOf } from '../../store/schema';
import { CURRICULUM_INPUT, EDGE_KERNEL, propMatrix } from '../im2col/schema';

const matrix = (label: string, m: number[][], maxSize: number) => ({ kind: 'matrix', label, default: m, minSize: 1, maxSize, maxAbs: 1000 }) as const;

export function smallSchema(dims: 1 | 2, props: { input?: string; kernel?: string; stride?: number; padding?: number }) {
  const [inputDefault, kernelDefault, maxIn, maxK] = dims === 1 ? [[[4, 1, 0, 2, 5, 3, 2, 1]], [[1, 2, 3]], 10, 5] : [CURRICULUM_INPUT, EDGE_KERNEL, 5, 3];
  const input = propMatrix(props.input, { ...matrix(dims === 1 ? 'signal' : 'input matrix', inputDefault, maxIn) });
  const kernel = propMatrix(props.kernel, { ...matrix('kernel', kernelDefault, maxK) });
  return {
    input: matrix(dims === 1 ? 'signal' : 'input matrix', input, maxIn),
    kernel: matrix('kernel', kernel, maxK),
    stride: { kind: 'int', label: 'stride', default: props.stride ?? 1, min: 1, max: dims === 1 ? 3 : 2 },
    padding: { kind: 'int', label: 'padding', default: props.padding ?? 0, min: 0, max: dims === 1 ? 2 : 1 },
  } satisfies Schema;
}
export type SmallState = StateOf<ReturnType<typeof smallSchema>>;

/** 1D views keep one row; every view needs the kernel to fit the padded input. */
export function checkSmall(dims: 1 | 2) {
  return (s: SmallState): string | null => {
    if (dims === 1 && (s.input.length !== 1 || s.kernel.length !== 1)) return 'a 1D signal and kernel have one row each';
    const ph = s.input.length + (dims === 2 ? 2 * s.padding : 0);
    const pw = s.input[0].length + 2 * s.padding;
    if (s.kernel.length > ph || s.kernel[0].length > pw) return `the ${s.kernel.length}×${s.kernel[0].length} kernel is larger than the padded ${ph}×${pw} input`;
    return null;
  };
}

export const PATTERNS = ['ring', 'diagonal', 'checks', 'ramp'] as const;
export type Pattern = (typeof PATTERNS)[number];

export function canvasSchema(props: { size?: number; kernel?: string }) {
  const kernel = propMatrix(props.kernel, matrix('kernel', EDGE_KERNEL, 3));
  return {
    size: { kind: 'int', label: 'input size', default: props.size ?? 28, min: 4, max: 28 },
    pattern: { kind: 'enum', label: 'input pattern', default: 'ring', options: PATTERNS },
    kernel: matrix('kernel', kernel, 3),
    stride: { kind: 'int', label: 'stride', default: 1, min: 1, max: 3 },
    padding: { kind: 'int', label: 'padding', default: 0, min: 0, max: 2 },
    zoom: { kind: 'number', label: 'zoom', default: 1, min: 1, max: 64 },
    zoomRow: { kind: 'number', label: 'zoom centre row', default: 0, min: 0, max: 1100 },
    zoomCol: { kind: 'number', label: 'zoom centre column', default: 0, min: 0, max: 1100 },
    row: { kind: 'int', label: 'picked row', default: -1, min: -1, max: 1100 },
    col: { kind: 'int', label: 'picked column', default: -1, min: -1, max: 1100 },
  } satisfies Schema;
}
export type CanvasState = StateOf<ReturnType<typeof canvasSchema>>;

export function checkCanvas(s: CanvasState): string | null {
  const p = s.size + 2 * s.padding;
  if (s.kernel.length > p || s.kernel[0].length > p) return `the ${s.kernel.length}×${s.kernel[0].length} kernel is larger than the padded ${p}×${p} input`;
  return null;
}

/** The input pictures of the canvas view: whole numbers 0–4 drawn on an n × n grid. */
export function patternInput(pattern: Pattern, n: number): number[][] {
  const c = (n - 1) / 2;
  return Array.from({ length: n }, (_, y) =>
    Array.from({ length: n }, (_, x) => {
      if (pattern === 'diagonal') return Math.abs(x - y) <= n / 10 ? 4 : 0;
      if (pattern === 'checks') return (Math.floor(x / Math.max(1, Math.round(n / 7))) + Math.floor(y / Math.max(1, Math.round(n / 7)))) % 2 ? 3 : 0;
      if (pattern === 'ramp') return Math.floor((4 * x) / Math.max(1, n - 1));
      const r = Math.hypot(x - c, y - c) / (n / 2);
      return r > 0.45 && r < 0.8 ? 4 : 0;
    }),
  );
}
