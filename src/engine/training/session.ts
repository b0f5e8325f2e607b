// One training session: the MNIST split, one trainer (src/engine/cnn), the run loop that trains
// batch after batch and reports metrics, and the answers to every request of protocol.ts. It runs
// inside the training worker, or on the main thread when no worker starts; what differs (backend
// choice, data loading, how to yield) comes in as SessionDeps.
import * as tf from '@tensorflow/tfjs';
import {
  createTrainer, decodeModelFile, describeModel, splitMnist, subset,
  type MnistSet, type ModelWeights, type Trainer,
} from '../cnn';
import { configProblems, DEFAULT_TRAINING_CONFIG, learningRateProblem, batchSizeProblem } from './config';
import type {
  ArgOf, BackendInfo, Evaluation, Misclassified, ModelInfo, ModelOrigin, ReplyOf, RequestType,
  SessionOptions, TrainingConfig, TrainingEvent,
} from './protocol';

export interface SessionDeps {
  mode: BackendInfo['mode'];
  /** Starts tfjs on the fastest backend that can train, and says which and why. */
  chooseBackend(options: SessionOptions): Promise<Omit<BackendInfo, 'mode'>>;
  loadData(url: string, onProgress: (fraction: number) => void): Promise<MnistSet>;
  loadJson(url: string): Promise<unknown>;
  /** Lets other work (incoming messages; on the main thread, painting) run between batches. */
  yieldNow(): Promise<void>;
  now?: () => number;
}

export interface Session {
  handle<K extends RequestType>(type: K, arg: ArgOf<K>): Promise<ReplyOf<K>>;
}

const FILTER_INTERVAL_MS = 250; // live filters: four frames a second is smooth enough and cheap to draw
const THROUGHPUT_WINDOW_MS = 1000;

