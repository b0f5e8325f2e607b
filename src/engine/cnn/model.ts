// The small MNIST CNN: its architecture as plain data, the shape and parameter arithmetic of
// every layer (no tfjs needed), and the tfjs forward pass over explicit, seeded tf.Variables.
//
// Why hand-written ops and not tf.layers: a conv is tf.conv2d + bias, a dense layer is one
// matMul, so the whole model is ~40 lines we fully control. There is no layers bookkeeping
// per step (tf.layers re-validates shapes and creates symbolic wrappers on every call), the
// weights are exactly the tf.Variables we create and dispose, every intermediate activation is
// at hand for feature maps, the initialisation is seeded in plain JS (the wasm backend has no
// random kernels), and gradients route through the same kernels that wasmBackpropFilter.ts
// provides. Convolutions use stride 1 and 'valid' padding by default, as LeNet did: each 5×5
// conv shrinks the map by 4 (28 → 24, 12 → 8) and never invents border pixels; 'same' is
// available for students who want to keep the size. Max-pooling windows do not overlap
// (stride = size) and a leftover row or column is dropped (floor), as in 'valid' pooling.
import * as tf from '@tensorflow/tfjs';
import { mulberry32, uniformArray } from './random';

export type Padding = 'valid' | 'same';

/** One layer of the network, as plain serialisable data. */
export type LayerSpec =
  | { type: 'conv'; filters: number; kernelSize: number; padding: Padding } // stride 1
  | { type: 'relu' }
  | { type: 'maxpool'; size: number } // size×size windows, stride = size
  | { type: 'dense'; units: number } // flattens its input first
  | { type: 'softmax' };

