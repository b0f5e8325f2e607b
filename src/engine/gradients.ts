// The gradient of a convolution with respect to its input, computed by tfjs' automatic
// differentiation (tf.grad) through the same padded conv2d the engine runs forward.
import * as tf from '@tensorflow/tfjs';
import { convSetup, padNHWC } from './conv';
import type { Pair, PaddingSpec } from './geometry';
import { checkVolume, filtersToHWCK, nhwcToVolume, volumeToNHWC, type FilterBank, type Volume } from './volumes';
import { runOnEngine } from './run';

/**
 * ∂L/∂input for L = Σ conv2d(input, filters) · g, i.e. the gradient that flows back into the input
 * when `g[k][y][x]` arrives at the output. `input[c][y][x]`, `filters[k][c][dy][dx]`,
 * `g[k][outH][outW]` → `[c][y][x]`, the input's shape. The convolution is linear in its input, so
 * the result does not depend on the input's values, only on its shape; cells no window reads get 0.
 */
export function convInputGradient(input: Volume, filters: FilterBank, g: Volume, opts: { stride?: Pair; padding?: PaddingSpec } = {}): Promise<Volume> {
  const { inShape, fShape, geometry: geo } = convSetup(input, filters, opts);
  const gShape = checkVolume(g, 'the output gradient');
  const want = [fShape[0], geo.outH, geo.outW];
  if (gShape.some((n, i) => n !== want[i])) {
    throw new RangeError(
      `The output gradient is ${gShape.join('×')} but the convolution's output is ${want.join('×')} (filters × rows × columns): ` +
        `give one gradient value per output cell.`,
    );
  }
  return runOnEngine(() => {
    const out = tf.tidy(() => {
      const x = volumeToNHWC(input, inShape);
      const w = filtersToHWCK(filters, fShape);
      const gt = volumeToNHWC(g, gShape);
      const loss = (v: tf.Tensor) => tf.conv2d(padNHWC(v as tf.Tensor4D, geo.pads), w, [geo.strideH, geo.strideW], 'valid').mul(gt).sum();
      return tf.grad(loss)(x) as tf.Tensor4D;
    });
    return nhwcToVolume(out);
  });
}
