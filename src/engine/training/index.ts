// Training the CNN from the page: the client (worker, or main-thread fallback), its message
// protocol, the settings and their checks, and the drawing-pad preprocessing. No tensors here.
export { startTraining, TrainingClient, LinkFailure, localLink, workerLink } from './client';
export type { Link, StartOptions, WorkerLike } from './client';
export { pageSessionOptions } from './pageUrls';
export {
  DEFAULT_TRAINING_CONFIG, LEARNING_RATE_RANGE, BATCH_SIZE_RANGE, SEED_RANGE,
  batchSizeProblem, configProblems, learningRateProblem, sameSpec, seedProblem, specProblem,
} from './config';
export { preprocessDigit } from './preprocessDigit';
export type { PreprocessedDigit, PreprocessOptions } from './preprocessDigit';
export { softmaxOf } from './softmax';
export type {
  BackendInfo, BatchEvent, DigitImages, Evaluation, InitReply, Misclassified, ModelInfo, ModelOrigin, SessionOptions, Split,
  TrainingConfig, TrainingEvent,
} from './protocol';
