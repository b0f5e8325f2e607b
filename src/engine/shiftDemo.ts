// Why max pooling buys robustness to small shifts: an input and the same input moved by a cell,
// their convolutions ('same' zero padding) and the max-pooled convolutions, and how many cells of
// each changed. Every number, including the counts, comes from tfjs.
import * as tf from '@tensorflow/tfjs';
import { windowGeometry } from './geometry';
import { runOnEngine } from './run';
import { checkNested, readChecked, type Matrix } from './volumes';

export interface ShiftOptions {
  /** Rows and columns to move the input by (positive: down / right); zeros come in at the border. */
  dy: number;
  dx: number;
  /** Max-pooling window and stride. */
  pool: number;
}

export interface ShiftComparison {
  shifted: Matrix;
  conv: Matrix;
  convShifted: Matrix;
  pooled: Matrix;
  pooledShifted: Matrix;
  convChanged: Matrix; // 1 where the shift changed the cell, else 0
  pooledChanged: Matrix;
  /** [changed cells, all cells, changed share 0…1] for the convolution and for the pooled result. */
  convCount: [number, number, number];
  pooledCount: [number, number, number];
}

export function shiftComparison(input: Matrix, kernel: Matrix, opts: ShiftOptions): Promise<ShiftComparison> {
  const [H, W] = checkNested(input, 2, 'input');
  const [kh, kw] = checkNested(kernel, 2, 'kernel');
  for (const [name, v] of [['The row shift', opts.dy], ['The column shift', opts.dx]] as const) {
    if (!Number.isInteger(v) || Math.abs(v) > 2) throw new RangeError(`${name} must be a whole number from −2 to 2, not ${v}.`);
  }
  windowGeometry(H, W, [kh, kw], { padding: 'same' });
  windowGeometry(H, W, opts.pool, { stride: opts.pool }); // throws a sentence when the pool window does not fit
  const { dy, dx, pool } = opts;
  return runOnEngine(async () => {
    const parts = tf.tidy(() => {
      const x = tf.tensor2d(input.flat(), [H, W]);
      const shifted = x.pad([[Math.max(dy, 0), Math.max(-dy, 0)], [Math.max(dx, 0), Math.max(-dx, 0)]]).slice([Math.max(-dy, 0), Math.max(-dx, 0)], [H, W]);
      const k = tf.tensor4d(kernel.flat(), [kh, kw, 1, 1]);
      const conv = (m: tf.Tensor2D) => tf.conv2d(m.reshape([1, H, W, 1]) as tf.Tensor4D, k, 1, 'same');
      const maxPool = (m: tf.Tensor4D) => tf.maxPool(m, pool, pool, 'valid');
      const [c0, c1] = [conv(x), conv(shifted as tf.Tensor2D)];
      const [p0, p1] = [maxPool(c0), maxPool(c1)];
      const changed = (a: tf.Tensor, b: tf.Tensor) => tf.notEqual(a, b).toFloat();
      const count = (m: tf.Tensor) => tf.stack([m.sum(), tf.scalar(m.size), m.mean()]);
      const [cc, pc] = [changed(c0, c1), changed(p0, p1)];
      const plane = (t: tf.Tensor) => t.reshape([t.shape[1]!, t.shape[2]!]); // [1, h, w, 1] → [h, w]
      return {
        shifted, conv: plane(c0), convShifted: plane(c1), pooled: plane(p0), pooledShifted: plane(p1),
        convChanged: plane(cc), pooledChanged: plane(pc), convCount: count(cc), pooledCount: count(pc),
      } as Record<string, tf.Tensor>;
    });
    const out: Record<string, unknown> = {};
    for (const [key, t] of Object.entries(parts)) out[key] = await readChecked(t);
    return out as unknown as ShiftComparison;
  });
}
