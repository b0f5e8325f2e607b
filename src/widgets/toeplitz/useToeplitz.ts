// The engine computations behind every Toeplitz view: T (tfjs scatter), T · vec(x) (tfjs matMul) and
// conv2d, plus the geometry's index maps (where each weight sits, who reads each input cell).
import { conv2d, matMul, readersOfInput, toeplitz, toeplitzLayout, windowGeometry, type Pair, type ToeplitzLayout, type WindowGeometry } from '../../engine';
import { useEngineResult } from '../common/useEngineResult';

export interface ToeplitzResult {
  g: WindowGeometry;
  layout: ToeplitzLayout;
  /** T as the engine returned it, and flattened row-major for the canvas. */
  T: number[][];
  flatT: Float32Array;
  /** vec(x), T · vec(x) and conv2d's output, each flattened row-major. */
  x: number[];
  product: number[];
  output: number[];
  readers: number[][];
}

export async function computeToeplitz(input: number[][], kernel: number[][], stride: Pair, padding: Pair): Promise<ToeplitzResult> {
  const g = windowGeometry(input.length, input[0].length, [kernel.length, kernel[0].length], { stride, padding });
  const x = input.flat();
  const [T, [output]] = await Promise.all([toeplitz([[kernel]], [1, g.inH, g.inW], { stride, padding }), conv2d([input], [[kernel]], { stride, padding })]);
  const product = (await matMul(T, x.map((v) => [v]))).map((r) => r[0]);
  const flatT = new Float32Array(T.length * T[0].length);
  T.forEach((row, r) => flatT.set(row, r * row.length));
  return { g, layout: toeplitzLayout(g, 1, 1), T, flatT, x, product, output: output.flat(), readers: readersOfInput(g) };
}

export function useToeplitz(input: number[][], kernel: number[][], stride: Pair, padding: Pair) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useEngineResult<ToeplitzResult>(() => computeToeplitz(input, kernel, stride, padding), [input, kernel, JSON.stringify(stride), JSON.stringify(padding)]);
}
