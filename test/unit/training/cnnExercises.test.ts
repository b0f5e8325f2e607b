// The CNN lessons' exercises: every generated answer agrees with arithmetic written here
// independently (N − F + 1, ⌊N / 2⌋, (F·F·C + 1)·K, e^s / Σ e^s), over many seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { checkAnswer } from '../../../src/exercises/check';
import { kinds } from '../../../src/exercises/kinds/cnn';
import { seededRand } from '../../../src/exercises/rand';

beforeAll(async () => {
  await initEngine();
});

const kind = (id: string) => kinds.find((k) => k.id === id)!;

/** Shapes after conv1, relu1, pool1, conv2, relu2, pool2, from the numbers alone. */
function shapes(d: Record<string, number>): number[][] {
  const conv = (n: number, k: number) => (d.same ? n : n - k + 1);
  const c1 = conv(d.side, d.k1);
  const p1 = Math.floor(c1 / 2);
  const c2 = conv(p1, d.k2);
  const p2 = Math.floor(c2 / 2);
  return [[c1, c1, d.f1], [c1, c1, d.f1], [p1, p1, d.f1], [c2, c2, d.f2], [c2, c2, d.f2], [p2, p2, d.f2]];
}

describe('CNN exercises', () => {
  it('output shapes match N − F + 1 (or same padding) and ⌊N / 2⌋ pooling', async () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const q = await kind('cnn-layer-shape').generate(seededRand(seed));
      const d = q.data as Record<string, number>;
      seen.add(d.at);
      expect(q.answer).toEqual({ type: 'numbers', value: shapes(d)[d.at], labels: ['height', 'width', 'depth'] });
      expect(checkAnswer(q.answer, shapes(d)[d.at].join('x')).correct).toBe(true);
    }
    expect([...seen].sort()).toEqual([2, 3, 5]);
  });

  it('parameter counts match (F·F·C + 1)·K for convolutions and (inputs + 1)·10 for the dense layer', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const q = await kind('cnn-layer-params').generate(seededRand(seed));
      const d = q.data as Record<string, number>;
      const s = shapes(d);
      const expected = d.at === 0 ? (d.k1 * d.k1 * d.channels + 1) * d.f1
        : d.at === 3 ? (d.k2 * d.k2 * d.f1 + 1) * d.f2
        : (s[5][0] * s[5][1] * s[5][2] + 1) * 10;
      expect(q.answer).toEqual({ type: 'number', value: expected });
    }
  });

  it('softmax probabilities match e^s / Σ e^s, and the solution states −ln p', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const q = await kind('cnn-softmax').generate(seededRand(seed));
      const { scores: [scores], label } = q.data as { scores: number[][]; label: number };
      const sum = scores.reduce((a, s) => a + Math.exp(s), 0);
      const p = Math.exp(scores[label]) / sum;
      expect(q.answer.type === 'number' && q.answer.value).toBeCloseTo(p, 5);
      expect(checkAnswer(q.answer, p.toFixed(2)).correct).toBe(true);
      expect(q.solution.at(-1)).toContain((-Math.log(p)).toFixed(3));
    }
  });
});
