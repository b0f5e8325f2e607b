// The training settings a student may change, their allowed ranges, and checks that turn a bad
// value into a sentence (shown next to the control) instead of a crash or a silent clamp.
import { DEFAULT_SPEC, describeModel, type ModelSpec } from '../cnn';
import type { TrainingConfig } from './protocol';

/** The recipe of the shipped model (scripts/train-default-model.ts): Adam, 0.002, batches of 32, seed 1. */
export const DEFAULT_TRAINING_CONFIG: TrainingConfig = {
  spec: DEFAULT_SPEC,
  optimizer: 'adam',
  learningRate: 0.002,
  batchSize: 32,
  seed: 1,
};

export const LEARNING_RATE_RANGE = { min: 0.00001, max: 10 } as const;
export const BATCH_SIZE_RANGE = { min: 1, max: 512 } as const;
export const SEED_RANGE = { min: 0, max: 2 ** 31 - 1 } as const;

export function learningRateProblem(lr: number): string | null {
  if (!Number.isFinite(lr)) return 'The learning rate must be a number, e.g. 0.002.';
  if (lr < LEARNING_RATE_RANGE.min || lr > LEARNING_RATE_RANGE.max) {
    return `The learning rate must be between ${LEARNING_RATE_RANGE.min} and ${LEARNING_RATE_RANGE.max}; ${lr} is outside.`;
  }
  return null;
}

export function batchSizeProblem(n: number, trainCount = Infinity): string | null {
  if (!Number.isInteger(n)) return 'The batch size must be a whole number of digits, e.g. 32.';
  const max = Math.min(BATCH_SIZE_RANGE.max, trainCount);
  if (n < BATCH_SIZE_RANGE.min || n > max) return `The batch size must be from ${BATCH_SIZE_RANGE.min} to ${max} digits; ${n} is outside.`;
  return null;
}

export function seedProblem(seed: number): string | null {
  if (!Number.isInteger(seed) || seed < SEED_RANGE.min || seed > SEED_RANGE.max) return `The seed must be a whole number from 0 to ${SEED_RANGE.max}.`;
  return null;
}

/** Why the architecture cannot be built (describeModel's sentence), or null. */
export function specProblem(spec: ModelSpec): string | null {
  try {
    describeModel(spec);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Every problem with a configuration, as sentences; empty when it can train. */
export function configProblems(config: TrainingConfig, trainCount = Infinity): string[] {
  return [specProblem(config.spec), learningRateProblem(config.learningRate), batchSizeProblem(config.batchSize, trainCount), seedProblem(config.seed)]
    .filter((p): p is string => p !== null);
}

export function sameSpec(a: ModelSpec, b: ModelSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
