// Trains the MNIST CNN one batch at a time and answers questions about it (evaluate, predict,
// feature maps, weights) with plain numbers. Owns every tensor it makes; dispose() frees all.
import * as tf from '@tensorflow/tfjs';
import { batchTensors, NUM_CLASSES, type MnistSet } from './mnistData';
import { buildModel, DEFAULT_SPEC, type CnnModel, type ModelSpec } from './model';
import { mulberry32, shuffledIndices, type Random } from './random';
import { checkWeights, type ModelWeights } from './weights';

export type OptimizerName = 'sgd' | 'momentum' | 'adam';

export interface TrainerOptions {
  /** Digits to learn from; batches are drawn in a seeded order, reshuffled every epoch. */
  train: MnistSet;
  spec?: ModelSpec;
  /** Seeds the initial weights and the batch order. */
  seed?: number;
  optimizer?: OptimizerName;
  learningRate?: number;
  batchSize?: number;
}

/** Suggested learning rates, one per optimizer. */
export const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = { sgd: 0.1, momentum: 0.02, adam: 0.003 };

/**
 * A batch loss above this means the model gives the right digit a probability below
 * e^−9.2 ≈ 1/10,000 on average: far worse than guessing (ln 10 ≈ 2.3). A model that is
 * learning never gets there; one whose learning rate is too high gets there in a few steps.
 */
export const EXPLODING_LOSS = 4 * Math.LN10;

export type BatchResult =
  | { status: 'ok'; step: number; epoch: number; loss: number; accuracy: number }
  | {
      status: 'diverged';
      step: number;
      epoch: number;
      loss: number;
      reason: 'not-finite' | 'exploding';
      /** A sentence for the student: what happened and what to try. */
      explanation: string;
    };

export interface EvalResult {
  count: number;
  loss: number;
  accuracy: number;
  /** `confusion[true][predicted]` counts. */
  confusion: number[][];
}

/** Plain numbers with their shape, e.g. `[1, 24, 24, 8]`. */
export interface PlainTensor {
  shape: number[];
  values: Float32Array;
}

export interface FeatureMap extends PlainTensor {
  /** `input`, `conv1`, `relu1`, `pool1`, …, `dense1`, `softmax`. */
  layer: string;
  type: 'input' | ModelSpec['layers'][number]['type'];
}

export interface Trainer {
  readonly spec: ModelSpec;
  readonly step: number;
  readonly epoch: number;
  /** Set by the first diverged batch; trainBatch then does nothing until reset(). */
  readonly diverged: boolean;
  trainBatch(): Promise<BatchResult>;
  /** Loss, accuracy and confusion matrix over `set`, in chunks (no gradients). */
  evaluate(set: MnistSet, chunkSize?: number): Promise<EvalResult>;
  /** `images`: `[n, rows, cols]` flattened, values 0..1 → probabilities `[n, 10]`. */
  predict(images: Float32Array): PlainTensor;
  /** Every layer's output for one image (`[rows * cols]`, values 0..1), input first. */
  featureMaps(image: Float32Array): FeatureMap[];
  getWeights(): ModelWeights;
  /** Loads weights for the same architecture; keeps the optimizer's state. */
  setWeights(weights: ModelWeights): void;
  /** Changes the step size from the next batch on, keeping the optimizer's momentum/moments. */
  setLearningRate(learningRate: number): void;
  /** Fresh weights from the seed, fresh optimizer (at the current learning rate), step 0. */
  reset(): void;
  dispose(): void;
}

function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  if (name === 'sgd') return tf.train.sgd(learningRate);
  if (name === 'momentum') return tf.train.momentum(learningRate, 0.9);
  return tf.train.adam(learningRate);
}

/**
 * optimizer.dispose(), plus what tfjs 4.22 forgets: MomentumOptimizer.dispose() never disposes
 * the learning-rate scalar it inherits from SGD. Disposing a disposed tensor is a no-op.
 */
function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  for (const value of Object.values(optimizer)) if (value instanceof tf.Tensor) value.dispose();
}

