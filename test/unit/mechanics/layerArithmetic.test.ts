// Layer arithmetic against CURRICULUM §3–§5 and §11, against tfjs' own layer parameter counts, and
// against output sizes found by counting window positions in a plain loop.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convLayer, fullyConnectedAsConv, initEngine, outputSize, paddedOutputSize, paddingsThatFit, samePadding, shrinkingSizes, windowGeometry } from '../../../src/engine';
import { rng } from '../reference';

beforeAll(async () => {
  await initEngine({ backend: 'cpu' });
});

/** Window positions along one axis, counted one start at a time. */
function countPositions(n: number, f: number, p: number, s: number): number {
  let count = 0;
  for (let start = 0; start + f <= n + 2 * p; start += s) count++;
  return count;
}

/** tfjs' own count for a Conv2D layer built on an H×W×C input (a second, independent implementation). */
function tfjsParams(h: number, w: number, c: number, f: number, k: number, useBias = true): number {
  const layer = tf.layers.conv2d({ filters: k, kernelSize: f, useBias, inputShape: [h, w, c] });
  const model = tf.sequential({ layers: [layer] });
  const n = model.countParams();
  model.dispose();
  return n;
}

describe('output size (CURRICULUM §3, §4)', () => {
  it('7×7 input, 3×3 filter: stride 1 → 5, stride 2 → 3, stride 3 → 2.33 does not fit', () => {
    expect(outputSize(7, 3, 0, 1)).toEqual({ size: 5, exact: 5, fits: true });
    expect(outputSize(7, 3, 0, 2)).toEqual({ size: 3, exact: 3, fits: true });
    const s3 = convLayer({ inH: 7, inW: 7, inC: 1, kernel: 3, filters: 1, stride: 3 });
    expect([s3.outH, s3.geometry.fitsH]).toEqual([2, false]);
  });
  it('the common settings keep (or halve) the size: F=3 S=1 P=1, F=5 S=1 P=2, F=1 S=1 P=0', () => {
    for (const n of [7, 28, 32, 224]) {
      expect(convLayer({ inH: n, inW: n, inC: 3, kernel: 3, filters: 8, padding: 1 }).outH).toBe(n);
      expect(convLayer({ inH: n, inW: n, inC: 3, kernel: 5, filters: 8, padding: 2 }).outH).toBe(n);
      expect(convLayer({ inH: n, inW: n, inC: 3, kernel: 1, filters: 8 }).outH).toBe(n);
    }
  });
  it('agrees with counting window positions for 2,000 random settings', () => {
    const rand = rng(11);
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(rand() * 40), f = 1 + Math.floor(rand() * 9), p = Math.floor(rand() * 4), s = 1 + Math.floor(rand() * 5);
      if (f > n + 2 * p) {
        expect(() => convLayer({ inH: n, inW: n, inC: 1, kernel: f, filters: 1, stride: s, padding: p })).toThrow(RangeError);
        continue;
      }
      const layer = convLayer({ inH: n, inW: n + 1, inC: 1, kernel: f, filters: 1, stride: s, padding: p });
      expect(layer.outH).toBe(countPositions(n, f, p, s));
      expect(layer.outW).toBe(countPositions(n + 1, f, p, s));
      expect(layer.geometry.fitsH).toBe((n - f + 2 * p) % s === 0);
    }
  });
});

describe('uneven padding and paddings that fit', () => {
  it('SAME with N = 7, F = 4: 1 before, 2 after, output 7; uneven sizes agree with counting positions', () => {
    const g = windowGeometry(7, 7, 4, { padding: 'same' });
    expect([g.pads.top, g.pads.bottom]).toEqual([1, 2]);
    expect(paddedOutputSize(7, 4, 1, 2, 1)).toEqual({ size: 7, exact: 7, fits: true, span: 6 });
    const rand = rng(3);
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(rand() * 20), f = 1 + Math.floor(rand() * 6), a = Math.floor(rand() * 3), b = Math.floor(rand() * 3), s = 1 + Math.floor(rand() * 4);
      let count = 0;
      for (let start = 0; start + f <= n + a + b; start += s) count++;
      if (f > n + a + b) expect(() => paddedOutputSize(n, f, a, b, s)).toThrow(RangeError);
      else expect(paddedOutputSize(n, f, a, b, s).size).toBe(count);
    }
  });
  it('7×7 with 3×3 and stride 3 fits with padding 1 (and 4); stride 2 fits 5×5 on 7 with any padding', () => {
    expect(paddingsThatFit(7, 3, 3, 5)).toEqual([1, 4]);
    expect(paddingsThatFit(7, 5, 2, 3)).toEqual([0, 1, 2, 3]);
    expect(paddingsThatFit(8, 5, 2, 3)).toEqual([]);
  });
});

