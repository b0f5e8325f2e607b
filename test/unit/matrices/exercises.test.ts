// The matrix lessons' exercises: for many seeds, every answer the engine produced agrees with an
// independent computation from the question's own numbers (formulas, a plain-loop T, the gradient
// by linearity), and the worked solution ends with that answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { checkAnswer } from '../../../src/exercises/check';
import { exerciseKinds } from '../../../src/exercises/registry';
import { seededRand } from '../../../src/exercises/rand';
import { kinds } from '../../../src/exercises/kinds/matrices';
import { formatNumber } from '../../../src/viz/format';
import { refInputGradient, refToeplitz } from './helpers';

beforeAll(async () => {
  await initEngine();
});

const pads = (p: number) => ({ top: p, bottom: p, left: p, right: p });
const gen = (id: string, seed: number) => exerciseKinds[id].generate(seededRand(seed));
const SEEDS = Array.from({ length: 15 }, (_, i) => i + 1);

describe('matrix exercises', () => {
  it('are registered under their ids', () => {
    expect(kinds.map((k) => k.id)).toEqual(['im2col-size', 'im2col-copies', 'toeplitz-size', 'toeplitz-row-cells', 'toeplitz-entry', 'transpose-gradient-cell']);
    for (const k of kinds) expect(exerciseKinds[k.id]).toBe(k);
  });
  it('im2col size: (windows) × (C·F·F)', async () => {
    for (const seed of SEEDS) {
      const q = await gen('im2col-size', seed);
      const { n, f, s, p, c } = q.data as Record<string, number>;
      const per = Math.floor((n - f + 2 * p) / s) + 1;
      expect(q.answer, `seed ${seed}`).toEqual({ type: 'numbers', value: [per * per, c * f * f], labels: ['number of rows', 'number of columns'] });
      expect(q.solution.at(-1)).toBe(`The matrix is ${per * per} × ${c * f * f}.`);
    }
  });
  it('im2col copies: the number of windows covering the cell, counted from window starts', async () => {
    for (const seed of SEEDS) {
      const q = await gen('im2col-copies', seed);
      const { n, f, s, p, y, x } = q.data as Record<string, number>;
      const out = Math.floor((n - f + 2 * p) / s) + 1;
      let count = 0;
      for (let oy = 0; oy < out; oy++) for (let ox = 0; ox < out; ox++) {
        const [ty, tx] = [oy * s - p, ox * s - p];
        if (y >= ty && y < ty + f && x >= tx && x < tx + f) count++;
      }
      expect(q.answer, `seed ${seed}`).toEqual({ type: 'number', value: count });
    }
  });
  it('Toeplitz size: (K · outputs) × (C · H · W)', async () => {
    for (const seed of SEEDS) {
      const q = await gen('toeplitz-size', seed);
      const { n, f, s, p, c, k } = q.data as Record<string, number>;
      const per = Math.floor((n - f + 2 * p) / s) + 1;
      expect((q.answer as { value: number[] }).value, `seed ${seed}`).toEqual([k * per * per, c * n * n]);
    }
  });
  it('row cells and one entry of T agree with a T built entry by entry', async () => {
    for (const seed of SEEDS) {
      const r = await gen('toeplitz-row-cells', seed);
      const d = r.data as Record<string, number>;
      const ones = Array.from({ length: d.f }, () => new Array(d.f).fill(1));
      const T1 = refToeplitz([[ones]], [1, d.n, d.n], [d.s, d.s], pads(d.p));
      expect((r.answer as { value: number[] }).value, `seed ${seed}`).toEqual(T1[d.row].flatMap((v, j) => (v ? [j + 1] : [])));

      const e = await gen('toeplitz-entry', seed);
      const { n, f, s, p, row, col, kernel } = e.data as { n: number; f: number; s: number; p: number; row: number; col: number; kernel: number[][] };
      expect(kernel.length).toBe(f);
      const T = refToeplitz([[kernel]], [1, n, n], [s, s], pads(p));
      expect(e.answer, `seed ${seed}`).toEqual({ type: 'number', value: T[row][col] });
      expect(e.solution.at(-1)).toContain(formatNumber(T[row][col]));
    }
  });
  it('one gradient cell equals Σ conv(e_i)·g', async () => {
    for (const seed of SEEDS) {
      const q = await gen('transpose-gradient-cell', seed);
      const { n, y, x, kernel, g } = q.data as { n: number; y: number; x: number; kernel: number[][]; g: number[][] };
      const ref = refInputGradient([[kernel]], [g], [1, n, n], [1, 1], pads(0));
      expect(q.answer, `seed ${seed}`).toEqual({ type: 'number', value: ref[0][y][x] });
      expect(q.solution.at(-1)).toBe(`The sum is ${formatNumber(ref[0][y][x])}.`);
      expect(checkAnswer(q.answer, String(ref[0][y][x] + 1)).correct).toBe(false);
    }
  });
});
