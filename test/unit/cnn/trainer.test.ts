// The trainer: it learns, it is reproducible, it owns its tensors, it reports divergence as
// data, and its predictions, feature maps and weights agree with hand computations.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageAt, type MnistSet } from '../../../src/engine/cnn/mnistData';
import { describeModel, DEFAULT_SPEC, lenetSpec } from '../../../src/engine/cnn/model';
import { createTrainer, EXPLODING_LOSS, type BatchResult, type OptimizerName } from '../../../src/engine/cnn/trainer';
import { registerWasmTrainingKernels } from '../../../src/engine/cnn/wasmBackpropFilter';
import { decodeModelFile, encodeModelFile } from '../../../src/engine/cnn/weights';
import { firstN, mnistSplit } from './helpers';

let train: MnistSet;
let test: MnistSet;
beforeAll(async () => {
  registerWasmTrainingKernels();
  // Training tests run on wasm (≈35× faster than cpu here) with our Conv2DBackpropFilter;
  // the cpu/wasm test below shows both backends train identically.
  await tf.setBackend('wasm');
  const split = mnistSplit();
  train = firstN(split.train, 2000);
  test = firstN(split.test, 500);
});

async function run(trainer: ReturnType<typeof createTrainer>, steps: number): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for (let i = 0; i < steps; i++) out.push(await trainer.trainBatch());
  return out;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('training', () => {
  it('lowers the loss and recognises held-out digits far above chance after 40 batches', async () => {
    const trainer = createTrainer({ train, seed: 3, optimizer: 'adam', learningRate: 0.003, batchSize: 32 });
    const before = await trainer.evaluate(test);
    const results = await run(trainer, 40);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    const losses = results.map((r) => r.loss);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.5);
    const after = await trainer.evaluate(test);
    expect(before.accuracy).toBeLessThan(0.3);
    expect(after.accuracy).toBeGreaterThan(0.6); // chance is 0.1
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.confusion.flat().reduce((a, b) => a + b, 0)).toBe(500);
    const diagonal = after.confusion.reduce((n, row, i) => n + row[i], 0);
    expect(diagonal / 500).toBeCloseTo(after.accuracy, 10);
    expect(trainer.step).toBe(40);
    trainer.dispose();
  });

  it('is reproducible: the same seed gives the same losses, another seed does not', async () => {
    const losses = async (seed: number) => {
      const trainer = createTrainer({ train, seed, optimizer: 'momentum', batchSize: 16 });
      const r = (await run(trainer, 5)).map((b) => b.loss);
      trainer.dispose();
      return r;
    };
    const a = await losses(9);
    expect(await losses(9)).toEqual(a);
    expect(await losses(10)).not.toEqual(a);
  });

  it('trains the same on cpu as on wasm (first 3 batches of 4)', async () => {
    const small = firstN(train, 64);
    const seq: number[][] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const trainer = createTrainer({ train: small, spec: lenetSpec({ conv1Filters: 4, conv2Filters: 8 }), seed: 4, optimizer: 'sgd', learningRate: 0.1, batchSize: 4 });
      seq.push((await run(trainer, 3)).map((r) => r.loss));
      trainer.dispose();
    }
    seq[0].forEach((cpu, i) => expect(seq[1][i]).toBeCloseTo(cpu, 4));
    expect(seq[0][2]).not.toBeCloseTo(seq[0][0], 3); // the weights did move
  });

  it.each(['sgd', 'momentum', 'adam'] as OptimizerName[])('%s: no tensor growth per batch or per query, none left after dispose', async (optimizer) => {
    const start = tf.memory().numTensors;
    const trainer = createTrainer({ train, optimizer, batchSize: 16 });
    await trainer.trainBatch(); // momentum and adam create their slots on the first update
    const settled = tf.memory().numTensors;
    await run(trainer, 4);
    expect(tf.memory().numTensors).toBe(settled);
    await trainer.evaluate(firstN(test, 50), 20);
    trainer.predict(imageAt(test, 0));
    trainer.featureMaps(imageAt(test, 1));
    trainer.setWeights(trainer.getWeights());
    expect(tf.memory().numTensors).toBe(settled);
    trainer.reset();
    await trainer.trainBatch();
    expect(tf.memory().numTensors).toBe(settled);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => trainer.predict(imageAt(test, 0))).toThrow(/disposed/);
  });
});

