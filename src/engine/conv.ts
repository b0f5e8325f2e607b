// Convolution as the deep-learning frameworks define it (cross-correlation, zero padding, floor
// for strides that leave cells over) and its transpose, over channels-first nested arrays.
import * as tf from '@tensorflow/tfjs';
import { pair, windowGeometry, type Pair, type PaddingSpec } from './geometry';
import { checkBias, checkFilters, checkVolume, filtersToHWCK, nhwcToVolume, volumeToNHWC, type FilterBank, type Volume } from './volumes';
import { runOnEngine } from './run';

export interface ConvOptions {
  stride?: Pair;
  padding?: PaddingSpec;
  /** One value per filter, added to its whole output map. */
  bias?: number[];
}

/** Checks input against filters and resolves the geometry; shared by conv2d and its callers. */
export function convSetup(input: unknown, filters: unknown, opts: ConvOptions = {}) {
  const inShape = checkVolume(input, 'input');
  const fShape = checkFilters(filters, 'filters');
  const [C, H, W] = inShape;
  const [K, FC, FH, FW] = fShape;
  if (FC !== C) {
    throw new RangeError(`The input has ${C} channel${C === 1 ? '' : 's'} but the filters have ${FC}: a filter always spans every input channel.`);
  }
  const bias = checkBias(opts.bias, K);
  const geometry = windowGeometry(H, W, [FH, FW], { stride: opts.stride, padding: opts.padding });
  return { inShape, fShape, bias, geometry };
}

/** Zero-pads a `[1, H, W, C]` tensor on each side as the geometry says. */
export function padNHWC(x: tf.Tensor4D, pads: { top: number; bottom: number; left: number; right: number }): tf.Tensor4D {
  if (!pads.top && !pads.bottom && !pads.left && !pads.right) return x;
  return tf.pad(x, [[0, 0], [pads.top, pads.bottom], [pads.left, pads.right], [0, 0]]);
}

/** 2D convolution: `input[c][y][x]`, `filters[k][c][dy][dx]` → `output[k][y][x]`. */
export function conv2d(input: Volume, filters: FilterBank, opts: ConvOptions = {}): Promise<Volume> {
  const { inShape, fShape, bias, geometry: g } = convSetup(input, filters, opts);
  return runOnEngine(() => {
    const out = tf.tidy(() => {
      const x = padNHWC(volumeToNHWC(input, inShape), g.pads);
      const y = tf.conv2d(x, filtersToHWCK(filters, fShape), [g.strideH, g.strideW], 'valid');
      return bias ? y.add(tf.tensor1d(bias)) : y;
    });
    return nhwcToVolume(out as tf.Tensor4D);
  });
}

export interface ConvTransposeOptions {
  stride?: Pair;
  /** Cells cropped from each side of the full transposed output (the forward convolution's padding). */
  padding?: Pair | 'valid';
  /** Extra rows/columns at the bottom/right, to recover input sizes a stride dropped (PyTorch's output_padding). */
  outputPadding?: Pair;
}

/**
 * Transposed convolution with the forward filters: `input[k][y][x]`, `filters[k][c][dy][dx]` → `[c][y][x]`
 * of size (n − 1)·s − 2p + f (+ outputPadding). It is the gradient of conv2d with respect to its input.
 */
export function convTranspose2d(input: Volume, filters: FilterBank, opts: ConvTransposeOptions = {}): Promise<Volume> {
  const [K, H, W] = checkVolume(input, 'input');
  const fShape = checkFilters(filters, 'filters');
  const [FK, C, FH, FW] = fShape;
  if (FK !== K) {
    throw new RangeError(`The input has ${K} channels but there are ${FK} filters: a transposed convolution takes one channel per forward filter.`);
  }
  const [sH, sW] = pair(opts.stride ?? 1, 'The stride');
  const [pH, pW] = opts.padding === undefined || opts.padding === 'valid' ? [0, 0] : pair(opts.padding, 'The padding');
  const [oH, oW] = pair(opts.outputPadding ?? 0, 'The output padding');
  for (const [v, what, min] of [[sH, 'The stride', 1], [sW, 'The stride', 1], [pH, 'The padding', 0], [pW, 'The padding', 0], [oH, 'The output padding', 0], [oW, 'The output padding', 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${what} must be a whole number of at least ${min}, not ${v}.`);
  }
  if (oH >= sH || oW >= sW) throw new RangeError(`The output padding (${oH}, ${oW}) must be smaller than the stride (${sH}, ${sW}).`);
  const fullH = (H - 1) * sH + FH;
  const fullW = (W - 1) * sW + FW;
  const outH = fullH - 2 * pH + oH;
  const outW = fullW - 2 * pW + oW;
  if (outH < 1 || outW < 1) {
    throw new RangeError(`Padding ${pH}×${pW} crops away the whole ${fullH}×${fullW} output: (n − 1)·s − 2p + f must be at least 1.`);
  }
  return runOnEngine(() => {
    const out = tf.tidy(() => {
      const x = volumeToNHWC(input, [K, H, W]);
      const full = tf.conv2dTranspose(x, filtersToHWCK(filters, fShape), [1, fullH, fullW, C], [sH, sW], 'valid');
      const extended = oH || oW ? tf.pad(full, [[0, 0], [0, oH], [0, oW], [0, 0]]) : full;
      return tf.slice(extended, [0, pH, pW, 0], [1, outH, outW, C]);
    });
    return nhwcToVolume(out as tf.Tensor4D);
  });
}
