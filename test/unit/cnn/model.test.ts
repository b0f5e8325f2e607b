// Architecture arithmetic (shapes, parameter counts) against hand-worked numbers and against
// the shapes tfjs itself produces, plus the seeded initialisation.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_SPEC, describeModel, initialWeights, lenetSpec, type ModelSpec } from '../../../src/engine/cnn/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const table = (spec: ModelSpec) => describeModel(spec).layers.map((l) => [l.name, l.outputShape, l.params]);

describe('describeModel', () => {
  it('works out the default LeNet by hand: 208 + 3,216 + 2,570 = 5,994 parameters', () => {
    // conv1: 8 filters of 5·5·1 weights + 8 biases; 28 − 5 + 1 = 24.
    // conv2: 16 filters of 5·5·8 + 16 biases; 12 − 5 + 1 = 8. dense: 4·4·16 = 256 inputs × 10 + 10.
    expect(table(DEFAULT_SPEC)).toEqual([
      ['conv1', [24, 24, 8], 208],
      ['relu1', [24, 24, 8], 0],
      ['pool1', [12, 12, 8], 0],
      ['conv2', [8, 8, 16], 3216],
      ['relu2', [8, 8, 16], 0],
      ['pool2', [4, 4, 16], 0],
      ['dense1', [10], 2570],
      ['softmax', [10], 0],
    ]);
    const s = describeModel(DEFAULT_SPEC);
    expect(s.totalParams).toBe(5994);
    expect(s.layers[3].paramFormula).toBe('16 · (5·5·8) + 16 = 3,216');
    expect(s.layers[6].weightShapes).toEqual([[256, 10], [10]]);
  });

  it('follows the student’s changes: 4 and 12 filters of 3×3, pooling an odd 11×11 map', () => {
    // 28−3+1 = 26 → 13 → 13−3+1 = 11 → ⌊11/2⌋ = 5; params 4·9+4 = 40, 12·36+12 = 444, 300·10+10 = 3,010.
    expect(table(lenetSpec({ conv1Filters: 4, conv2Filters: 12, kernelSize: 3 })).filter((r) => r[2] || r[0] === 'pool2'))
      .toEqual([['conv1', [26, 26, 4], 40], ['conv2', [11, 11, 12], 444], ['pool2', [5, 5, 12], 0], ['dense1', [10], 3010]]);
  });

  it("keeps the size with 'same' padding: 28 → 14 → 7, so the dense layer grows to 7,850", () => {
    const s = describeModel(lenetSpec({ padding: 'same' }));
    expect(s.layers.map((l) => l.outputShape[0])).toEqual([28, 28, 14, 14, 14, 7, 10, 10]);
    expect(s.totalParams).toBe(208 + 3216 + 7850);
  });

  it('explains why a kernel does not fit, and where softmax must go', () => {
    // 28 − 13 + 1 = 16 → pool → 8: a 13×13 kernel no longer fits.
    expect(() => describeModel(lenetSpec({ kernelSize: 13 }))).toThrow(/layer 4 \(conv2\).*8 − 13 \+ 1 = -4/);
    expect(() => describeModel(lenetSpec({ conv1Filters: 0 }))).toThrow(RangeError);
    const early: ModelSpec = { inputShape: [28, 28, 1], layers: [{ type: 'softmax' }, { type: 'dense', units: 10 }] };
    expect(() => describeModel(early)).toThrow(/last layer/);
    const noHead: ModelSpec = { inputShape: [28, 28, 1], layers: [{ type: 'conv', filters: 2, kernelSize: 3, padding: 'valid' }] };
    expect(() => describeModel(noHead)).toThrow(/dense layer followed by softmax/);
  });
});

describe('buildModel', () => {
  const specs: [string, ModelSpec][] = [
    ['default', DEFAULT_SPEC],
    ['3×3, 4/12 filters', lenetSpec({ conv1Filters: 4, conv2Filters: 12, kernelSize: 3 })],
    ["'same' padding, even kernel", lenetSpec({ kernelSize: 4, padding: 'same' })],
  ];
  it.each(specs)('%s: tfjs produces exactly the shapes and parameter counts the arithmetic says', (_, spec) => {
    const before = tf.memory().numTensors;
    const model = buildModel(spec, 3);
    const summary = describeModel(spec);
    const seen: [string, number[]][] = [];
    tf.tidy(() => {
      const logits = model.forward(tf.zeros([2, 28, 28, 1]), (info, out) => seen.push([info.name, out.shape]), true);
      expect(logits.shape).toEqual([2, 10]);
    });
    expect(seen).toEqual(summary.layers.map((l) => [l.name, [2, ...l.outputShape]]));
    expect(model.variables.reduce((n, v) => n + v.variable.size, 0)).toBe(summary.totalParams);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('initialises from the seed: He-uniform convs, Glorot-uniform dense, zero biases', () => {
    const summary = describeModel(DEFAULT_SPEC);
    const a = initialWeights(summary, 1);
    expect(initialWeights(summary, 1)).toEqual(a);
    expect(initialWeights(summary, 2)[0]).not.toEqual(a[0]);
    const maxAbs = (v: Float32Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(maxAbs(a[0])).toBeLessThanOrEqual(Math.sqrt(6 / 25)); // conv1: fan-in 5·5·1
    expect(maxAbs(a[0])).toBeGreaterThan(0.8 * Math.sqrt(6 / 25));
    expect(maxAbs(a[2])).toBeLessThanOrEqual(Math.sqrt(6 / 200)); // conv2: fan-in 5·5·8
    expect(maxAbs(a[4])).toBeLessThanOrEqual(Math.sqrt(6 / 266)); // dense: 256 in + 10 out
    expect(maxAbs(a[1]) + maxAbs(a[3]) + maxAbs(a[5])).toBe(0);
  });

  it('initialise(seed) restores the exact starting weights after they were changed', () => {
    const model = buildModel(DEFAULT_SPEC, 5);
    const start = model.variables[2].variable.dataSync().slice();
    tf.tidy(() => model.variables[2].variable.assign(tf.onesLike(model.variables[2].variable)));
    model.initialise(5);
    expect(model.variables[2].variable.dataSync()).toEqual(start);
    model.dispose();
  });
});
