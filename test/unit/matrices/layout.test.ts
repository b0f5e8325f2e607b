// What the matrix lessons add on top of the engine's agreement tests: the index maps behind hover
// linking (toeplitzLayout, im2colLayout) against the engine's own matrices and a plain-loop T, the
// size, sparsity and duplication figures the pages print (CURRICULUM §6), the 1D Toeplitz matrix,
// and the 28×28 case (676 × 784).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, im2col, im2colLayout, initEngine, matMul, resolvePads, toeplitz, toeplitzLayout, toeplitzSlot, windowGeometry } from '../../../src/engine';
import { expectClose, flat, matVec, randomVolume, refConv, rng } from '../reference';
import { refToeplitz } from './helpers';

beforeAll(async () => {
  await initEngine();
});

const X = [[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]];
const EDGE = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];

describe('the worked example (CURRICULUM §6)', () => {
  const g = windowGeometry(4, 4, 3);
  it('im2col: a 4×9 matrix of 36 entries for 16 input cells; the middle cells are copied 4 times', async () => {
    const l = im2colLayout(g, 1);
    expect([l.rows, l.cols, l.entries, l.inputCells]).toEqual([4, 9, 36, 16]);
    expect(l.growth).toBe(2.25);
    expect(Array.from(l.copies)).toEqual([1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1]);
    expect([l.minCopies, l.maxCopies]).toEqual([1, 4]);
    // The layout's sources pick out the engine's patch rows [2 1 0 3 2 1 4 3 2] … [2 1 1 3 2 1 2 1 0].
    const patches = await im2col([X], { kernel: 3 });
    expect(patches).toEqual([[2, 1, 0, 3, 2, 1, 4, 3, 2], [1, 0, 0, 2, 1, 1, 3, 2, 1], [3, 2, 1, 4, 3, 2, 2, 2, 1], [2, 1, 1, 3, 2, 1, 2, 1, 0]]);
    expect(flat(patches)).toEqual(Array.from(l.source, (i) => flat(X)[i]));
    const product = await matMul(patches, EDGE.flat().map((w) => [w]));
    expect(flat(product)).toEqual([0, -2, 7, 5]);
  });
  it('Toeplitz: 4×16 with 36 weights placed and 28 zeros (43.75 %), and T·vec(x) = [0, −2, 7, 5]', async () => {
    const l = toeplitzLayout(g, 1, 1);
    expect([l.rows, l.cols, l.entries, l.nonzero, l.zeros]).toEqual([4, 16, 64, 36, 28]);
    expect(l.zeroShare).toBe(0.4375);
    const T = await toeplitz([[EDGE]], [1, 4, 4]);
    expect(T[0]).toEqual([-1, -1, -1, 0, -1, 8, -1, 0, -1, -1, -1, 0, 0, 0, 0, 0]);
    // Row 1 is row 0 shifted one column; row 2 is row 0 shifted one input row (4 columns).
    expect(T[1]).toEqual([0, ...T[0].slice(0, 15)]);
    expect(T[2]).toEqual([0, 0, 0, 0, ...T[0].slice(0, 12)]);
    expect(flat(await matMul(T, flat(X).map((v) => [v])))).toEqual([0, -2, 7, 5]);
    // Row 1 (output (0, 1)): column 2 (input (0, 2)) is the top-middle weight, column 5 (input (1, 1))
    // the middle-left one; (0, 3) is always zero.
    expect(l.weight[toeplitzSlot(l, 1, 2)]).toBe(1);
    expect(l.weight[toeplitzSlot(l, 1, 5)]).toBe(3);
    expect(toeplitzSlot(l, 0, 3)).toBe(-1);
  });
});

