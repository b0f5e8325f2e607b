// The CNN engine's public face for the UI: MNIST data, architecture arithmetic, the trainer,
// weight files and the wasm training kernels. Everything here takes and hands back plain data
// (tensor-level pieces such as batchTensors and buildModel stay inside src/engine/cnn).
export {
  checkLabels, fetchMnist, findImage, imageAt, parseMnist, splitMnist, subset,
  MNIST_HEADER_BYTES, NUM_CLASSES, SPLIT_SEED,
} from './mnistData';
export type { LabelMismatch, MnistSet } from './mnistData';
export { DEFAULT_SPEC, describeModel, lenetSpec } from './model';
export type { LayerInfo, LayerSpec, LeNetOptions, ModelSpec, ModelSummary, Padding } from './model';
export { createTrainer, DEFAULT_LEARNING_RATES, EXPLODING_LOSS } from './trainer';
export type { BatchResult, EvalResult, FeatureMap, OptimizerName, PlainTensor, Trainer, TrainerOptions } from './trainer';
export { checkWeights, decodeModelFile, encodeModelFile, expectedWeightShapes, formatModelFile } from './weights';
export type { ModelFile, ModelWeights, NamedWeight, TrainingRecord } from './weights';
export { missingTrainingKernels, registerWasmTrainingKernels, TRAINING_KERNELS } from './wasmBackpropFilter';
export type { WasmTrainingOptions } from './wasmBackpropFilter';
