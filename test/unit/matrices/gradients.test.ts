// The gradient helper of the transpose lesson: convInputGradient (tf.grad through the engine's
// conv2d) against the gradient by linearity, Tᵀ·g from an entry-by-entry Toeplitz matrix, and the
// engine's convTranspose2d, for random channels, filters, sizes, strides and paddings.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, convInputGradient, convTranspose2d, initEngine, resolvePads } from '../../../src/engine';
import { expectClose, flat, matVec, randomVolume, rng, transpose } from '../reference';
import { refInputGradient, refToeplitz } from './helpers';

beforeAll(async () => {
  await initEngine();
});

describe('convInputGradient = Σ conv(e_i)·g = Tᵀ·g = convTranspose2d(g)', () => {
  const rand = rng(2024);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const cases: { C: number; H: number; W: number; K: number; F: number; s: number; p: number | 'same' }[] = [];
  while (cases.length < 12) {
    const c = { C: pick([1, 2, 3]), H: pick([3, 4, 5, 6]), W: pick([3, 5, 6]), K: pick([1, 2, 3]), F: pick([1, 2, 3]), s: pick([1, 2, 3]), p: pick([0, 1, 'same'] as (number | 'same')[]) };
    const pads = resolvePads(c.p, c.H, c.W, c.F, c.F, c.s, c.s);
    if (c.F <= c.H + pads.top + pads.bottom && c.F <= c.W + pads.left + pads.right) cases.push(c);
  }
  for (const c of cases) {
    it(`C${c.C} ${c.H}×${c.W}, ${c.K} filters ${c.F}×${c.F}, stride ${c.s}, padding ${c.p}`, async () => {
      const x = randomVolume(rand, c.C, c.H, c.W);
      const filters = Array.from({ length: c.K }, () => randomVolume(rand, c.C, c.F, c.F));
      const out = await conv2d(x, filters, { stride: c.s, padding: c.p });
      const g = randomVolume(rand, c.K, out[0].length, out[0][0].length);
      const pads = resolvePads(c.p, c.H, c.W, c.F, c.F, c.s, c.s);
      const before = tf.memory().numTensors;
      const grad = await convInputGradient(x, filters, g, { stride: c.s, padding: c.p });
      expect(tf.memory().numTensors).toBe(before);
      expect([grad.length, grad[0].length, grad[0][0].length]).toEqual([c.C, c.H, c.W]);
      expectClose(flat(grad), flat(refInputGradient(filters, g, [c.C, c.H, c.W], [c.s, c.s], pads)));
      const T = refToeplitz(filters, [c.C, c.H, c.W], [c.s, c.s], pads);
      expectClose(flat(grad), matVec(transpose(T), flat(g)));
      if (c.p !== 'same') {
        // convTranspose2d crops p from each side; output padding restores cells a stride dropped.
        const natural = (out[0].length - 1) * c.s - 2 * c.p + c.F;
        const ct = await convTranspose2d(g, filters, { stride: c.s, padding: c.p, outputPadding: [c.H - natural, c.W - ((out[0][0].length - 1) * c.s - 2 * c.p + c.F)] });
        expectClose(flat(grad), flat(ct));
      }
    });
  }

  it('does not depend on the input values (the convolution is linear in its input)', async () => {
    const filters = [[[[1, -2], [3, 0.5]]]];
    const g = [[[1, 2], [-1, 4]]];
    const a = await convInputGradient([[[0, 0, 0], [0, 0, 0], [0, 0, 0]]], filters, g);
    const b = await convInputGradient([[[5, -3, 2], [7, 1, 9], [-4, 4, 8]]], filters, g);
    expect(a).toEqual(b);
    // Corner input (0,0) is read only by output (0,0) through weight (0,0): 1 × 1.
    expect(a[0][0][0]).toBe(1);
    // The centre is read by all four outputs: 1·0.5 + 2·3 + (−1)·(−2) + 4·1 = 12.5.
    expect(a[0][1][1]).toBe(12.5);
  });

  it('gives zero to the cells a stride that does not fit never reads', async () => {
    // 5 wide, kernel 2, stride 2: windows at 0–1 and 2–3, column 4 is never read.
    const grad = await convInputGradient([[[1, 2, 3, 4, 5]]], [[[[2, 3]]]], [[[1, 1]]], { stride: 2 });
    expect(grad[0][0]).toEqual([2, 3, 2, 3, 0]);
  });

  it('rejects a gradient that does not match the output, with a sentence', async () => {
    expect(() => convInputGradient([[[1, 2, 3]]], [[[[1, 1]]]], [[[1, 1, 1]]])).toThrow(RangeError);
    expect(() => convInputGradient([[[1, 2, 3]]], [[[[1, 1]]]], [[[1, 1, 1]]])).toThrow(/output is 1×1×2/);
  });
});
