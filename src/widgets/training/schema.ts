// What the trainer keeps in a link: the architecture knobs, optimizer, learning rate, batch size
// and seed. A link whose architecture cannot be built falls back to the defaults, with a note.
import { lenetSpec, type OptimizerName, type Padding } from '../../engine/cnn';
import { BATCH_SIZE_RANGE, DEFAULT_TRAINING_CONFIG, LEARNING_RATE_RANGE, SEED_RANGE, specProblem, type TrainingConfig } from '../../engine/training';
import type { Schema, StateOf } from '../../store/schema';

export const trainerSchema = {
  conv1: { kind: 'int', label: 'filters in conv1', default: 8, min: 1, max: 32 },
  conv2: { kind: 'int', label: 'filters in conv2', default: 16, min: 1, max: 64 },
  kernel: { kind: 'int', label: 'kernel size', default: 5, min: 1, max: 13 },
  padding: { kind: 'enum', label: 'padding', default: 'valid', options: ['valid', 'same'] as const },
  optimizer: { kind: 'enum', label: 'optimizer', default: DEFAULT_TRAINING_CONFIG.optimizer, options: ['sgd', 'momentum', 'adam'] as const },
  lr: { kind: 'number', label: 'learning rate', default: DEFAULT_TRAINING_CONFIG.learningRate, min: LEARNING_RATE_RANGE.min, max: LEARNING_RATE_RANGE.max },
  batch: { kind: 'int', label: 'batch size', default: DEFAULT_TRAINING_CONFIG.batchSize, min: BATCH_SIZE_RANGE.min, max: BATCH_SIZE_RANGE.max },
  seed: { kind: 'int', label: 'seed', default: DEFAULT_TRAINING_CONFIG.seed, min: SEED_RANGE.min, max: SEED_RANGE.max },
} satisfies Schema;

export type TrainerState = StateOf<typeof trainerSchema>;

export function specOf(s: Pick<TrainerState, 'conv1' | 'conv2' | 'kernel' | 'padding'>) {
  return lenetSpec({ conv1Filters: s.conv1, conv2Filters: s.conv2, kernelSize: s.kernel, padding: s.padding as Padding });
}

export function configOf(s: TrainerState): TrainingConfig {
  return { spec: specOf(s), optimizer: s.optimizer as OptimizerName, learningRate: s.lr, batchSize: s.batch, seed: s.seed };
}

/** Rejects a link whose architecture does not fit a 28×28 digit. */
export function checkTrainer(s: TrainerState): string | null {
  return specProblem(specOf(s));
}
