// Pooling (max, average, L2) per channel, and the max-pooling "switches": where each maximum came
// from, as the flat index y·W + x within its channel (what the deconvnet's unpooling needs).
import * as tf from '@tensorflow/tfjs';
import { im2colIndices, pair, windowGeometry, type Pair } from './geometry';
import { checkVolume, readChecked, volumeToNHWC, type Volume } from './volumes';
import { runOnEngine } from './run';

export type PoolMode = 'max' | 'avg' | 'l2';

export interface PoolOptions {
  size: Pair;
  /** Defaults to the window size (non-overlapping windows), as in PyTorch. */
  stride?: Pair;
  mode: PoolMode;
}

export interface PoolResult {
  output: Volume;
  /** Max pooling only: `switches[c][y][x]` = flat index y·W + x of the window's maximum (the first one, on ties). */
  switches?: number[][][];
}

export function pool2d(input: Volume, opts: PoolOptions): Promise<PoolResult> {
  const [C, H, W] = checkVolume(input, 'input');
  if (!opts || !['max', 'avg', 'l2'].includes(opts.mode)) {
    throw new TypeError(`Pooling mode must be 'max', 'avg' or 'l2', not ${JSON.stringify(opts?.mode)}.`);
  }
  const size = pair(opts.size, 'The pooling size');
  const g = windowGeometry(H, W, size, { stride: opts.stride ?? size });
  const [kH, kW] = [g.kH, g.kW];
  return runOnEngine(async () => {
    const out = tf.tidy(() => {
      const x = volumeToNHWC(input, [C, H, W]);
      const window: [number, number] = [kH, kW];
      const strides: [number, number] = [g.strideH, g.strideW];
      const y =
        opts.mode === 'max'
          ? tf.maxPool(x, window, strides, 'valid')
          : opts.mode === 'avg'
            ? tf.avgPool(x, window, strides, 'valid')
            : tf.sqrt(tf.avgPool(tf.square(x), window, strides, 'valid').mul(kH * kW));
      return y.squeeze([0]).transpose([2, 0, 1]);
    });
    const output = (await readChecked(out)) as Volume;
    if (opts.mode !== 'max') return { output };
    // Switches: gather every window (im2col indices), take the arg-max, map it back to a flat input index.
    const switchesT = tf.tidy(() => {
      const positions = g.outH * g.outW;
      const window = kH * kW;
      const table = tf.tensor1d(im2colIndices(g, 1), 'int32'); // [positions · window] flat input indices
      const flat = tf.tensor3d(volumeToFlatCHW(input, C, H, W), [C, H, W]).reshape([C, H * W]);
      const windows = tf.gather(flat, table, 1).reshape([C, positions, window]);
      const arg = tf.argMax(windows, 2).toInt(); // [C, positions], first maximum on ties
      const rowStart = tf.range(0, positions * window, window, 'int32').expandDims(0); // [1, positions]
      return tf.gather(table, tf.add(arg, rowStart)).reshape([C, g.outH, g.outW]);
    });
    const switches = (await readChecked(switchesT)) as number[][][];
    return { output, switches };
  });
}

function volumeToFlatCHW(input: Volume, C: number, H: number, W: number): Float32Array {
  const data = new Float32Array(C * H * W);
  let i = 0;
  for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[i++] = input[c][y][x];
  return data;
}
