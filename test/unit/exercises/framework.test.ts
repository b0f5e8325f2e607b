// The exercise framework: answer checking is forgiving about format and strict about value;
// every kind's generated answer agrees with an independent computation; seeds reproduce questions.
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { checkAnswer, readNumber } from '../../../src/exercises/check';
import { seededRand } from '../../../src/exercises/rand';
import type { Answer } from '../../../src/exercises/types';
import { exerciseKinds, exerciseProblems } from '../../../src/exercises/registry';
import { refConv } from '../reference';

beforeAll(async () => {
  await initEngine();
});

describe('checking answers', () => {
  it('reads numbers as students type them', () => {
    expect(readNumber('−2')).toBe(-2);
    expect(readNumber(' 2,5 ')).toBe(2.5);
    expect(readNumber('7/3')).toBeCloseTo(2.3333, 4);
    expect(readNumber('+4')).toBe(4);
    expect(readNumber('abc')).toBeNull();
    expect(readNumber('1/0')).toBeNull();
    expect(readNumber('')).toBeNull();
  });
  it('numbers: right, wrong, not a number, and rounding for fractions', () => {
    expect(checkAnswer({ type: 'number', value: -2 }, '-2').correct).toBe(true);
    expect(checkAnswer({ type: 'number', value: -2 }, '2')).toEqual({ correct: false, message: '2 is not right.' });
    expect(checkAnswer({ type: 'number', value: 7 / 3 }, '2.33').correct).toBe(true);
    expect(checkAnswer({ type: 'number', value: 7 / 3 }, '2.3').correct).toBe(false);
    expect(checkAnswer({ type: 'number', value: 3 }, 'x').message).toMatch(/not a number/);
  });
  it('several numbers in any common notation, naming the wrong one', () => {
    const a: Answer = { type: 'numbers', value: [32, 32, 10], labels: ['height', 'width', 'depth'] };
    for (const t of ['32×32×10', '32x32x10', '32, 32, 10', '32 × 32 × 10']) expect(checkAnswer(a, t).correct).toBe(true);
    expect(checkAnswer(a, '32×32×3').message).toMatch(/depth/);
    expect(checkAnswer(a, '32×32').message).toMatch(/2 numbers; the answer has 3/);
  });
  it('yes/no, choices and matrices', () => {
    expect(checkAnswer({ type: 'yesno', value: false }, false).correct).toBe(true);
    expect(checkAnswer({ type: 'yesno', value: false }, null).message).toMatch(/yes or no/);
    expect(checkAnswer({ type: 'choice', options: ['a', 'b'], value: 1 }, 0).correct).toBe(false);
    expect(checkAnswer({ type: 'matrix', value: [[1, 2], [3, 4]] }, [['1', '2'], ['3', '4']]).correct).toBe(true);
    expect(checkAnswer({ type: 'matrix', value: [[1, 2], [3, 4]] }, [['1', '2'], ['3', '5']]).message).toBe('1 of 4 cells are not right.');
    expect(checkAnswer({ type: 'matrix', value: [[1, 2], [3, 4]] }, [['1', ''], ['3', '4']]).message).toMatch(/Row 1, column 2 is not a number/);
  });
});

describe('exercise kinds', () => {
  it('no kind is defined twice, and the kernel-sliding kinds exist', () => {
    expect(exerciseProblems).toEqual([]);
    expect(Object.keys(exerciseKinds)).toEqual(expect.arrayContaining(['slide-cell-value', 'slide-output-size', 'slide-positions']));
  });
  it('every kind generates a well-formed question, the same one for the same seed', async () => {
    for (const kind of Object.values(exerciseKinds)) {
      const a = await kind.generate(seededRand(99));
      const b = await kind.generate(seededRand(99));
      expect(a, kind.id).toEqual(b);
      expect(a.kind).toBe(kind.id);
      expect(a.prompt.length, kind.id).toBeGreaterThan(10);
      expect(a.solution.length, kind.id).toBeGreaterThan(0);
      // The right answer passes the checker; the question's own answer is what we check against.
      const right = a.answer.type === 'number' ? String(a.answer.value) : a.answer.type === 'numbers' ? a.answer.value.join('×') : a.answer.type === 'yesno' ? a.answer.value : a.answer.type === 'choice' ? a.answer.value : a.answer.value.map((r) => r.map(String));
      expect(checkAnswer(a.answer, right).correct, kind.id).toBe(true);
    }
  });
  it('kernel sliding: answers agree with a plain loop and with N − F + 1', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const cell = await exerciseKinds['slide-cell-value'].generate(seededRand(seed));
      const { input, kernel, y, x } = cell.data as { input: number[][]; kernel: number[][]; y: number; x: number };
      const ref = refConv([input], [[kernel]], [1, 1], { top: 0, bottom: 0, left: 0, right: 0 });
      expect(cell.answer).toEqual({ type: 'number', value: ref[0][y][x] });
      expect(cell.solution.at(-1)).toContain(String(ref[0][y][x]).replace('-', '−'));

      const size = await exerciseKinds['slide-output-size'].generate(seededRand(seed));
      const { n, f } = size.data as { n: number; f: number };
      expect(size.answer).toEqual({ type: 'number', value: n - f + 1 });

      const pos = await exerciseKinds['slide-positions'].generate(seededRand(seed));
      const d = pos.data as { h: number; w: number; f: number };
      expect(pos.answer).toEqual({ type: 'number', value: (d.h - d.f + 1) * (d.w - d.f + 1) });
    }
  });
});
