// The engine against the hand-worked numbers of shared/CURRICULUM.md.
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, im2col, initEngine, matMul, outputSize, pool2d, toeplitz, windowProducts } from '../../../src/engine';
import { flat, matVec } from '../reference';

const input = [[[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]]];
const edge = [[[[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]]];

beforeAll(async () => {
  expect((await initEngine()).backend).toBe('cpu');
});

describe('§2 kernel sliding', () => {
  it('valid convolution of the 4×4 example with the edge kernel gives 0, −2, 7, 5', async () => {
    expect(await conv2d(input, edge)).toEqual([[[0, -2], [7, 5]]]);
  });
  it('the first window’s terms are the written-out dot product, summing to 0', async () => {
    const terms = await windowProducts(input, edge);
    expect(terms[0]).toEqual([-2, -1, 0, -3, 16, -1, -4, -3, -2]);
    expect(terms.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([0, -2, 7, 5]);
  });
});

describe('§3 padding', () => {
  it('zero padding 1 gives the 4×4 output of the curriculum', async () => {
    expect(await conv2d(input, edge, { padding: 1 })).toEqual([[[10, 0, -5, -2], [12, 0, -2, 4], [20, 7, 5, 3], [7, 4, 0, -4]]]);
  });
  it("'same' padding keeps the size for F = 3, 5, 7", async () => {
    for (const f of [3, 5, 7]) {
      const k = [[Array.from({ length: f }, () => new Array(f).fill(1))]];
      const x = [Array.from({ length: 9 }, () => new Array(9).fill(1))];
      const out = await conv2d(x, k, { padding: 'same' });
      expect([out[0].length, out[0][0].length]).toEqual([9, 9]);
      expect(outputSize(9, f, (f - 1) / 2, 1).size).toBe(9);
    }
  });
  it('32 → 28 → 24 under repeated 5×5 convolutions without padding', () => {
    expect(outputSize(32, 5, 0, 1).size).toBe(28);
    expect(outputSize(28, 5, 0, 1).size).toBe(24);
  });
});

describe('§4 stride', () => {
  it('7×7 with 3×3: stride 1 → 5, stride 2 → 3, stride 3 → 2.33 does not fit', async () => {
    expect(outputSize(7, 3, 0, 1)).toEqual({ size: 5, exact: 5, fits: true });
    expect(outputSize(7, 3, 0, 2)).toEqual({ size: 3, exact: 3, fits: true });
    const s3 = outputSize(7, 3, 0, 3);
    expect(s3.size).toBe(2);
    expect(s3.fits).toBe(false);
    expect(s3.exact).toBeCloseTo(2.3333, 4);
    const x = [Array.from({ length: 7 }, (_, y) => Array.from({ length: 7 }, (_, xx) => y * 7 + xx))];
    const ones = [[[[1, 1, 1], [1, 1, 1], [1, 1, 1]]]];
    const out = await conv2d(x, ones, { stride: 3 });
    // Windows start at 0 and 3; row/column 6 is dropped. Sum of the top-left 3×3 of 0..48 is 72.
    expect(out).toEqual([[[72, 99], [261, 288]]]);
  });
});

describe('§5 channels and filters', () => {
  it('32×32×3 with ten 5×5 filters, stride 1, pad 2 → 32×32×10 (760 parameters)', async () => {
    const x = [0, 1, 2].map((c) => Array.from({ length: 32 }, () => new Array(32).fill(c + 1)));
    const filters = Array.from({ length: 10 }, (_, k) => [0, 1, 2].map(() => Array.from({ length: 5 }, () => new Array(5).fill(k))));
    const out = await conv2d(x, filters, { stride: 1, padding: 2, bias: new Array(10).fill(1) });
    expect([out.length, out[0].length, out[0][0].length]).toEqual([10, 32, 32]);
    // Centre cell of filter k: 25 terms per channel of (1 + 2 + 3)·k, plus bias 1.
    expect(out[3][16][16]).toBe(25 * 6 * 3 + 1);
    expect((5 * 5 * 3 + 1) * 10).toBe(760);
  });
  it('a 1×1 convolution is a per-pixel dot product over channels', async () => {
    const x = [[[1, 2]], [[3, 4]], [[5, 6]]];
    const out = await conv2d(x, [[[[1]], [[10]], [[100]]]]);
    expect(out).toEqual([[[531, 642]]]);
  });
});

describe('§6 convolution as matrix multiplication', () => {
  it('im2col rows of the example, and the patch matrix times the kernel gives 0, −2, 7, 5', async () => {
    const patches = await im2col(input, { kernel: 3 });
    expect(patches).toEqual([[2, 1, 0, 3, 2, 1, 4, 3, 2], [1, 0, 0, 2, 1, 1, 3, 2, 1], [3, 2, 1, 4, 3, 2, 2, 2, 1], [2, 1, 1, 3, 2, 1, 2, 1, 0]]);
    const product = await matMul(patches, flat(edge).map((v) => [v]));
    expect(flat(product)).toEqual([0, -2, 7, 5]);
  });
  it('the 4×16 Toeplitz matrix has shifted kernel rows and T · vec(x) = 0, −2, 7, 5', async () => {
    const T = await toeplitz(edge, [1, 4, 4]);
    expect([T.length, T[0].length]).toEqual([4, 16]);
    expect(T[0]).toEqual([-1, -1, -1, 0, -1, 8, -1, 0, -1, -1, -1, 0, 0, 0, 0, 0]);
    expect(T[1]).toEqual([0, -1, -1, -1, 0, -1, 8, -1, 0, -1, -1, -1, 0, 0, 0, 0]);
    expect(matVec(T, flat(input))).toEqual([0, -2, 7, 5]);
  });
});

describe('§7 pooling', () => {
  it('2×2 max pooling, stride 2, of the §2 input → [[3,1],[4,2]]', async () => {
    expect((await pool2d(input, { size: 2, stride: 2, mode: 'max' })).output).toEqual([[[3, 1], [4, 2]]]);
  });
  it('second example → [[6,8],[3,4]] with switches at the maxima', async () => {
    const r = await pool2d([[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]], { size: 2, mode: 'max' });
    expect(r.output).toEqual([[[6, 8], [3, 4]]]);
    expect(r.switches).toEqual([[[5, 7], [8, 15]]]);
  });
  it('the 6×6 exercise → [[7,5,4],[6,9,6],[7,6,5]]', async () => {
    const m = [[2, 7, 5, 5, 3, 3], [6, 3, 0, 3, 4, 0], [6, 3, 9, 0, 2, 3], [0, 1, 6, 2, 6, 6], [6, 3, 0, 5, 1, 0], [7, 3, 6, 4, 0, 5]];
    expect((await pool2d([m], { size: 2, stride: 2, mode: 'max' })).output).toEqual([[[7, 5, 4], [6, 9, 6], [7, 6, 5]]]);
  });
});

describe('§12 exercise', () => {
  it('5×5 staircase with [[1,1,1],[1,4,1],[1,1,1]]', async () => {
    const x = [[[1, 1, 1, 1, 1], [0, 1, 1, 1, 1], [0, 0, 1, 1, 1], [0, 0, 0, 1, 1], [0, 0, 0, 0, 1]]];
    const out = await conv2d(x, [[[[1, 1, 1], [1, 4, 1], [1, 1, 1]]]]);
    // Worked by hand: window (0,0) [[1,1,1],[0,1,1],[0,0,1]] → 1+1+1+0+4+1+0+0+1 = 9;
    // window (1,0) [[0,1,1],[0,0,1],[0,0,0]] → 0+1+1+0+0+1 = 3; window (2,0) [[0,0,1],[0,0,0],[0,0,0]] → 1.
    expect(out).toEqual([[[9, 11, 12], [3, 9, 11], [1, 3, 9]]]);
  });
});