describe('padding (CURRICULUM §3)', () => {
  it('(F − 1)/2 keeps the size: F=3 → 1, F=5 → 2, F=7 → 3', () => {
    expect([3, 5, 7].map(samePadding)).toEqual([1, 2, 3]);
    for (const f of [1, 3, 5, 7, 9]) expect(outputSize(17, f, samePadding(f), 1).size).toBe(17);
  });
  it('an even kernel has no symmetric same padding, and says why', () => {
    expect(() => samePadding(4)).toThrow(/4×4 kernel has no padding that keeps the size.*1\.5/);
    expect(() => samePadding(0)).toThrow(RangeError);
  });
  it('32 → 28 → 24 → … under repeated 5×5 convolutions without padding, stopping when 5 no longer fits', () => {
    expect(shrinkingSizes(32, 5, 0, 1)).toEqual([32, 28, 24, 20, 16, 12, 8, 4]);
    expect(shrinkingSizes(32, 5, 2, 1, 3)).toEqual([32, 32]);
    // Stops once a layer no longer changes the size (the repeated 1).
    expect(shrinkingSizes(32, 3, 1, 2)).toEqual([32, 16, 8, 4, 2, 1, 1]);
  });
});

describe('channels and filters (CURRICULUM §5, §11)', () => {
  it('32×32×3, ten 5×5 filters, stride 1, pad 2 → 32×32×10 with 760 parameters', () => {
    const l = convLayer({ inH: 32, inW: 32, inC: 3, kernel: 5, filters: 10, stride: 1, padding: 2 });
    expect([l.outH, l.outW, l.outC, l.params, l.weightsPerFilter]).toEqual([32, 32, 10, 760, 75]);
  });
  it('a 5×5×3 filter on 32×32×3 gives one 28×28 map of 75-term dot products; six give 28×28×6', () => {
    const one = convLayer({ inH: 32, inW: 32, inC: 3, kernel: 5, filters: 1 });
    expect([one.outH, one.outW, one.outC, one.weightsPerFilter]).toEqual([28, 28, 1, 75]);
    expect(convLayer({ inH: 32, inW: 32, inC: 3, kernel: 5, filters: 6 }).outC).toBe(6);
  });
  it('1×1: 56×56×64 with 32 filters → 56×56×32, each output a 64-term dot product', () => {
    const l = convLayer({ inH: 56, inW: 56, inC: 64, kernel: 1, filters: 32 });
    expect([l.outH, l.outW, l.outC, l.weightsPerFilter, l.params]).toEqual([56, 56, 32, 64, 65 * 32]);
  });
  it('AlexNet CONV1: 227×227×3, 96 11×11 stride 4 → 55×55×96, 34,944 parameters', () => {
    const l = convLayer({ inH: 227, inW: 227, inC: 3, kernel: 11, filters: 96, stride: 4 });
    expect([l.outH, l.outC, l.params]).toEqual([55, 96, 34_944]);
  });
  it('parameter counts agree with tfjs’ own Conv2D layer for random layers', () => {
    const rand = rng(5);
    for (let i = 0; i < 25; i++) {
      const c = 1 + Math.floor(rand() * 6), f = 1 + Math.floor(rand() * 5), k = 1 + Math.floor(rand() * 8), bias = rand() > 0.3;
      expect(convLayer({ inH: 9, inW: 9, inC: c, kernel: f, filters: k, bias }).params).toBe(tfjsParams(9, 9, c, f, k, bias));
    }
  });
  it('a fully connected layer is a convolution whose kernel covers the input: 32×32×3 → 10', () => {
    const fc = fullyConnectedAsConv(32, 32, 3, 10);
    expect(fc.kernel).toEqual([32, 32]);
    expect([fc.inputs, fc.outH, fc.outW, fc.outC, fc.weights, fc.params]).toEqual([3072, 1, 1, 10, 30_720, 30_730]);
    expect(tfjsParams(32, 32, 3, 32, 10)).toBe(fc.params);
    // Flattening 8×8×64 gives 4096 values per output.
    expect(fullyConnectedAsConv(8, 8, 64, 1).inputs).toBe(4096);
  });
});

describe('bad input', () => {
  it('sizes that are not whole numbers, zero filters, a kernel larger than the padded input', () => {
    expect(() => convLayer({ inH: 0, inW: 5, inC: 1, kernel: 3, filters: 1 })).toThrow(/input height must be at least 1/);
    expect(() => convLayer({ inH: 5, inW: 5, inC: 1.5, kernel: 3, filters: 1 })).toThrow(/whole number/);
    expect(() => convLayer({ inH: 5, inW: 5, inC: 1, kernel: 3, filters: 0 })).toThrow(/filters must be at least 1/);
    expect(() => convLayer({ inH: 5, inW: 5, inC: 1, kernel: 8, filters: 1, padding: 1 })).toThrow(/8×8 kernel is larger than the padded 7×7 input/);
    expect(() => convLayer({ inH: 5, inW: 5, inC: 1, kernel: 3, filters: 1, stride: 0 })).toThrow(/stride must be at least 1/);
    expect(() => convLayer({ inH: Number.NaN, inW: 5, inC: 1, kernel: 3, filters: 1 })).toThrow(TypeError);
  });
});
