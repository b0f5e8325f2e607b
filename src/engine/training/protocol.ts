// The typed messages between the page and the training session (in a Web Worker, or on the main
// thread as a fallback): one request/reply table, the events training emits, and the wire format.
// Everything here is plain data: numbers, strings, Float32Arrays. No tensor ever crosses, and nothing
// is transferred (the cpu backend's dataSync hands out its own storage): structured clone copies.
import type { BackendName, Skipped } from '../backend';
import type { BatchResult, EvalResult, FeatureMap, ModelSpec, ModelWeights, OptimizerName, PlainTensor } from '../cnn';

/** What the student chooses before training; together with the seed it reproduces a run. */
export interface TrainingConfig {
  spec: ModelSpec;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** Where the weights in the trainer came from. */
export type ModelOrigin = 'default' | 'restored' | 'new';

export interface ModelInfo {
  config: TrainingConfig;
  origin: ModelOrigin;
  /** Batches trained since the model was created (across batch-size changes). */
  step: number;
  samplesSeen: number;
  /** samplesSeen / training digits: 1.5 means one and a half passes over the data. */
  epochs: number;
  totalParams: number;
  diverged: boolean;
  /** Test accuracy recorded with the weights (the shipped model's file), if known. */
  recordedAccuracy?: number;
}

export interface BackendInfo {
  backend: BackendName;
  /** Backends not used, each with the reason (software GPU, missing training kernels…). */
  skipped: Skipped[];
  device?: string;
  /** 'worker': a Web Worker trains; 'main-thread': the fallback, yielding every frame. */
  mode: 'worker' | 'main-thread';
  /** Kernels ConvLab registered so this backend can train (e.g. wasm Conv2DBackpropFilter). */
  registered: string[];
}

export interface SessionOptions {
  /** URL of public/data/mnist.bin. */
  dataUrl: string;
  /** URL of public/models/default-mnist.json. */
  defaultModelUrl: string;
  /** Absolute URLs of the tfjs wasm binaries (the worker cannot resolve the page's relative ones). */
  wasmPaths?: Record<string, string>;
  /** The page's `?backend=` choice, so the worker follows the same chain. */
  backend?: string;
  /** Training digits between two test evaluations (0: never). Default: a quarter epoch. */
  evalEvery?: number;
}

export interface InitReply {
  backend: BackendInfo;
  trainCount: number;
  testCount: number;
  model: ModelInfo;
  /** Sentences for the page, e.g. the shipped model could not be loaded. */
  notes: string[];
}

/** One misclassified test digit, for the gallery. */
export interface Misclassified {
  index: number;
  label: number;
  predicted: number;
  /** The probability the model gave its (wrong) answer. */
  confidence: number;
}

export interface Evaluation extends EvalResult {
  misclassified: Misclassified[];
  samplesSeen: number;
}

export interface DigitImages {
  /** `[count, 28, 28]` bytes, 0..255. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export type Split = 'train' | 'test';

/** Every request: its argument and its reply. */
export interface TrainingApi {
  init: [SessionOptions, InitReply];
  /** A new model: fresh weights from `config.seed`, or the given weights (with their origin). */
  configure: [{ config: TrainingConfig; weights?: ModelWeights; origin?: ModelOrigin; samplesSeen?: number; step?: number }, ModelInfo];
  /** Learning rate and batch size take effect at once; the weights and optimizer state are kept. */
  tune: [{ learningRate?: number; batchSize?: number }, ModelInfo];
  start: [null, ModelInfo];
  pause: [null, ModelInfo];
  /** Fresh weights from the seed, step 0, not running. */
  reset: [null, ModelInfo];
  loadDefault: [null, ModelInfo];
  evaluate: [{ split: Split; misclassifiedLimit?: number }, Evaluation];
  /** `[n · 784]` values 0..1 → probabilities `[n, 10]`. */
  predict: [{ images: Float32Array }, PlainTensor];
  featureMaps: [{ image: Float32Array }, FeatureMap[]];
  images: [{ split: Split; indices: number[] }, DigitImages];
  weights: [null, { weights: ModelWeights; info: ModelInfo }];
  /** Live tensors in the session's tfjs engine, to check nothing leaks. */
  memory: [null, { numTensors: number }];
  dispose: [null, null];
}

export type RequestType = keyof TrainingApi;
export type ArgOf<K extends RequestType> = TrainingApi[K][0];
export type ReplyOf<K extends RequestType> = TrainingApi[K][1];

export interface BatchEvent {
  type: 'batch';
  step: number;
  samplesSeen: number;
  epochs: number;
  /** 1-based epoch in progress, and how far into it (0..1). */
  epoch: number;
  epochProgress: number;
  loss: number;
  accuracy: number;
  /** Training throughput over roughly the last second (evaluations excluded). */
  samplesPerSec: number;
}

export type TrainingEvent =
  | { type: 'data-progress'; fraction: number }
  | BatchEvent
  | { type: 'test'; samplesSeen: number; epochs: number; loss: number; accuracy: number }
  /** The first layer's kernel `[k, k, 1, filters]`, at most four times a second while training. */
  | { type: 'filters'; kernel: PlainTensor; samplesSeen: number }
  | { type: 'running'; running: boolean; info: ModelInfo }
  | { type: 'diverged'; result: Extract<BatchResult, { status: 'diverged' }>; info: ModelInfo }
  | { type: 'model'; info: ModelInfo }
  /** Weights worth keeping (end of an epoch, or a pause): the page saves them. */
  | { type: 'checkpoint'; weights: ModelWeights; info: ModelInfo }
  | { type: 'error'; message: string };

// The wire format.
export interface RequestMessage<K extends RequestType = RequestType> {
  id: number;
  type: K;
  arg: ArgOf<K>;
}
export type ReplyMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };
export interface EventMessage {
  event: TrainingEvent;
}
export type FromSession = ReplyMessage | EventMessage;

/** Rebuilds an error sent across, keeping RangeError/TypeError so the UI shows their sentence. */
export function reviveError(e: { name: string; message: string }): Error {
  const Ctor = e.name === 'RangeError' ? RangeError : e.name === 'TypeError' ? TypeError : Error;
  const err = new Ctor(e.message);
  if (Ctor === Error && e.name) err.name = e.name;
  return err;
}

export function serialiseError(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}
