// Convolution as matrix multiplication: the im2col patch matrix, the Toeplitz matrix T with
// T · vec(x) = vec(conv(x)), and a plain matrix product, all computed with tfjs ops from the
// indices that the sliding-window geometry gives.
import * as tf from '@tensorflow/tfjs';
import { im2colIndices, windowCells, windowGeometry, type Pair, type PaddingSpec, type WindowGeometry } from './geometry';
import { checkFilters, checkNested, checkVolume, flatten, readChecked, type FilterBank, type Matrix, type Volume } from './volumes';
import { runOnEngine } from './run';

/** Largest matrix (entries) these views build; beyond it a page would stall on nested arrays. */
export const MAX_MATRIX_ENTRIES = 4_000_000;

function checkEntries(rows: number, cols: number, what: string): void {
  if (rows * cols > MAX_MATRIX_ENTRIES) {
    throw new RangeError(`The ${what} would be ${rows} × ${cols} = ${(rows * cols).toLocaleString('en')} entries; the limit is ${MAX_MATRIX_ENTRIES.toLocaleString('en')}. Use a smaller input.`);
  }
}

/** The patch matrix as a tensor `[positions, C·kH·kW]` (call inside tf.tidy). */
function patchTensor(input: Volume, [C, H, W]: number[], g: WindowGeometry): tf.Tensor2D {
  const x = tf.tensor3d(flatten(input, C * H * W), [C, H, W]);
  const padded = tf.pad(x, [[0, 0], [g.pads.top, g.pads.bottom], [g.pads.left, g.pads.right]]).reshape([-1]);
  return tf.gather(padded, tf.tensor1d(im2colIndices(g, C), 'int32')).reshape([g.outH * g.outW, C * g.kH * g.kW]);
}

/**
 * im2col: one row per output position (row-major), columns in (c, dy, dx) order, padding cells as 0.
 * `input[c][y][x]` → `[positions][C·kH·kW]`.
 */
export function im2col(input: Volume, opts: { kernel: Pair; stride?: Pair; padding?: PaddingSpec }): Promise<Matrix> {
  const [C, H, W] = checkVolume(input, 'input');
  const g = windowGeometry(H, W, opts.kernel, { stride: opts.stride, padding: opts.padding });
  const cols = C * g.kH * g.kW;
  checkEntries(g.outH * g.outW, cols, 'im2col matrix');
  return runOnEngine(async () => {
    const t = tf.tidy(() => patchTensor(input, [C, H, W], g));
    return (await readChecked(t)) as Matrix;
  });
}

/**
 * The Toeplitz (doubly block-Toeplitz) matrix of a convolution: `(K·H'·W') × (C·H·W)` with
 * T · vec(input) = vec(output), vec in (c, y, x) order. Padding cells multiply zeros, so they
 * have no column. Rows are (k, y', x') in row-major order.
 */
export function toeplitz(filters: FilterBank, inputShape: [number, number, number], opts: { stride?: Pair; padding?: PaddingSpec } = {}): Promise<Matrix> {
  const [K, C, FH, FW] = checkFilters(filters, 'filters');
  if (!Array.isArray(inputShape) || inputShape.length !== 3 || !inputShape.every((n) => Number.isInteger(n) && n > 0)) {
    throw new TypeError(`inputShape must be [C, H, W] in whole numbers, not ${JSON.stringify(inputShape)}.`);
  }
  const [IC, H, W] = inputShape;
  if (IC !== C) throw new RangeError(`The input has ${IC} channels but the filters have ${C}: a filter always spans every input channel.`);
  const g = windowGeometry(H, W, [FH, FW], opts);
  const rows = K * g.outH * g.outW;
  const cols = C * H * W;
  checkEntries(rows, cols, 'Toeplitz matrix');
  // Where each kernel weight lands: (row, col) in T and which flat filter entry it is.
  const places: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < K; k++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    const row = (k * g.outH + oy) * g.outW + ox;
    for (const cell of windowCells(g, oy, ox)) {
      if (!cell.inside) continue;
      for (let c = 0; c < C; c++) {
        places.push(row, (c * H + cell.y) * W + cell.x);
        weights.push(((k * C + c) * FH + cell.dy) * FW + cell.dx);
      }
    }
  }
  return runOnEngine(async () => {
    const t = tf.tidy(() => {
      const w = tf.tensor1d(flatten(filters, K * C * FH * FW));
      const updates = tf.gather(w, tf.tensor1d(weights, 'int32'));
      return tf.scatterND(tf.tensor2d(places, [places.length / 2, 2], 'int32'), updates, [rows, cols]);
    });
    return (await readChecked(t)) as Matrix;
  });
}

/** Matrix product A · B with tfjs (`[n][m]` · `[m][p]` → `[n][p]`). */
export function matMul(a: Matrix, b: Matrix): Promise<Matrix> {
  const [n, m] = checkNested(a, 2, 'A');
  const [m2, p] = checkNested(b, 2, 'B');
  if (m !== m2) throw new RangeError(`A is ${n} × ${m} and B is ${m2} × ${p}: the inner sizes must match (${m} ≠ ${m2}).`);
  return runOnEngine(async () => {
    const t = tf.tidy(() => tf.matMul(tf.tensor2d(flatten(a, n * m), [n, m]), tf.tensor2d(flatten(b, m * p), [m, p])));
    return (await readChecked(t)) as Matrix;
  });
}

/**
 * Every term of every window's dot product: `[positions][C·kH·kW]`, term (c, dy, dx) of row p =
 * input value under the window × kernel weight, for filter `k`. Summing a row (plus bias) gives
 * the output cell; the kernel-sliding lesson writes these terms out.
 */
export function windowProducts(input: Volume, filters: FilterBank, opts: { stride?: Pair; padding?: PaddingSpec; filter?: number } = {}): Promise<Matrix> {
  const [C, H, W] = checkVolume(input, 'input');
  const [K, FC, FH, FW] = checkFilters(filters, 'filters');
  if (FC !== C) throw new RangeError(`The input has ${C} channels but the filters have ${FC}: a filter always spans every input channel.`);
  const k = opts.filter ?? 0;
  if (!Number.isInteger(k) || k < 0 || k >= K) throw new RangeError(`There is no filter ${k}: there are ${K}.`);
  const g = windowGeometry(H, W, [FH, FW], opts);
  return runOnEngine(async () => {
    const t = tf.tidy(() => patchTensor(input, [C, H, W], g).mul(tf.tensor1d(flatten(filters[k], C * FH * FW))));
    return (await readChecked(t)) as Matrix;
  });
}
