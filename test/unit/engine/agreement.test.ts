// The engine against independent computations: a plain loop, the im2col product, the Toeplitz
// product, and tfjs' own gradient, over random sizes, strides, paddings, channels and filters.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, convTranspose2d, im2col, initEngine, matMul, pool2d, resolvePads, toeplitz } from '../../../src/engine';
import { expectClose, flat, matVec, randomVolume, refConv, refConvTranspose, refPool, rng, transpose } from '../reference';

beforeAll(async () => {
  await initEngine();
});

interface Case { C: number; H: number; W: number; K: number; FH: number; FW: number; s: [number, number]; p: number | [number, number] | 'same' | 'valid' }

function cases(n: number): Case[] {
  const rand = rng(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: Case[] = [];
  while (out.length < n) {
    const FH = pick([1, 2, 3, 5]), FW = pick([1, 2, 3, 4]);
    const c: Case = { C: pick([1, 2, 3]), H: pick([4, 5, 7, 8]), W: pick([4, 6, 7, 9]), K: pick([1, 2, 4]), FH, FW, s: [pick([1, 2, 3]), pick([1, 2])], p: pick([0, 1, 2, [1, 0], 'same', 'valid'] as Case['p'][]) };
    const pads = resolvePads(c.p, c.H, c.W, FH, FW, c.s[0], c.s[1]);
    if (FH <= c.H + pads.top + pads.bottom && FW <= c.W + pads.left + pads.right) out.push(c);
  }
  return out;
}

describe('conv2d = plain loop = im2col · W = T · vec(x)', () => {
  const rand = rng(7);
  for (const c of cases(24)) {
    it(`C${c.C} ${c.H}×${c.W}, ${c.K} filters ${c.FH}×${c.FW}, stride ${c.s}, padding ${c.p}`, async () => {
      const x = randomVolume(rand, c.C, c.H, c.W);
      const filters = Array.from({ length: c.K }, () => randomVolume(rand, c.C, c.FH, c.FW));
      const bias = Array.from({ length: c.K }, () => Math.round(rand() * 6 - 3));
      const before = tf.memory().numTensors;
      const out = await conv2d(x, filters, { stride: c.s, padding: c.p, bias });
      const pads = resolvePads(c.p, c.H, c.W, c.FH, c.FW, c.s[0], c.s[1]);
      expect(out).toEqual(refConv(x, filters, c.s, pads, bias));

      const patches = await im2col(x, { kernel: [c.FH, c.FW], stride: c.s, padding: c.p });
      const Wm = transpose(filters.map((f) => flat(f))); // [C·FH·FW][K]
      const H = await matMul(patches, Wm); // [positions][K]
      const viaIm2col = transpose(H).map((row, k) => row.map((v) => v + bias[k]));
      expectClose(flat(viaIm2col), flat(out));

      const T = await toeplitz(filters, [c.C, c.H, c.W], { stride: c.s, padding: c.p });
      const viaToeplitz = matVec(T, flat(x));
      const K = c.K, per = viaToeplitz.length / K;
      expectClose(viaToeplitz.map((v, i) => v + bias[Math.floor(i / per)]), flat(out));
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('Tᵀ · g = convTranspose2d(g) = the tfjs gradient of conv2d', () => {
  const rand = rng(11);
  for (const [C, N, K, F, s, p] of [[1, 4, 1, 3, 1, 0], [2, 6, 3, 3, 2, 1], [3, 5, 2, 2, 1, 0], [1, 7, 1, 3, 2, 0], [2, 8, 2, 4, 2, 1], [1, 5, 1, 1, 1, 0]]) {
    it(`C${C} ${N}×${N}, ${K} filters ${F}×${F}, stride ${s}, padding ${p}`, async () => {
      const x = randomVolume(rand, C, N, N);
      const filters = Array.from({ length: K }, () => randomVolume(rand, C, F, F));
      const out = await conv2d(x, filters, { stride: s, padding: p });
      const g = randomVolume(rand, K, out[0].length, out[0][0].length);
      const before = tf.memory().numTensors;
      // Input size a stride may have dropped: recover it with output padding, as frameworks do.
      const natural = (out[0].length - 1) * s - 2 * p + F;
      const t = await convTranspose2d(g, filters, { stride: s, padding: p, outputPadding: N - natural });
      expect(tf.memory().numTensors).toBe(before);
      expect([t.length, t[0].length, t[0][0].length]).toEqual([C, N, N]);
      expectClose(flat(t), flat(refConvTranspose(g, filters, s, p, N - natural)));
      const T = await toeplitz(filters, [C, N, N], { stride: s, padding: p });
      expectClose(flat(t), matVec(transpose(T), flat(g)));
      // tfjs' autodiff through an independent NHWC conv: d/dx of sum(conv(x) · g).
      const grad = tf.tidy(() => {
        const xt = tf.tensor3d(flat(x), [C, N, N]).transpose([1, 2, 0]).expandDims(0) as tf.Tensor4D;
        const ft = tf.tensor4d(flat(filters), [K, C, F, F]).transpose([2, 3, 1, 0]) as tf.Tensor4D;
        const gt = tf.tensor3d(flat(g), [K, out[0].length, out[0][0].length]).transpose([1, 2, 0]).expandDims(0);
        const f = (v: tf.Tensor) => tf.conv2d(tf.pad(v as tf.Tensor4D, [[0, 0], [p, p], [p, p], [0, 0]]), ft, s, 'valid').mul(gt).sum();
        return tf.grad(f)(xt).squeeze([0]).transpose([2, 0, 1]);
      });
      expectClose(flat(t), flat(await grad.array()));
      grad.dispose();
    });
  }
  it('without output padding the size is (n − 1)·s − 2p + f', async () => {
    const t = await convTranspose2d([[[1, 2], [3, 4]]], [[[[1, 1, 1], [1, 1, 1], [1, 1, 1]]]], { stride: 2 });
    expect([t[0].length, t[0][0].length]).toEqual([5, 5]);
    // Stride 2 upsampling: overlaps where neighbouring kernels meet (the checkerboard).
    expect(t[0][0]).toEqual([1, 1, 3, 2, 2]);
    expect(t[0][2]).toEqual([4, 4, 10, 6, 6]);
  });
});

describe('pool2d = plain loop, with switches', () => {
  const rand = rng(5);
  for (const [C, N, k, s] of [[1, 4, 2, 2], [3, 6, 2, 2], [2, 7, 3, 2], [4, 5, 2, 1], [2, 9, 3, 3]]) {
    for (const mode of ['max', 'avg', 'l2'] as const) {
      it(`${mode}: C${C} ${N}×${N}, ${k}×${k} stride ${s}, negative values included`, async () => {
        const x = randomVolume(rand, C, N, N, 9).map((ch) => ch.map((row) => row.map((v) => v - 3)));
        const before = tf.memory().numTensors;
        const r = await pool2d(x, { size: k, stride: s, mode });
        expect(tf.memory().numTensors).toBe(before);
        const ref = refPool(x, k, s, mode);
        expectClose(flat(r.output), flat(ref.output));
        if (mode === 'max') expect(r.switches).toEqual(ref.switches);
        else expect(r.switches).toBeUndefined();
      });
    }
  }
  it('ties go to the first maximum in row-major order', async () => {
    const r = await pool2d([[[5, 5], [5, 5]], [[1, 2], [2, 1]]], { size: 2, mode: 'max' });
    expect(r.switches).toEqual([[[0]], [[1]]]);
  });
  it('stride defaults to the window size', async () => {
    const r = await pool2d([[[1, 2, 3, 4], [5, 6, 7, 8]]], { size: 2, mode: 'avg' });
    expect(r.output).toEqual([[[3.5, 5.5]]]);
  });
});
