// Shared by the CNN unit tests: the MNIST binary (built on demand by the project's own script)
// and small deterministic subsets, so each test file stays fast on a 2-core machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMnist, splitMnist, subset, type MnistSet } from '../../../src/engine/cnn/mnistData';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MNIST_BIN = `${ROOT}public/data/mnist.bin`;

/** public/data/mnist.bin as bytes, running scripts/build-mnist.mjs first if it is missing. */
export function mnistBytes(): Uint8Array {
  if (!existsSync(MNIST_BIN)) execFileSync(process.execPath, [`${ROOT}scripts/build-mnist.mjs`]);
  return new Uint8Array(readFileSync(MNIST_BIN));
}

export function mnistSplit(): { all: MnistSet; train: MnistSet; test: MnistSet } {
  const all = parseMnist(mnistBytes());
  return { all, ...splitMnist(all) };
}

/** The first `n` digits of `set` (the split is already shuffled, so all classes appear). */
export function firstN(set: MnistSet, n: number): MnistSet {
  return subset(set, Array.from({ length: n }, (_, i) => i));
}