describe('layouts match the engine and a plain-loop Toeplitz matrix', () => {
  const rand = rng(99);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  for (let n = 0; n < 10; n++) {
    const C = pick([1, 2, 3]), H = pick([3, 5, 6]), W = pick([4, 5]), K = pick([1, 2]), F = pick([1, 2, 3]), s = pick([1, 2]);
    const p = pick([0, 1, 'same'] as (0 | 1 | 'same')[]);
    it(`C${C} ${H}×${W}, ${K} filters ${F}×${F}, stride ${s}, padding ${p}`, async () => {
      // Weights 1…n so every slot's value names its weight; input 1…n so every copy names its source.
      const filters = Array.from({ length: K }, (_, k) => Array.from({ length: C }, (_, c) => Array.from({ length: F }, (_, dy) => Array.from({ length: F }, (_, dx) => ((k * C + c) * F + dy) * F + dx + 1))));
      const x = Array.from({ length: C }, (_, c) => Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, xx) => (c * H + y) * W + xx + 1)));
      const g = windowGeometry(H, W, F, { stride: s, padding: p });
      const before = tf.memory().numTensors;
      const T = await toeplitz(filters, [C, H, W], { stride: s, padding: p });
      const ref = refToeplitz(filters, [C, H, W], [s, s], resolvePads(p, H, W, F, F, s, s));
      expect(T).toEqual(ref);
      const l = toeplitzLayout(g, C, K);
      expect([l.rows, l.cols]).toEqual([ref.length, ref[0].length]);
      expect(l.nonzero).toBe(flat(ref).filter((v) => v !== 0).length);
      for (let slot = 0; slot < l.nonzero; slot++) expect(ref[l.row[slot]][l.col[slot]]).toBe(l.weight[slot] + 1);
      // The column index lists exactly the rows whose entry in that column is nonzero.
      for (let j = 0; j < l.cols; j++) {
        const rows = Array.from(l.colSlots.slice(l.colStart[j], l.colStart[j + 1]), (slot) => l.row[slot]).sort((a, b) => a - b);
        expect(rows).toEqual(ref.map((row, i) => (row[j] !== 0 ? i : -1)).filter((i) => i >= 0));
      }
      const patches = await im2col(x, { kernel: F, stride: s, padding: p });
      const m = im2colLayout(g, C);
      expect(flat(patches)).toEqual(Array.from(m.source, (i) => (i < 0 ? 0 : i + 1)));
      expect(Array.from(m.copies)).toEqual(Array.from({ length: C * H * W }, (_, i) => flat(patches).filter((v) => v === i + 1).length));
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('1D: a banded matrix with constant diagonals', () => {
  it('signal of 8, kernel [1, 2, 3]: 6×8, T[i][j] = k[j − i], T·x = the 1D convolution', async () => {
    const k = [1, 2, 3];
    const x = [4, -1, 0, 2, 5, 3, -2, 1];
    const T = await toeplitz([[[k]]], [1, 1, 8]);
    expect([T.length, T[0].length]).toEqual([6, 8]);
    T.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(j - i >= 0 && j - i < 3 ? k[j - i] : 0)));
    // Every diagonal is constant: T[i][j] = T[i + 1][j + 1].
    for (let i = 0; i + 1 < 6; i++) for (let j = 0; j + 1 < 8; j++) expect(T[i + 1][j + 1]).toBe(T[i][j]);
    const oneD = x.slice(0, 6).map((_, i) => k[0] * x[i] + k[1] * x[i + 1] + k[2] * x[i + 2]);
    expect(flat(await matMul(T, x.map((v) => [v])))).toEqual(oneD);
    expect(flat(await conv2d([[x]], [[[k]]]))).toEqual(oneD);
    const l = toeplitzLayout(windowGeometry(1, 8, [1, 3]), 1, 1);
    expect([l.nonzero, l.zeros]).toEqual([18, 30]);
  });
  it('padding 1 and stride 2: the band is cut at the edges and moves two columns per row', async () => {
    const k = [1, 2, 3];
    const T = await toeplitz([[[k]]], [1, 1, 7], { stride: [1, 2], padding: [0, 1] });
    expect(T).toEqual([
      [2, 3, 0, 0, 0, 0, 0],
      [0, 1, 2, 3, 0, 0, 0],
      [0, 0, 0, 1, 2, 3, 0],
      [0, 0, 0, 0, 0, 1, 2],
    ]);
  });
});

describe('the 28×28 input with a 3×3 kernel', () => {
  it('T is 676 × 784 with 6,084 weights placed (98.85 % zeros), im2col is 676 × 9, and T·vec(x) = conv2d', async () => {
    const g = windowGeometry(28, 28, 3);
    const l = toeplitzLayout(g, 1, 1);
    expect([l.rows, l.cols, l.entries, l.nonzero]).toEqual([676, 784, 529_984, 6084]);
    expect(l.zeroShare).toBeCloseTo(0.98852, 5);
    const m = im2colLayout(g, 1);
    expect([m.rows, m.cols, m.entries, m.maxCopies, m.minCopies]).toEqual([676, 9, 6084, 9, 1]);
    const rand = rng(28);
    const x = randomVolume(rand, 1, 28, 28);
    const kernel = randomVolume(rand, 1, 3, 3);
    const before = tf.memory().numTensors;
    const T = await toeplitz([kernel], [1, 28, 28]);
    expect([T.length, T[0].length]).toEqual([676, 784]);
    const viaT = flat(await matMul(T, flat(x).map((v) => [v])));
    expect(tf.memory().numTensors).toBe(before);
    expectClose(viaT, flat(refConv(x, [kernel], [1, 1], { top: 0, bottom: 0, left: 0, right: 0 })));
    expectClose(matVec(T, flat(x)), viaT);
  });
});
