// The mechanics exercises: for many seeds, each generated question's answer agrees with an
// independent computation written here (plain loops and the textbook formulas), and the checker
// accepts the right answer and rejects a wrong one.
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { checkAnswer } from '../../../src/exercises/check';
import { seededRand } from '../../../src/exercises/rand';
import { exerciseKinds, exerciseProblems } from '../../../src/exercises/registry';
import type { Question } from '../../../src/exercises/types';
import { refConv } from '../reference';

beforeAll(async () => {
  await initEngine();
});

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 7919 + 3);

async function questions(kind: string): Promise<Question[]> {
  expect(exerciseKinds[kind], kind).toBeDefined();
  return Promise.all(SEEDS.map((s) => exerciseKinds[kind].generate(seededRand(s))));
}

/** Window positions along one side, counted one start at a time (floor semantics). */
function positions(n: number, f: number, before: number, after: number, s: number): number {
  let count = 0;
  for (let start = 0; start + f <= n + before + after; start += s) count++;
  return count;
}

function number(q: Question): number {
  if (q.answer.type !== 'number') throw new Error(`${q.kind}: expected a number answer`);
  return q.answer.value;
}

it('no kind is defined twice', () => {
  expect(exerciseProblems).toEqual([]);
});

describe('padding', () => {
  it('pad-output-size: N − F + 2P + 1, counted', async () => {
    for (const q of await questions('pad-output-size')) {
      const { n, f, p } = q.data as Record<string, number>;
      expect(number(q)).toBe(positions(n, f, p, p, 1));
      expect(checkAnswer(q.answer, String(number(q))).correct).toBe(true);
      expect(checkAnswer(q.answer, String(number(q) + 1)).correct).toBe(false);
    }
  });
  it('pad-same: the padding keeps the size, and no smaller padding does', async () => {
    for (const q of await questions('pad-same')) {
      const { n, f } = q.data as Record<string, number>;
      const p = number(q);
      expect(positions(n, f, p, p, 1)).toBe(n);
      if (p > 0) expect(positions(n, f, p - 1, p - 1, 1)).toBeLessThan(n);
    }
  });
  it('pad-cell-value: a plain-loop convolution with padding 1, on a border cell', async () => {
    for (const q of await questions('pad-cell-value')) {
      const { input, kernel, y, x } = q.data as { input: number[][]; kernel: number[][]; y: number; x: number };
      const ref = refConv([input], [[kernel]], [1, 1], { top: 1, bottom: 1, left: 1, right: 1 });
      expect(number(q)).toBe(ref[0][y][x]);
      expect(y === 0 || x === 0 || y === input.length - 1 || x === input.length - 1).toBe(true);
      expect(q.solution.at(-1)).toContain(String(ref[0][y][x]).replace('-', '−'));
    }
  });
  it('pad-shrink: loses F − 1 per layer', async () => {
    for (const q of await questions('pad-shrink')) {
      const { n, f, layers } = q.data as Record<string, number>;
      expect(number(q)).toBe(n - layers * (f - 1));
    }
  });
});

describe('stride', () => {
  it('stride-output-size: floor((N − F + 2P)/S) + 1, counted; both fitting and non-fitting cases occur', async () => {
    let nofit = 0;
    for (const q of await questions('stride-output-size')) {
      const { n, f, p, s } = q.data as Record<string, number>;
      expect(number(q)).toBe(positions(n, f, p, p, s));
      if ((n - f + 2 * p) % s !== 0) nofit++;
    }
    expect(nofit).toBeGreaterThan(0);
    expect(nofit).toBeLessThan(SEEDS.length);
  });
  it('stride-fits: yes exactly when the last window ends at the padded border', async () => {
    const seen = new Set<boolean>();
    for (const q of await questions('stride-fits')) {
      const { n, f, p, s } = q.data as Record<string, number>;
      const last = (positions(n, f, p, p, s) - 1) * s + f;
      expect(q.answer).toEqual({ type: 'yesno', value: last === n + 2 * p });
      seen.add(last === n + 2 * p);
      expect(checkAnswer(q.answer, last !== n + 2 * p).correct).toBe(false);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });
  it('stride-fit-padding: the smallest padding that fits', async () => {
    for (const q of await questions('stride-fit-padding')) {
      const { n, f, s } = q.data as Record<string, number>;
      const p = number(q);
      const fits = (pp: number) => ((positions(n, f, pp, pp, s) - 1) * s + f === n + 2 * pp);
      expect(fits(p)).toBe(true);
      for (let smaller = 0; smaller < p; smaller++) expect(fits(smaller)).toBe(false);
    }
  });
  it('stride-same: TensorFlow’s SAME gives ⌈N / S⌉', async () => {
    for (const q of await questions('stride-same')) {
      const { n, s } = q.data as Record<string, number>;
      expect(number(q)).toBe(Math.ceil(n / s));
    }
  });
});
