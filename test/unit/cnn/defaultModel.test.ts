// The shipped model public/models/default-mnist.json: it loads, has the default architecture,
// and its recorded test accuracy is what it really scores on the fixed 2,000-digit test split.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../../../src/engine/cnn/model';
import { createTrainer } from '../../../src/engine/cnn/trainer';
import { decodeModelFile, encodeModelFile, formatModelFile } from '../../../src/engine/cnn/weights';
import { mnistSplit, ROOT } from './helpers';

describe('public/models/default-mnist.json', () => {
  const text = readFileSync(`${ROOT}public/models/default-mnist.json`, 'utf8');
  const model = decodeModelFile(JSON.parse(text));

  it('is the default 5,994-parameter LeNet, recorded with its recipe', () => {
    expect(model.spec).toEqual(DEFAULT_SPEC);
    expect(model.weights.reduce((n, w) => n + w.values.length, 0)).toBe(5994);
    expect(model.training).toMatchObject({ seed: 1, optimizer: 'adam', batchSize: 32, trainCount: 8000, testCount: 2000 });
    expect(model.training!.testAccuracy).toBeGreaterThanOrEqual(0.97);
    // Re-encoding gives the same text: the file holds nothing but spec, recipe and weights.
    expect(formatModelFile(encodeModelFile(model, model.training))).toBe(text);
  });

  it('scores exactly its recorded accuracy on the test split', async () => {
    await tf.setBackend('wasm'); // inference only: wasm needs no extra kernels
    const { test } = mnistSplit();
    const trainer = createTrainer({ train: test, spec: model.spec });
    trainer.setWeights(model);
    const result = await trainer.evaluate(test);
    trainer.dispose();
    expect(result.count).toBe(2000);
    expect(result.accuracy).toBe(model.training!.testAccuracy);
  });
});
