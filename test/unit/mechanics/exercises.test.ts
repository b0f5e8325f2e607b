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

/** Plain-loop receptive field side of `layers` stride-1 F×F convolutions: 1 + layers·(F − 1), by growing an interval. */
function intervalSide(kernels: number[], strides: number[]): number {
  // The interval of input indices that output 0 of the last layer reads, walked back layer by layer.
  let lo = 0, hi = 0;
  for (let i = kernels.length - 1; i >= 0; i--) {
    lo = lo * strides[i];
    hi = hi * strides[i] + kernels[i] - 1;
  }
  return hi - lo + 1;
}

describe('channels and filters', () => {
  it('channels-volume: height, width from counting positions; depth = number of filters', async () => {
    for (const q of await questions('channels-volume')) {
      const { h, f, s, p, k } = q.data as Record<string, number>;
      const side = positions(h, f, p, p, s);
      expect(q.answer).toEqual({ type: 'numbers', value: [side, side, k], labels: ['height', 'width', 'depth'] });
      expect(checkAnswer(q.answer, `${side}×${side}×${k}`).correct).toBe(true);
      expect(checkAnswer(q.answer, `${side}×${side}×${(q.data as Record<string, number>).c}`).correct).toBe(k === (q.data as Record<string, number>).c);
    }
  });
  it('channels-params: (F·F·C + 1)·K', async () => {
    for (const q of await questions('channels-params')) {
      const { c, f, k } = q.data as Record<string, number>;
      expect(number(q)).toBe((f * f * c + 1) * k);
    }
  });
  it('channels-cell-value: a plain-loop two-channel convolution plus bias', async () => {
    for (const q of await questions('channels-cell-value')) {
      const d = q.data as { input1: number[][]; input2: number[][]; filter1: number[][]; filter2: number[][]; bias: number; y: number; x: number };
      const ref = refConv([d.input1, d.input2], [[d.filter1, d.filter2]], [1, 1], { top: 0, bottom: 0, left: 0, right: 0 }, [d.bias]);
      expect(number(q)).toBe(ref[0][d.y][d.x]);
    }
  });
});

describe('1×1 convolution and fully connected layers', () => {
  it('onebyone-volume: same height and width, depth K', async () => {
    for (const q of await questions('onebyone-volume')) {
      const { h, k } = q.data as Record<string, number>;
      expect(q.answer).toMatchObject({ type: 'numbers', value: [h, h, k] });
    }
  });
  it('onebyone-value: the dot product of the pixel with the weights', async () => {
    for (const q of await questions('onebyone-value')) {
      const { pixel, weights } = q.data as { pixel: number[][]; weights: number[][] };
      expect(number(q)).toBe(pixel[0].reduce((sum, v, i) => sum + v * weights[0][i], 0));
    }
  });
  it('fc-as-conv: the filter is as large as the input', async () => {
    for (const q of await questions('fc-as-conv')) {
      const { h, c, k } = q.data as Record<string, number>;
      expect(q.answer).toMatchObject({ type: 'numbers', value: [h, h, c] });
      expect(q.solution.join(' ')).toContain(((h * h * c + 1) * k).toLocaleString('en'));
    }
  });
});

describe('receptive field', () => {
  it('rf-stack: 1 + L·(F − 1), by walking an interval back through the layers', async () => {
    for (const q of await questions('rf-stack')) {
      const { f, layers } = q.data as Record<string, number>;
      expect(number(q)).toBe(intervalSide(new Array(layers).fill(f), new Array(layers).fill(1)));
      expect(number(q)).toBe(1 + layers * (f - 1));
    }
  });
  it('rf-conv-pool: P + F − 1', async () => {
    for (const q of await questions('rf-conv-pool')) {
      const { f, p } = q.data as Record<string, number>;
      expect(number(q)).toBe(intervalSide([f, p], [1, p]));
      expect(number(q)).toBe(p + f - 1);
    }
  });
  it('rf-weights: L · 9 · C²', async () => {
    for (const q of await questions('rf-weights')) {
      const { layers, c } = q.data as Record<string, number>;
      expect(number(q)).toBe(layers * 9 * c * c);
    }
  });
});
