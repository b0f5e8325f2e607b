// Teaches the tfjs 'wasm' backend to train CNNs: tfjs-backend-wasm 4.22 has no
// Conv2DBackpropFilter kernel, so we register one built from kernels it does have.
//
// The filter gradient is itself a convolution. For a forward conv with stride s and padding
// (top, left):   dW[fh, fw, ci, co] = Σ_{n,y,x} x[n, y·s + fh − top, x·s + fw − left, ci] · dy[n, y, x, co].
// Swap the batch and channel axes of x (x' = [ci, H, W, n]) and use dy as a filter
// (dy' = [outH, outW, n, co]): then dW (as [ci, fh, fw, co]) is a stride-1 conv of x' with dy'
// whose taps are s apart (dilation s), with x' padded by (top, left). We run it with the
// backend's own Transpose, Conv2D (XNNPACK) and Slice kernels, so it is as fast as inference.
// Optionally (fastBackpropInput) the slow stride-1 Conv2DBackpropInput is rerouted the same way.
import * as tf from '@tensorflow/tfjs';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * Every kernel one training step of src/engine/cnn (forward, backward, sgd/momentum/adam
 * update, metrics, divergence check) runs, found with `tf.profile` on the cpu backend; a unit
 * test re-profiles a real step so this list cannot silently fall behind the code.
 */
export const TRAINING_KERNELS: readonly string[] = [
  // forward pass, loss, metrics, predictions
  'Conv2D', 'Add', 'Relu', 'MaxPool', 'Reshape', 'BatchMatMul', 'Max', 'Sub', 'Exp', 'Sum',
  'Log', 'Multiply', 'Neg', 'RealDiv', 'Cast', 'ArgMax', 'Equal', 'Softmax', 'Pack',
  // backward pass
  'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Step', 'Identity',
  // optimizer updates and the finite-weights check
  'Sqrt', 'Square', 'AddN', 'IsNan', 'IsInf', 'LogicalOr',
];

/** Kernels from TRAINING_KERNELS that `backendName` lacks (an empty list means it can train). */
export function missingTrainingKernels(backendName: string): string[] {
  return TRAINING_KERNELS.filter((name) => tf.getKernel(name, backendName) == null);
}

/** Runs another kernel registered for the same backend, directly (no tape, no engine tensor). */
function run(name: string, args: KernelArgs): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel == null) throw new Error(`wasm Conv2DBackpropFilter needs the wasm '${name}' kernel`);
  const out = kernel.kernelFunc(args);
  return Array.isArray(out) ? out[0] : out;
}

/** Conv2DBackpropFilter for the wasm backend: inputs {x, dy}, attrs as in tfjs-core. */
export function conv2DBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as tf.KernelBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat !== 'NHWC') {
    throw new Error(`wasm Conv2DBackpropFilter supports only NHWC data, not ${attrs.dataFormat}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1,
    attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { outHeight, outWidth, inHeight, inWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Rows the widest tap reaches, beyond the input: pad the far side only as far as needed.
  const bottom = Math.max(0, fh + (outHeight - 1) * sh - top - inHeight);
  const right = Math.max(0, fw + (outWidth - 1) * sw - left - inWidth);

  if (outHeight * outWidth * info.batchSize === 0) {
    // No output positions, no gradient (and XNNPACK would read out of bounds on an empty filter).
    return run('Fill', { inputs: {}, backend, attrs: { shape: attrs.filterShape, value: 0, dtype: 'float32' } });
  }
  const temps: tf.TensorInfo[] = [];
  const keep = <T extends tf.TensorInfo>(t: T): T => (temps.push(t), t);
  try {
    const xT = keep(run('Transpose', { inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } }));
    const dyT = keep(run('Transpose', { inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } }));
    const conv = keep(run('Conv2D', {
      inputs: { x: xT, filter: dyT }, backend,
      attrs: {
        strides: [1, 1], dilations: [sh, sw], dataFormat: 'NHWC', dimRoundingMode: undefined,
        pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
      } as unknown as tf.NamedAttrMap,
    })); // [ci, ≥fh, ≥fw, co]
    let cropped = conv;
    if (conv.shape[1] !== fh || conv.shape[2] !== fw) {
      cropped = keep(run('Slice', {
        inputs: { x: conv }, backend,
        attrs: { begin: [0, 0, 0, 0], size: [conv.shape[0], fh, fw, conv.shape[3]] },
      }));
    }
    return run('Transpose', { inputs: { x: cropped }, backend, attrs: { perm: [1, 2, 0, 3] } });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

/**
 * Stride-1 Conv2DBackpropInput through XNNPACK: dx is a 'full' convolution of dy with the
 * filter turned 180° and its in/out channels swapped, dy padded by (k − 1 − pad) on each side.
 * tfjs-wasm's own kernel is a plain loop, the slowest step of training (≈35 % of a batch);
 * other strides go to `fallback`, the kernel this one replaces.
 */
function conv2DBackpropInputWasm(fallback: tf.KernelFunc) {
  return (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as tf.KernelBackend;
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1,
      attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
    const empty = info.outHeight * info.outWidth * info.batchSize * info.inChannels === 0;
    if (attrs.dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1 || empty) return fallback(args);
    const { filterHeight: fh, filterWidth: fw, padInfo } = info;
    const temps: tf.TensorInfo[] = [];
    const keep = <T extends tf.TensorInfo>(t: T): T => (temps.push(t), t);
    try {
      const flipped = keep(run('Reverse', { inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }));
      const swapped = keep(run('Transpose', { inputs: { x: flipped }, backend, attrs: { perm: [0, 1, 3, 2] } }));
      return run('Conv2D', {
        inputs: { x: dy, filter: swapped }, backend,
        attrs: {
          strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC', dimRoundingMode: undefined,
          pad: [[0, 0], [fh - 1 - padInfo.top, fh - 1 - padInfo.bottom], [fw - 1 - padInfo.left, fw - 1 - padInfo.right], [0, 0]],
        } as unknown as tf.NamedAttrMap,
      });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
}

export interface WasmTrainingOptions {
  /**
   * Also replace wasm's Conv2DBackpropInput (stride 1) by an XNNPACK convolution: training
   * runs ≈1.3× faster. Off by default because it swaps a kernel tfjs already has, for every
   * caller (conv2dTranspose included); the unit tests check it against the cpu backend.
   */
  fastBackpropInput?: boolean;
}

let replacedBackpropInput = false;

/**
 * Registers the training kernels the wasm backend lacks (today only Conv2DBackpropFilter).
 * Safe to call many times and before or after the wasm backend is initialised; a kernel
 * that tfjs itself provides in a later version is left alone. Returns what it registered.
 */
export function registerWasmTrainingKernels(options: WasmTrainingOptions = {}): string[] {
  const added: string[] = [];
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') == null) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: 'wasm',
      kernelFunc: conv2DBackpropFilterWasm as tf.KernelFunc,
    });
    added.push('Conv2DBackpropFilter');
  }
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (options.fastBackpropInput && !replacedBackpropInput && original != null) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({
      ...original, // keeps its setupFunc, which the fallback needs if wasm starts later
      kernelFunc: conv2DBackpropInputWasm(original.kernelFunc) as tf.KernelFunc,
    });
    replacedBackpropInput = true;
    added.push('Conv2DBackpropInput');
  }
  return added;
}
