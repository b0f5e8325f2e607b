// The pooling lesson: its worked examples (read from the lesson file, resolved as the widget does)
// answered by the engine give CURRICULUM §7's numbers; pooling and the shift demo against loops
// written here; the exercise kinds' answers recomputed independently from their data.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine, pool2d, shiftComparison } from '../../../src/engine';
import { seededRand } from '../../../src/exercises/rand';
import { kinds } from '../../../src/exercises/kinds/pooling';
import { checkPooling, poolingSchema } from '../../../src/widgets/pooling/schema';
import { defaults } from '../../../src/store/schema';
import { rng } from '../reference';

beforeAll(async () => {
  expect((await initEngine()).backend).toBe('cpu');
});

/** Plain loop: pooled value and first-maximum position of every window, per channel. */
function loopPool(x: number[][][], f: number, s: number, mode: 'max' | 'avg' | 'l2') {
  const H = x[0].length, W = x[0][0].length;
  const oh = Math.floor((H - f) / s) + 1, ow = Math.floor((W - f) / s) + 1;
  const output: number[][][] = [], switches: number[][][] = [];
  for (const ch of x) {
    const o: number[][] = [], sw: number[][] = [];
    for (let i = 0; i < oh; i++) {
      o.push([]); sw.push([]);
      for (let j = 0; j < ow; j++) {
        const vals: [number, number][] = [];
        for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) vals.push([ch[i * s + a][j * s + b], (i * s + a) * W + j * s + b]);
        const best = vals.reduce((m, v) => (v[0] > m[0] ? v : m));
        o[i].push(mode === 'max' ? best[0] : mode === 'avg' ? vals.reduce((t, v) => t + v[0], 0) / vals.length : Math.sqrt(vals.reduce((t, v) => t + v[0] ** 2, 0)));
        sw[i].push(best[1]);
      }
    }
    output.push(o); switches.push(sw);
  }
  return { output, switches };
}

describe('the lesson’s worked examples, answered by the engine', () => {
  const lesson = readFileSync('lessons/pooling.mdx', 'utf8');
  const props = (id: string) => {
    const tag = new RegExp(`<Pooling id="${id}"([^>]*)/>`).exec(lesson)?.[1] ?? '';
    return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  };
  const pooledOf = async (id: string) => {
    const state = defaults(poolingSchema(props(id)));
    expect(checkPooling(state)).toBeNull();
    return (await pool2d([state.c1, state.c2, state.c3].slice(0, state.channels), { size: state.size, stride: state.stride, mode: state.mode })).output;
  };
  it('§2’s input → [[3, 1], [4, 2]]; the second example → [[6, 8], [3, 4]]', async () => {
    expect(await pooledOf('max')).toEqual([[[3, 1], [4, 2]]]);
    expect(await pooledOf('second')).toEqual([[[6, 8], [3, 4]]]);
  });
  it('the 6×6 exercise → [[7, 5, 4], [6, 9, 6], [7, 6, 5]], in quiz mode', async () => {
    expect(props('exercise').quiz).toBe('1');
    expect(await pooledOf('exercise')).toEqual([[[7, 5, 4], [6, 9, 6], [7, 6, 5]]]);
  });
  it('the channels example pools two channels separately', async () => {
    const out = await pooledOf('channels');
    expect(out).toHaveLength(2);
    expect(out[1]).toEqual([[4, 5], [6, 2]]);
  });
});

describe('pooling = a plain loop', () => {
  it('max (with switches), average and L2, non-overlapping and overlapping windows, negative values', async () => {
    const rand = rng(21);
    const x = Array.from({ length: 3 }, () => Array.from({ length: 7 }, () => Array.from({ length: 6 }, () => Math.round(rand() * 18) - 9)));
    for (const [f, s] of [[2, 2], [3, 2], [2, 1], [3, 3]]) {
      for (const mode of ['max', 'avg', 'l2'] as const) {
        const got = await pool2d(x, { size: f, stride: s, mode });
        const want = loopPool(x, f, s, mode);
        got.output.flat(2).forEach((v, i) => expect(v).toBeCloseTo(want.output.flat(2)[i], 4));
        if (mode === 'max') expect(got.switches).toEqual(want.switches);
      }
    }
  });
});

