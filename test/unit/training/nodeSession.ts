// A training session for Node tests: tfjs wasm (with ConvLab's training kernels) in this thread,
// the digits and the shipped model read from disk, and setImmediate between batches.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { parseMnist, registerWasmTrainingKernels } from '../../../src/engine/cnn';
import type { SessionOptions, TrainingEvent } from '../../../src/engine/training/protocol';
import { createSession, type SessionDeps } from '../../../src/engine/training/session';
import { mnistBytes, ROOT } from '../cnn/helpers';

export const OPTIONS: SessionOptions = { dataUrl: 'mnist.bin', defaultModelUrl: 'default-mnist.json', evalEvery: 0 };

export function nodeDeps(overrides: Partial<SessionDeps> = {}): SessionDeps {
  return {
    mode: 'main-thread',
    async chooseBackend() {
      const registered = registerWasmTrainingKernels();
      if (!(await tf.setBackend('wasm'))) throw new Error('wasm did not start');
      return { backend: 'wasm', skipped: [], registered };
    },
    async loadData(_url, onProgress) {
      onProgress(0.5);
      const set = parseMnist(mnistBytes());
      onProgress(1);
      return set;
    },
    async loadJson() {
      return JSON.parse(readFileSync(`${ROOT}public/models/default-mnist.json`, 'utf8'));
    },
    yieldNow: () => new Promise((r) => setImmediate(r)),
    ...overrides,
  };
}

export function nodeSession(emit: (e: TrainingEvent) => void, overrides: Partial<SessionDeps> = {}) {
  return createSession(emit, nodeDeps(overrides));
}

/** Resolves when `events` holds an event matching `test` (checked after each macrotask). */
export async function until(events: TrainingEvent[], test: (e: TrainingEvent) => boolean): Promise<TrainingEvent> {
  for (;;) {
    const found = events.find(test);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 5));
  }
}