export function createSession(emit: (e: TrainingEvent) => void, deps: SessionDeps): Session {
  const now = deps.now ?? (() => performance.now());
  let options: SessionOptions | null = null;
  let data: { train: MnistSet; test: MnistSet } | null = null;
  let trainer: Trainer | null = null;
  let config: TrainingConfig = DEFAULT_TRAINING_CONFIG;
  let origin: ModelOrigin = 'new';
  let recordedAccuracy: number | undefined;
  let samplesSeen = 0;
  let stepBase = 0; // batches trained by earlier trainers of this model (batch-size changes)
  let running = false;
  let loop: Promise<void> | null = null;
  let evalEvery = 0;
  let nextEvalAt = 0;
  let lastFilters = -Infinity;
  let recent: { samples: number; ms: number }[] = []; // the last second of batches, for samples/s

  const ready = () => {
    if (!data || !trainer) throw new Error('The training session has not finished starting yet.');
    return { ...data, trainer };
  };

  function info(): ModelInfo {
    const t = trainer;
    return {
      config, origin,
      step: stepBase + (t?.step ?? 0),
      samplesSeen,
      epochs: data ? samplesSeen / data.train.count : 0,
      totalParams: describeModel(config.spec).totalParams,
      diverged: t?.diverged ?? false,
      ...(recordedAccuracy !== undefined ? { recordedAccuracy } : {}),
    };
  }

  function emitFilters() {
    if (!trainer) return;
    const first = trainer.getWeights().weights[0]; // conv1/kernel [k, k, 1, filters]
    emit({ type: 'filters', kernel: { shape: first.shape, values: first.values }, samplesSeen });
    lastFilters = now();
  }

  function modelChanged() {
    emit({ type: 'model', info: info() });
    emitFilters();
  }

  /** Stops the loop after the batch in flight; `checkpoint` saves the weights it leaves. */
  async function stop(checkpoint: boolean) {
    const wasRunning = running;
    running = false;
    await loop;
    loop = null;
    if (wasRunning) {
      emit({ type: 'running', running: false, info: info() });
      if (checkpoint && trainer && !trainer.diverged) emit({ type: 'checkpoint', weights: trainer.getWeights(), info: info() });
    }
  }

  /** Builds the trainer for `next` first, so a bad setting leaves the current model untouched. */
  function replaceTrainer(next: TrainingConfig, weights?: ModelWeights): void {
    const { train } = data!;
    const problems = configProblems(next, train.count);
    if (problems.length) throw new RangeError(problems.join(' '));
    const created = createTrainer({ train, spec: next.spec, seed: next.seed, optimizer: next.optimizer, learningRate: next.learningRate, batchSize: next.batchSize });
    try {
      if (weights) created.setWeights(weights);
    } catch (e) {
      created.dispose();
      throw e;
    }
    trainer?.dispose();
    trainer = created;
    config = { ...next, spec: structuredClone(next.spec) };
  }

  async function evaluateTest(): Promise<void> {
    const { test, trainer: t } = ready();
    const r = await t.evaluate(test);
    emit({ type: 'test', samplesSeen, epochs: samplesSeen / data!.train.count, loss: r.loss, accuracy: r.accuracy });
  }

  async function run(): Promise<void> {
    let last = now();
    while (running) {
      const { train, trainer: t } = ready();
      const r = await t.trainBatch();
      if (t !== trainer) break; // replaced while the batch ran
      if (r.status === 'diverged') {
        running = false;
        emit({ type: 'diverged', result: r, info: info() });
        emit({ type: 'running', running: false, info: info() });
        return;
      }
      const batch = config.batchSize;
      const epochBefore = Math.floor(samplesSeen / train.count);
      samplesSeen += batch;
      const at = now();
      recent.push({ samples: batch, ms: at - last });
      last = at;
      let ms = recent.reduce((s, w) => s + w.ms, 0);
      while (recent.length > 1 && ms - recent[0].ms >= THROUGHPUT_WINDOW_MS) ms -= recent.shift()!.ms;
      const samples = recent.reduce((s, w) => s + w.samples, 0);
      const epochs = samplesSeen / train.count;
      emit({
        type: 'batch', step: stepBase + t.step, samplesSeen, epochs, epoch: Math.floor(epochs) + 1, epochProgress: epochs % 1,
        loss: r.loss, accuracy: r.accuracy, samplesPerSec: ms > 0 ? (samples * 1000) / ms : 0,
      });
      if (at - lastFilters >= FILTER_INTERVAL_MS) emitFilters();
      if (evalEvery > 0 && samplesSeen >= nextEvalAt) {
        nextEvalAt = samplesSeen + evalEvery;
        await evaluateTest();
        last = now(); // evaluation time is not training time
      }
      if (Math.floor(samplesSeen / train.count) > epochBefore) emit({ type: 'checkpoint', weights: t.getWeights(), info: info() });
      await deps.yieldNow(); // yielding counts as training time: it is part of what a student waits for
    }
  }

  async function loadDefault(): Promise<ModelInfo> {
    const file = decodeModelFile(await deps.loadJson(options!.defaultModelUrl));
    const t = file.training;
    const next: TrainingConfig = {
      spec: file.spec,
      optimizer: (t?.optimizer as TrainingConfig['optimizer']) ?? DEFAULT_TRAINING_CONFIG.optimizer,
      learningRate: t?.learningRate ?? DEFAULT_TRAINING_CONFIG.learningRate,
      batchSize: t?.batchSize ?? DEFAULT_TRAINING_CONFIG.batchSize,
      seed: t?.seed ?? DEFAULT_TRAINING_CONFIG.seed,
    };
    await stop(false);
    replaceTrainer(next, file);
    origin = 'default';
    recordedAccuracy = t?.testAccuracy;
    samplesSeen = t ? t.epochs * t.trainCount : 0;
    stepBase = t ? Math.floor(samplesSeen / next.batchSize) : 0;
    modelChanged();
    return info();
  }

  const handlers: { [K in RequestType]: (arg: ArgOf<K>) => Promise<ReplyOf<K>> } = {
    async init(opts) {
      if (options) throw new Error('The training session was already started.');
      options = opts;
      const backend = await deps.chooseBackend(opts);
      const all = await deps.loadData(opts.dataUrl, (fraction) => emit({ type: 'data-progress', fraction }));
      data = splitMnist(all);
      evalEvery = opts.evalEvery ?? Math.round(data.train.count / 4);
      const notes: string[] = [];
      let model: ModelInfo;
      try {
        model = await loadDefault();
      } catch (e) {
        notes.push(`The shipped trained model could not be loaded (${(e as Error).message}), so the views show an untrained model until you train one.`);
        replaceTrainer(DEFAULT_TRAINING_CONFIG);
        origin = 'new';
        modelChanged();
        model = info();
      }
      return { backend: { ...backend, mode: deps.mode }, trainCount: data.train.count, testCount: data.test.count, model, notes };
    },
    async configure({ config: next, weights, origin: from, samplesSeen: seen, step }) {
      ready();
      await stop(false);
      replaceTrainer(next, weights);
      origin = weights ? (from ?? 'restored') : 'new';
      recordedAccuracy = undefined;
      samplesSeen = weights ? (seen ?? 0) : 0;
      stepBase = weights ? (step ?? 0) : 0;
      nextEvalAt = samplesSeen + evalEvery;
      recent = [];
      modelChanged();
      return info();
    },
    async tune({ learningRate, batchSize }) {
      const { trainer: t } = ready();
      const problem = (learningRate !== undefined ? learningRateProblem(learningRate) : null)
        ?? (batchSize !== undefined ? batchSizeProblem(batchSize, data!.train.count) : null);
      if (problem) throw new RangeError(problem);
      if (learningRate !== undefined) {
        t.setLearningRate(learningRate);
        config = { ...config, learningRate };
      }
      if (batchSize !== undefined && batchSize !== config.batchSize) {
        // The trainer's batch size is fixed: continue in a new one from the same weights.
        const wasRunning = running;
        await stop(false);
        const steps = t.step;
        replaceTrainer({ ...config, batchSize }, t.diverged ? undefined : t.getWeights());
        stepBase += steps;
        recent = [];
        if (wasRunning) await handlers.start(null);
      }
      emit({ type: 'model', info: info() });
      return info();
    },
    async start() {
      const { trainer: t } = ready();
      if (t.diverged) throw new RangeError('This model diverged. Reset it (and lower the learning rate) before training again.');
      if (running) return info();
      running = true;
      recent = [];
      if (origin === 'default') origin = 'new'; // training changes the shipped weights: they are now the student's
      recordedAccuracy = undefined;
      const first = samplesSeen === 0 && evalEvery > 0; // the curve's starting point: chance level
      if (nextEvalAt <= samplesSeen) nextEvalAt = samplesSeen + evalEvery;
      emit({ type: 'running', running: true, info: info() });
      loop = (first ? evaluateTest() : Promise.resolve()).then(run).catch((e: unknown) => {
        running = false;
        emit({ type: 'error', message: `Training stopped: ${(e as Error).message}` });
        emit({ type: 'running', running: false, info: info() });
      });
      return info();
    },
    async pause() {
      await stop(true);
      return info();
    },
    async reset() {
      const { trainer: t } = ready();
      await stop(false);
      t.reset();
      origin = 'new';
      recordedAccuracy = undefined;
      samplesSeen = 0;
      stepBase = 0;
      nextEvalAt = evalEvery;
      modelChanged();
      return info();
    },
    async loadDefault() {
      ready();
      return loadDefault();
    },
    async evaluate({ split, misclassifiedLimit = 60 }) {
      const { trainer: t } = ready();
      const set = split === 'train' ? data!.train : data!.test;
      const result = await t.evaluate(set);
      const wrong: Misclassified[] = [];
      const size = set.rows * set.cols;
      for (let start = 0; start < set.count; start += 500) {
        const n = Math.min(500, set.count - start);
        const images = Float32Array.from(set.pixels.subarray(start * size, (start + n) * size), (p) => p / 255);
        const probs = t.predict(images).values;
        for (let i = 0; i < n; i++) {
          const row = probs.subarray(i * 10, i * 10 + 10);
          let best = 0;
          for (let c = 1; c < 10; c++) if (row[c] > row[best]) best = c;
          const label = set.labels[start + i];
          if (best !== label) wrong.push({ index: start + i, label, predicted: best, confidence: row[best] });
        }
      }
      wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
      const evaluation: Evaluation = { ...result, misclassified: wrong.slice(0, misclassifiedLimit), samplesSeen };
      return evaluation;
    },
    async predict({ images }) {
      return ready().trainer.predict(images);
    },
    async featureMaps({ image }) {
      return ready().trainer.featureMaps(image);
    },
    async images({ split, indices }) {
      const set = split === 'train' ? ready().train : ready().test;
      const s = subset(set, indices);
      return { pixels: s.pixels, labels: s.labels };
    },
    async weights() {
      return { weights: ready().trainer.getWeights(), info: info() };
    },
    async memory() {
      return { numTensors: tf.memory().numTensors };
    },
    async dispose() {
      await stop(false);
      trainer?.dispose();
      trainer = null;
      return null;
    },
  };

  // Requests that change the model or the loop run one after another, in the order sent;
  // questions (predict, feature maps, …) are answered at once, between two batches.
  const CONTROL = new Set<RequestType>(['init', 'configure', 'tune', 'start', 'pause', 'reset', 'loadDefault', 'dispose']);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    handle<K extends RequestType>(type: K, arg: ArgOf<K>): Promise<ReplyOf<K>> {
      const handler = handlers[type] as ((a: ArgOf<K>) => Promise<ReplyOf<K>>) | undefined;
      if (!handler) return Promise.reject(new TypeError(`unknown training request “${String(type)}”`));
      if (!CONTROL.has(type)) return handler(arg);
      const result = queue.then(() => handler(arg));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