describe('divergence', () => {
  it('an absurd learning rate makes the weights overflow: reported as not-finite, with a reason', async () => {
    const trainer = createTrainer({ train, optimizer: 'sgd', learningRate: 1e30, batchSize: 16 });
    const results = await run(trainer, 3);
    const bad = results.find((r) => r.status === 'diverged');
    expect(bad).toMatchObject({ status: 'diverged', reason: 'not-finite', step: 2 });
    expect(bad?.status === 'diverged' && bad.explanation).toMatch(/learning rate 1e\+30 is too large/);
    expect(trainer.diverged).toBe(true);
    expect(results[2]).toBe(bad); // no further training once diverged
    expect(trainer.step).toBe(2);
    trainer.setLearningRate(0.05);
    trainer.reset();
    expect([trainer.diverged, trainer.step]).toEqual([false, 0]);
    const again = await run(trainer, 2);
    // Reset means a fresh start: the same batches and losses as a new trainer with that rate.
    const fresh = createTrainer({ train, optimizer: 'sgd', learningRate: 0.05, batchSize: 16 });
    expect(again).toEqual(await run(fresh, 2));
    expect(again.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(again[0].loss).toBeLessThan(EXPLODING_LOSS);
    [trainer, fresh].forEach((t) => t.dispose());
  });

  it('a loss far worse than guessing is reported as exploding; a sane rate never is', async () => {
    const wild = createTrainer({ train, optimizer: 'sgd', learningRate: 50, batchSize: 16 });
    const r = (await run(wild, 3)).find((b) => b.status === 'diverged');
    expect(r).toMatchObject({ reason: 'exploding' });
    expect(r!.loss).toBeGreaterThan(EXPLODING_LOSS);
    wild.dispose();
    const tame = createTrainer({ train, optimizer: 'sgd', learningRate: 0.1, batchSize: 16 });
    expect((await run(tame, 15)).map((b) => b.status)).toEqual(new Array(15).fill('ok'));
    tame.dispose();
  });

  it.each(['sgd', 'momentum', 'adam'] as OptimizerName[])('%s: setLearningRate changes the size of the next update', async (optimizer) => {
    const flat = (t: ReturnType<typeof createTrainer>) => Float32Array.from(t.getWeights().weights.flatMap((w) => Array.from(w.values)));
    const moved = async (rate: number | null) => {
      const t = createTrainer({ train, optimizer, batchSize: 16, seed: 8 });
      await t.trainBatch();
      if (rate !== null) t.setLearningRate(rate);
      const before = flat(t);
      await t.trainBatch();
      const after = flat(t);
      t.dispose();
      return after.reduce((m, v, i) => Math.max(m, Math.abs(v - before[i])), 0);
    };
    const normal = await moved(null);
    expect(normal).toBeGreaterThan(0);
    expect(await moved(1e-7)).toBeLessThan(0.01 * normal);
  });

  it('refuses settings that cannot work, with a reason', () => {
    expect(() => createTrainer({ train, learningRate: 0 })).toThrow(/learning rate/);
    expect(() => createTrainer({ train, batchSize: 0 })).toThrow(/batch size 0/);
    expect(() => createTrainer({ train, spec: lenetSpec({ kernelSize: 13 }) })).toThrow(RangeError);
  });
});

describe('what the trainer tells the UI', () => {
  it('feature maps follow the layer arithmetic and match a hand computation from the weights', async () => {
    const trainer = createTrainer({ train, seed: 6 });
    await run(trainer, 3);
    const image = imageAt(test, 7);
    const maps = trainer.featureMaps(image);
    const summary = describeModel(DEFAULT_SPEC);
    expect(maps.map((m) => m.layer)).toEqual(['input', ...summary.layers.map((l) => l.name)]);
    maps.slice(1).forEach((m, i) => expect(m.shape).toEqual([1, ...summary.layers[i].outputShape]));
    const [, conv1, relu1, pool1, , , , dense1, softmax] = maps.map((m) => m.values);
    const w = trainer.getWeights().weights;
    // conv1 at row 10, column 13, filter 5: Σ image[10+i][13+j] · kernel[i][j][0][5] + bias[5].
    let dot = w[1].values[5];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) dot += image[(10 + i) * 28 + 13 + j] * w[0].values[(i * 5 + j) * 8 + 5];
    expect(conv1[(10 * 24 + 13) * 8 + 5]).toBeCloseTo(dot, 5);
    conv1.forEach((v, i) => expect(relu1[i]).toBe(Math.max(0, v)));
    for (let y = 0; y < 12; y++) for (let x = 0; x < 12; x++) for (let c = 0; c < 8; c++) {
      const at = (r: number, q: number) => relu1[(r * 24 + q) * 8 + c];
      const m = Math.max(at(2 * y, 2 * x), at(2 * y, 2 * x + 1), at(2 * y + 1, 2 * x), at(2 * y + 1, 2 * x + 1));
      expect(pool1[(y * 12 + x) * 8 + c]).toBe(m);
    }
    const exps = Array.from(dense1, (v) => Math.exp(v));
    exps.forEach((e, k) => expect(softmax[k]).toBeCloseTo(e / mean(exps) / 10, 5));
    expect(Array.from(trainer.predict(image).values).map((p, k) => p - softmax[k]).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    trainer.dispose();
  });

  it('predict gives one probability row per image, agreeing with evaluate on accuracy', async () => {
    const trainer = createTrainer({ train, seed: 2 });
    await run(trainer, 10);
    const some = firstN(test, 100);
    const images = new Float32Array(100 * 784);
    for (let i = 0; i < 100; i++) images.set(imageAt(some, i), i * 784);
    const { shape, values } = trainer.predict(images);
    expect(shape).toEqual([100, 10]);
    let correct = 0;
    for (let i = 0; i < 100; i++) {
      const row = Array.from(values.subarray(i * 10, i * 10 + 10));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === some.labels[i]) correct++;
    }
    expect((await trainer.evaluate(some)).accuracy).toBe(correct / 100);
    expect(() => trainer.predict(new Float32Array(100))).toThrow(/784 values each/);
    trainer.dispose();
  });

  it('weights survive a JSON file round trip bit for bit and load into another trainer', async () => {
    const a = createTrainer({ train, seed: 1 });
    await run(a, 5);
    const saved = a.getWeights();
    expect(saved.weights.map((x) => [x.name, x.shape])).toEqual([
      ['conv1/kernel', [5, 5, 1, 8]], ['conv1/bias', [8]], ['conv2/kernel', [5, 5, 8, 16]],
      ['conv2/bias', [16]], ['dense1/kernel', [256, 10]], ['dense1/bias', [10]],
    ]);
    const text = JSON.stringify(encodeModelFile(saved));
    const loaded = decodeModelFile(JSON.parse(text));
    loaded.weights.forEach((x, i) => expect(x.values).toEqual(saved.weights[i].values));
    const b = createTrainer({ train, seed: 99 });
    const image = imageAt(test, 3);
    expect(b.predict(image).values).not.toEqual(a.predict(image).values);
    b.setWeights(loaded);
    expect(b.predict(image).values).toEqual(a.predict(image).values);
    const other = createTrainer({ train, spec: lenetSpec({ conv1Filters: 4 }) });
    expect(() => other.setWeights(saved)).toThrow(/should be conv1\/kernel \[5,5,1,4\], found conv1\/kernel \[5,5,1,8\]/);
    expect(() => decodeModelFile({ format: 'keras' })).toThrow(TypeError);
    [a, b, other].forEach((t) => t.dispose());
  });
});