export interface ModelSpec {
  /** `[height, width, channels]` of one input image: `[28, 28, 1]` for MNIST. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** Student-adjustable knobs of the LeNet-style default. */
export interface LeNetOptions {
  conv1Filters?: number;
  conv2Filters?: number;
  kernelSize?: number;
  padding?: Padding;
}

/** conv f1@k×k → ReLU → maxpool 2 → conv f2@k×k → ReLU → maxpool 2 → dense 10 → softmax. */
export function lenetSpec(options: LeNetOptions = {}): ModelSpec {
  const { conv1Filters = 8, conv2Filters = 16, kernelSize = 5, padding = 'valid' } = options;
  return {
    inputShape: [28, 28, 1],
    layers: [
      { type: 'conv', filters: conv1Filters, kernelSize, padding },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv', filters: conv2Filters, kernelSize, padding },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'dense', units: 10 },
      { type: 'softmax' },
    ],
  };
}

/** The default architecture: 8 and 16 filters of 5×5, 5,994 parameters. */
export const DEFAULT_SPEC: ModelSpec = lenetSpec();

/** What one layer does to the shapes, and what it costs in parameters. */
export interface LayerInfo {
  /** `conv1`, `relu1`, `pool1`, …, `dense1`, `softmax`: also the weight-name prefix. */
  name: string;
  spec: LayerSpec;
  /** `[height, width, channels]` for image-like outputs, `[units]` after a dense layer. */
  outputShape: number[];
  /** Shapes of the trainable tensors, `kernel` first then `bias`; empty without parameters. */
  weightShapes: number[][];
  params: number;
  /** The parameter count worked out for a student, e.g. `8 · (5·5·1) + 8 = 208`. */
  paramFormula: string;
}

export interface ModelSummary {
  layers: LayerInfo[];
  totalParams: number;
  /** `[classes]` of the last layer. */
  outputShape: number[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Walks the spec with plain arithmetic: output shape and parameter count of every layer.
 * Throws a RangeError whose message a student can read when a layer does not fit its input.
 */
export function describeModel(spec: ModelSpec): ModelSummary {
  let shape: number[] = [...spec.inputShape];
  const counts: Record<string, number> = {};
  const layers: LayerInfo[] = spec.layers.map((layer, i) => {
    const prefix = { conv: 'conv', relu: 'relu', maxpool: 'pool', dense: 'dense', softmax: 'softmax' }[layer.type];
    counts[prefix] = (counts[prefix] ?? 0) + 1;
    const name = layer.type === 'softmax' ? 'softmax' : `${prefix}${counts[prefix]}`;
    const where = `layer ${i + 1} (${name})`;
    let weightShapes: number[][] = [];
    let params = 0;
    let paramFormula = 'no parameters';
    if (layer.type === 'conv') {
      if (shape.length !== 3) throw new RangeError(`${where}: a convolution needs an image-shaped input, not [${shape}]`);
      const [h, w, c] = shape;
      const k = layer.kernelSize;
      if (!Number.isInteger(k) || k < 1) throw new RangeError(`${where}: kernel size must be a whole number ≥ 1, not ${k}`);
      if (!Number.isInteger(layer.filters) || layer.filters < 1) {
        throw new RangeError(`${where}: the number of filters must be a whole number ≥ 1, not ${layer.filters}`);
      }
      if (layer.padding === 'valid' && (h < k || w < k)) {
        throw new RangeError(`${where}: a ${k}×${k} kernel does not fit a ${h}×${w} input without padding: ${h} − ${k} + 1 = ${h - k + 1}`);
      }
      shape = layer.padding === 'valid' ? [h - k + 1, w - k + 1, layer.filters] : [h, w, layer.filters];
      weightShapes = [[k, k, c, layer.filters], [layer.filters]];
      params = layer.filters * k * k * c + layer.filters;
      paramFormula = `${layer.filters} · (${k}·${k}·${c}) + ${layer.filters} = ${fmt(params)}`;
    } else if (layer.type === 'maxpool') {
      if (shape.length !== 3) throw new RangeError(`${where}: pooling needs an image-shaped input, not [${shape}]`);
      const [h, w, c] = shape;
      const s = layer.size;
      if (!Number.isInteger(s) || s < 1) throw new RangeError(`${where}: pool size must be a whole number ≥ 1, not ${s}`);
      if (h < s || w < s) throw new RangeError(`${where}: a ${s}×${s} pool does not fit a ${h}×${w} input: ⌊${h} / ${s}⌋ = 0`);
      shape = [Math.floor(h / s), Math.floor(w / s), c];
    } else if (layer.type === 'dense') {
      if (!Number.isInteger(layer.units) || layer.units < 1) {
        throw new RangeError(`${where}: the number of units must be a whole number ≥ 1, not ${layer.units}`);
      }
      const inputs = shape.reduce((a, b) => a * b, 1);
      weightShapes = [[inputs, layer.units], [layer.units]];
      params = inputs * layer.units + layer.units;
      paramFormula = `(${shape.join('·')}) · ${layer.units} + ${layer.units} = ${fmt(params)}`;
      shape = [layer.units];
    } else if (layer.type === 'softmax' && i !== spec.layers.length - 1) {
      throw new RangeError(`${where}: softmax turns scores into probabilities and must be the last layer`);
    }
    return { name, spec: layer, outputShape: [...shape], weightShapes, params, paramFormula };
  });
  const last = spec.layers[spec.layers.length - 1];
  if (last?.type !== 'softmax' || shape.length !== 1) {
    throw new RangeError('the network must end with a dense layer followed by softmax, one probability per class');
  }
  return { layers, totalParams: layers.reduce((n, l) => n + l.params, 0), outputShape: shape };
}

/** The model in tfjs: one kernel and one bias tf.Variable per conv and dense layer. */
export interface CnnModel {
  readonly spec: ModelSpec;
  readonly summary: ModelSummary;
  /** Named in layer order: `conv1/kernel`, `conv1/bias`, …, `dense1/bias`. */
  readonly variables: { name: string; variable: tf.Variable }[];
  /**
   * Runs `x` (`[n, h, w, c]`, values 0..1) through every layer but the final softmax and
   * returns the logits `[n, classes]`. `onLayer` sees every layer's output, softmax included
   * when `withSoftmax` is set. Call inside tf.tidy.
   */
  forward(x: tf.Tensor4D, onLayer?: (info: LayerInfo, output: tf.Tensor) => void, withSoftmax?: boolean): tf.Tensor2D;
  /** Overwrites every variable with a fresh seeded initialisation. */
  initialise(seed: number): void;
  /** Disposes every variable; the model is unusable afterwards. */
  dispose(): void;
}

/**
 * Seeded initial values: He-uniform for conv kernels (they feed ReLUs; limit √(6 / fan-in)),
 * Glorot-uniform for dense kernels (limit √(6 / (fan-in + fan-out))), zero biases. Drawn in
 * plain JS, layer by layer, so every backend starts from bit-identical weights.
 */
export function initialWeights(summary: ModelSummary, seed: number): Float32Array[] {
  const random = mulberry32(seed);
  const out: Float32Array[] = [];
  for (const layer of summary.layers) {
    if (layer.weightShapes.length === 0) continue;
    const [kernel, bias] = layer.weightShapes;
    const size = kernel.reduce((a, b) => a * b, 1);
    const fanOut = kernel[kernel.length - 1];
    const fanIn = size / fanOut;
    const limit = layer.spec.type === 'conv' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    out.push(uniformArray(size, limit, random), new Float32Array(bias[0]));
  }
  return out;
}

/** Creates the variables (owned by the returned model until `dispose`). */
export function buildModel(spec: ModelSpec, seed: number): CnnModel {
  const summary = describeModel(spec);
  const init = initialWeights(summary, seed);
  const variables: { name: string; variable: tf.Variable }[] = [];
  for (const layer of summary.layers) {
    layer.weightShapes.forEach((shape, j) => {
      const values = init[variables.length];
      // Long-lived weights: tf.variable keeps them out of any tidy; dispose() frees them.
      const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape), true));
      variables.push({ name: `${layer.name}/${j === 0 ? 'kernel' : 'bias'}`, variable });
    });
  }
  const byName = new Map(variables.map((v) => [v.name, v.variable]));