describe('the shift demo', () => {
  const conv = (m: number[][], k: number[][]) => m.map((row, y) => row.map((_, x) => {
    let s = 0;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) s += (m[y + a - 1]?.[x + b - 1] ?? 0) * k[a][b];
    return s;
  }));
  it('matches a loop: shift, zero-padded convolution, 2×2 max pooling and the counts of changed cells', async () => {
    const input = [[0, 9, 5, 0, 0], [0, 0, 9, 5, 0], [1, 0, 0, 9, 5], [0, 2, 0, 0, 9], [0, 0, 3, 0, 0], [4, 0, 0, 1, 0]];
    const k = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];
    for (const [dy, dx] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
      const r = await shiftComparison(input, k, { dy, dx, pool: 2 });
      const moved = input.map((row, y) => row.map((_, x) => input[y - dy]?.[x - dx] ?? 0));
      expect(r.shifted).toEqual(moved);
      const [c0, c1] = [conv(input, k), conv(moved, k)];
      expect(r.conv).toEqual(c0);
      expect(r.convShifted).toEqual(c1);
      const [p0, p1] = [loopPool([c0], 2, 2, 'max').output[0], loopPool([c1], 2, 2, 'max').output[0]];
      expect(r.pooled).toEqual(p0);
      expect(r.pooledShifted).toEqual(p1);
      const changedConv = c0.flat().filter((v, i) => v !== c1.flat()[i]).length;
      const changedPool = p0.flat().filter((v, i) => v !== p1.flat()[i]).length;
      expect(r.convCount.slice(0, 2)).toEqual([changedConv, 30]);
      expect(r.pooledCount.slice(0, 2)).toEqual([changedPool, 6]);
      expect(r.convCount[2]).toBeCloseTo(changedConv / 30, 6);
    }
  });
  it('refuses a shift of 3 and a pool window larger than the input, with sentences', async () => {
    expect(() => shiftComparison([[1, 2], [3, 4]], [[1]], { dy: 3, dx: 0, pool: 2 })).toThrow(/row shift must be a whole number from −2 to 2/);
    expect(() => shiftComparison([[1, 2], [3, 4]], [[1]], { dy: 0, dx: 0, pool: 3 })).toThrow(/larger than the padded 2×2 input/);
  });
});

describe('exercise kinds', () => {
  const kind = (id: string) => kinds.find((k) => k.id === id)!;
  it('every kind’s answer agrees with a loop over the question’s data, for many seeds', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const m = await kind('pool-max-matrix').generate(seededRand(seed));
      expect(m.answer).toEqual({ type: 'matrix', value: loopPool([m.data.input as number[][]], 2, 2, 'max').output[0] });
      const c = await kind('pool-avg-l2-cell').generate(seededRand(seed));
      const mode = c.data.l2 ? 'l2' : 'avg';
      const want = loopPool([c.data.input as number[][]], 2, 2, mode).output[0][c.data.y as number][c.data.x as number];
      expect(c.answer.type === 'number' && c.answer.value).toBeCloseTo(want, 4);
      const s = await kind('pool-switch').generate(seededRand(seed));
      const flat = loopPool([s.data.input as number[][]], 2, 2, 'max').switches[0][s.data.y as number][s.data.x as number];
      expect(s.answer).toMatchObject({ value: [Math.floor(flat / 4) + 1, (flat % 4) + 1] });
      const o = await kind('pool-output-size').generate(seededRand(seed));
      const [n, f, st] = [o.data.n, o.data.f, o.data.s] as number[];
      expect(o.answer).toEqual({ type: 'number', value: Math.floor((n - f) / st) + 1 });
      const r = await kind('pool-receptive-field').generate(seededRand(seed));
      expect(r.answer).toEqual({ type: 'number', value: (r.data.p as number) + (r.data.f as number) - 1 });
      for (const q of [m, c, s, o, r]) expect(q.solution.length).toBeGreaterThan(1);
    }
  });
});