function explain(reason: 'not-finite' | 'exploding', loss: number, step: number, options: Required<Omit<TrainerOptions, 'train' | 'spec'>>): string {
  const what = reason === 'not-finite'
    ? `At step ${step} the loss became ${Number.isNaN(loss) ? 'NaN (not a number)' : 'infinite'}, or a weight did: the numbers grew too large to compute.`
    : `At step ${step} the loss jumped to ${loss.toPrecision(3)}; guessing at random would give ${Math.LN10.toFixed(2)}.`;
  return `${what} The learning rate ${options.learningRate} is too large for ${options.optimizer}: each update overshoots `
    + `the valley of the loss and lands higher up, so the next update is even bigger. Reset the model and try a learning rate about ten times smaller.`;
}

/** Creates a trainer; its model and optimizer live until `dispose()`. */
export function createTrainer(options: TrainerOptions): Trainer {
  const settings = {
    seed: options.seed ?? 1,
    optimizer: options.optimizer ?? 'adam',
    learningRate: options.learningRate ?? DEFAULT_LEARNING_RATES[options.optimizer ?? 'adam'],
    batchSize: options.batchSize ?? 32,
  };
  const { train } = options;
  if (!(settings.learningRate > 0)) throw new RangeError(`the learning rate must be above 0, not ${settings.learningRate}`);
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1 || settings.batchSize > train.count) {
    throw new RangeError(`batch size ${settings.batchSize} must be a whole number from 1 to ${train.count} (the training digits)`);
  }
  const model: CnnModel = buildModel(options.spec ?? DEFAULT_SPEC, settings.seed);
  const vars = model.variables.map((v) => v.variable);
  const batchesPerEpoch = Math.floor(train.count / settings.batchSize);
  let optimizer = makeOptimizer(settings.optimizer, settings.learningRate);
  let random: Random = mulberry32(settings.seed ^ 0x9e3779b9);
  let order = shuffledIndices(train.count, random);
  let step = 0;
  let diverged: BatchResult | null = null;
  let disposed = false;

  const alive = () => {
    if (disposed) throw new Error('this trainer was disposed');
  };

  /** Loss (mean cross-entropy) and accuracy of logits against one-hot labels, as scalars. */
  const lossOf = (logits: tf.Tensor2D, ys: tf.Tensor2D) => tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
  const correctOf = (logits: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32'));

  async function trainBatch(): Promise<BatchResult> {
    alive();
    if (diverged) return diverged;
    // Claim the batch before awaiting, so overlapping calls still train on different batches.
    const epoch = Math.floor(step / batchesPerEpoch);
    const first = (step % batchesPerEpoch) * settings.batchSize;
    if (first === 0 && step > 0) order = shuffledIndices(train.count, random);
    const thisStep = ++step;
    const { xs, ys } = batchTensors(train, order.subarray(first, first + settings.batchSize));
    const metrics = tf.tidy(() => {
      let correct: tf.Scalar | null = null;
      const { value, grads } = tf.variableGrads((): tf.Scalar => {
        const logits = model.forward(xs);
        correct = tf.keep(correctOf(logits, ys));
        return lossOf(logits, ys);
      }, vars);
      optimizer.applyGradients(grads);
      const nonFinite = tf.addN(vars.map((v) => tf.sum(tf.cast(tf.logicalOr(tf.isNaN(v), tf.isInf(v)), 'float32'))));
      const out = tf.stack([value, correct!, nonFinite]);
      tf.dispose(correct!);
      return out;
    });
    tf.dispose([xs, ys]);
    const [loss, correct, nonFinite] = await metrics.data();
    metrics.dispose();
    if (diverged) return diverged; // an overlapping call got there first
    if (!Number.isFinite(loss) || nonFinite > 0 || loss > EXPLODING_LOSS) {
      const reason = !Number.isFinite(loss) || nonFinite > 0 ? 'not-finite' : 'exploding';
      diverged = { status: 'diverged', step: thisStep, epoch, loss, reason, explanation: explain(reason, loss, thisStep, settings) };
      return diverged;
    }
    return { status: 'ok', step: thisStep, epoch, loss, accuracy: correct / settings.batchSize };
  }

  async function evaluate(set: MnistSet, chunkSize = 500): Promise<EvalResult> {
    alive();
    const confusion = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < set.count; start += chunkSize) {
      const indices = Array.from({ length: Math.min(chunkSize, set.count - start) }, (_, i) => start + i);
      const { xs, ys } = batchTensors(set, indices);
      const [lossT, predT] = tf.tidy(() => {
        const logits = model.forward(xs);
        return [tf.mul(lossOf(logits, ys), indices.length), tf.argMax(logits, 1)];
      });
      tf.dispose([xs, ys]);
      const [lossValue, predicted] = await Promise.all([lossT.data(), predT.data()]);
      tf.dispose([lossT, predT]);
      lossSum += lossValue[0];
      indices.forEach((j, i) => {
        confusion[set.labels[j]][predicted[i]] += 1;
        if (predicted[i] === set.labels[j]) correct += 1;
      });
    }
    return { count: set.count, loss: lossSum / set.count, accuracy: correct / set.count, confusion };
  }

  const [rows, cols, channels] = model.spec.inputShape;
  const imageSize = rows * cols * channels;

  function predict(images: Float32Array): PlainTensor {
    alive();
    if (images.length === 0 || images.length % imageSize !== 0) {
      throw new RangeError(`images must hold whole ${rows}×${cols} images (${imageSize} values each), got ${images.length} values`);
    }
    const n = images.length / imageSize;
    const probs = tf.tidy(() => tf.softmax(model.forward(tf.tensor4d(images, [n, rows, cols, channels]))));
    const values = probs.dataSync() as Float32Array;
    probs.dispose();
    return { shape: [n, NUM_CLASSES], values };
  }

  function featureMaps(image: Float32Array): FeatureMap[] {
    alive();
    if (image.length !== imageSize) throw new RangeError(`an image has ${imageSize} values, got ${image.length}`);
    const maps: FeatureMap[] = [{ layer: 'input', type: 'input', shape: [1, rows, cols, channels], values: Float32Array.from(image) }];
    tf.tidy(() => {
      model.forward(tf.tensor4d(image, [1, rows, cols, channels]), (info, output) => {
        maps.push({ layer: info.name, type: info.spec.type, shape: output.shape, values: output.dataSync() as Float32Array });
      }, true);
    });
    return maps;
  }

  function getWeights(): ModelWeights {
    alive();
    return {
      spec: structuredClone(model.spec),
      weights: model.variables.map(({ name, variable }) => ({ name, shape: [...variable.shape], values: variable.dataSync() as Float32Array })),
    };
  }

  function setWeights(weights: ModelWeights): void {
    alive();
    checkWeights({ spec: model.spec, weights: weights.weights }); // names the first misfit
    if (JSON.stringify(weights.spec) !== JSON.stringify(model.spec)) {
      throw new RangeError('these weights belong to a different architecture; create a trainer with their spec');
    }
    tf.tidy(() => model.variables.forEach(({ variable }, i) => variable.assign(tf.tensor(weights.weights[i].values, variable.shape))));
    diverged = null;
  }

  function setLearningRate(learningRate: number): void {
    alive();
    if (!(learningRate > 0)) throw new RangeError(`the learning rate must be above 0, not ${learningRate}`);
    settings.learningRate = learningRate;
    // sgd and momentum keep −rate in a tensor that setLearningRate replaces; adam reads the field.
    // (Not `instanceof`: tfjs optimizers answer it by duck typing, so adam "is" an SGDOptimizer.)
    const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
    if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
    else o.learningRate = learningRate;
  }

  function reset(): void {
    alive();
    model.initialise(settings.seed);
    disposeOptimizer(optimizer);
    optimizer = makeOptimizer(settings.optimizer, settings.learningRate);
    random = mulberry32(settings.seed ^ 0x9e3779b9);
    order = shuffledIndices(train.count, random);
    step = 0;
    diverged = null;
  }

  return {
    spec: model.spec,
    get step() { return step; },
    get epoch() { return Math.floor(step / batchesPerEpoch); },
    get diverged() { return diverged !== null; },
    trainBatch, evaluate, predict, featureMaps, getWeights, setWeights, setLearningRate, reset,
    dispose() {
      if (disposed) return;
      disposed = true;
      disposeOptimizer(optimizer);
      model.dispose();
    },
  };
}