  function forward(x: tf.Tensor4D, onLayer?: (info: LayerInfo, output: tf.Tensor) => void, withSoftmax = false) {
    let h: tf.Tensor = x;
    for (const info of summary.layers) {
      const layer = info.spec;
      if (layer.type === 'conv') {
        const conv = tf.conv2d(h as tf.Tensor4D, byName.get(`${info.name}/kernel`) as tf.Tensor4D, 1, layer.padding);
        h = tf.add(conv, byName.get(`${info.name}/bias`)!);
      } else if (layer.type === 'relu') {
        h = tf.relu(h);
      } else if (layer.type === 'maxpool') {
        h = tf.maxPool(h as tf.Tensor4D, layer.size, layer.size, 'valid');
      } else if (layer.type === 'dense') {
        const flat = tf.reshape(h, [h.shape[0], -1]);
        h = tf.add(tf.matMul(flat as tf.Tensor2D, byName.get(`${info.name}/kernel`) as tf.Tensor2D), byName.get(`${info.name}/bias`)!);
      } else {
        if (withSoftmax && onLayer) onLayer(info, tf.softmax(h as tf.Tensor2D));
        break; // the logits are the result; the trainer's loss applies softmax itself
      }
      onLayer?.(info, h);
    }
    return h as tf.Tensor2D;
  }

  function initialise(newSeed: number) {
    const values = initialWeights(summary, newSeed);
    tf.tidy(() => variables.forEach(({ variable }, i) => variable.assign(tf.tensor(values[i], variable.shape))));
  }

  return {
    spec, summary, variables, forward, initialise,
    dispose: () => variables.forEach(({ variable }) => variable.dispose()),
  };
}
