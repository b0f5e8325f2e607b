// The image session against an independent plain loop (zero-padded cross-correlation per channel,
// grey as BT.601 luma), the pixel inspector against the same loop and the drawn bytes, tensor
// counts over 200 filter changes, and bad input turned into sentences.
import { beforeAll, describe, expect, it } from 'vitest';
import { createImageSession, initEngine, liveTensors, lowRank, presetKernel, type FilterSpec, type ImageSession } from '../../../src/engine';
import { rng } from '../reference';

const W = 9, H = 7;
let rgba: Uint8ClampedArray;
let session: ImageSession;

/** Plain-loop reference: out[y][x][c] = Σ in[y+dy−r][x+dx−r][c] · k[dy][dx], zeros outside. */
function refFilter(img: Uint8ClampedArray, w: number, h: number, k: number[][], grey: boolean): number[] {
  const n = k.length, r = (n - 1) / 2, C = grey ? 1 : 3;
  const at = (y: number, x: number, c: number) => {
    if (y < 0 || y >= h || x < 0 || x >= w) return 0;
    const i = (y * w + x) * 4;
    return grey ? 0.299 * img[i] + 0.587 * img[i + 1] + 0.114 * img[i + 2] : img[i + c];
  };
  const out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < C; c++) {
    let s = 0;
    for (let dy = 0; dy < n; dy++) for (let dx = 0; dx < n; dx++) s += at(y + dy - r, x + dx - r, c) * k[dy][dx];
    out.push(s);
  }
  return out;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-3) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > tol * Math.max(1, Math.abs(b[i]))) throw new Error(`entry ${i}: ${a[i]} ≠ ${b[i]}`);
};

beforeAll(async () => {
  expect((await initEngine()).backend).toBe('cpu');
  const rand = rng(7);
  rgba = new Uint8ClampedArray(W * H * 4).map((_, i) => (i % 4 === 3 ? 255 : Math.floor(rand() * 256)));
  session = await createImageSession();
  session.setImage({ width: W, height: H, data: rgba });
});

describe('filtering = a plain loop', () => {
  const rand = rng(11);
  const kernel5 = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => Math.round(rand() * 8) - 4));
  it('per colour channel and in grey, for 3×3, 5×5 and 7×7 kernels and a divisor', async () => {
    const gauss = presetKernel('gaussian', 7);
    const cases: FilterSpec[] = [
      { weights: presetKernel('sobel-v').weights, colour: 'colour', display: 'clamp' },
      { weights: kernel5, divisor: 3, colour: 'colour', display: 'abs' },
      { weights: kernel5, colour: 'grey', display: 'rescale' },
      { ...gauss, colour: 'colour', display: 'clamp' },
    ];
    const routes = [];
    for (const s of cases) {
      const k = s.weights.map((row) => row.map((v) => v / (s.divisor ?? 1)));
      const expected = refFilter(rgba, W, H, k, s.colour === 'grey');
      const got = await session.values(s);
      expect(got.shape).toEqual([H, W, s.colour === 'grey' ? 1 : 3]);
      close(got.raw, expected);
      // The bytes drawn are the display mapping of those values, rounded.
      const lo = Math.min(...expected), hi = Math.max(...expected);
      const map = (v: number) => (s.display === 'clamp' ? Math.min(255, Math.max(0, v)) : s.display === 'abs' ? Math.min(255, Math.abs(v)) : ((v - lo) * 255) / (hi - lo));
      const { rgba: drawn, filter } = await session.render(s);
      routes.push(filter);
      const C = s.colour === 'grey' ? 1 : 3;
      for (let p = 0; p < W * H; p++) for (let c = 0; c < 3; c++) {
        expect(Math.abs(drawn![p * 4 + c] - map(expected[p * C + (C === 1 ? 0 : c)]))).toBeLessThanOrEqual(0.5 + 1e-3);
      }
      for (let p = 0; p < W * H; p++) expect(drawn![p * 4 + 3]).toBe(255);
    }
    // Sobel and the random 5×5 (rank > 2) run as one RGBA depthwise pass, the 7×7 Gaussian (rank 1) as columns then rows.
    expect(routes).toEqual(['direct', 'direct', 'general', 'separable']);
  });
  it('the separable route factors kernels of rank ≤ 2 exactly, and refuses rank 3', () => {
    const rebuild = (terms: { u: number[]; v: number[] }[], n: number) =>
      Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => terms.reduce((s, t) => s + t.u[i] * t.v[j], 0)));
    for (const [id, size, rank] of [['box', 7, 1], ['gaussian', 5, 1], ['edge', 7, 2], ['prewitt-h', 3, 1], ['sharpen', 3, 2]] as const) {
      const k = presetKernel(id, size).weights;
      const terms = lowRank(k)!;
      expect(terms).toHaveLength(rank);
      rebuild(terms, size).flat().forEach((v, i) => expect(v).toBeCloseTo(k.flat()[i], 9));
    }
    expect(lowRank([[1, 0, 0], [0, 2, 0], [0, 0, 3]])).toBeNull();
    expect(lowRank(presetKernel('emboss').weights)).toBeNull();
  });
  it('the edge magnitude is √(a² + b²) of the kernel and its transpose', async () => {
    const k = presetKernel('prewitt-h').weights;
    const kt = k[0].map((_, j) => k.map((r) => r[j]));
    const a = refFilter(rgba, W, H, k, false), b = refFilter(rgba, W, H, kt, false);
    const got = await session.values({ weights: k, colour: 'colour', display: 'clamp', magnitude: true });
    close(got.raw, a.map((v, i) => Math.hypot(v, b[i])));
  });
});

describe('the pixel inspector', () => {
  it('writes out the window, products and sum of the loop, with zeros on the padding, and the byte that was drawn', async () => {
    const s: FilterSpec = { weights: [[1, 2, 0], [-1, 3, 1], [0, -2, 4]], divisor: 2, colour: 'colour', display: 'clamp' };
    const k = s.weights.map((row) => row.map((v) => v / 2));
    const ref = refFilter(rgba, W, H, k, false);
    const { rgba: drawn } = await session.render(s);
    for (const [x, y] of [[0, 0], [4, 3], [8, 6], [8, 0]]) {
      const ins = await session.inspect(s, x, y);
      expect(ins.channels).toEqual(['R', 'G', 'B']);
      expect(ins.kernel).toEqual(k);
      for (let c = 0; c < 3; c++) {
        for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) {
          const yy = y + dy - 1, xx = x + dx - 1;
          const inside = yy >= 0 && yy < H && xx >= 0 && xx < W;
          expect(ins.inside[dy][dx]).toBe(inside);
          expect(ins.window[c][dy][dx]).toBe(inside ? rgba[(yy * W + xx) * 4 + c] : 0);
          expect(ins.products[c][dy][dx]).toBeCloseTo(ins.window[c][dy][dx] * k[dy][dx], 4);
        }
        expect(ins.sums[c]).toBeCloseTo(ref[(y * W + x) * 3 + c], 3);
        expect(ins.shown[c]).toBe(drawn![(y * W + x) * 4 + c]);
      }
    }
  });
  it('in grey with rescale, reports the range and the mapped byte; for a magnitude, both sums', async () => {
    const s: FilterSpec = { weights: presetKernel('edge').weights, colour: 'grey', display: 'rescale' };
    const ref = refFilter(rgba, W, H, s.weights, true);
    const ins = await session.inspect(s, 2, 5);
    expect(ins.channels).toEqual(['grey']);
    expect(ins.range![0]).toBeCloseTo(Math.min(...ref), 2);
    expect(ins.range![1]).toBeCloseTo(Math.max(...ref), 2);
    const { rgba: drawn } = await session.render(s);
    expect(ins.shown[0]).toBe(drawn![(5 * W + 2) * 4]);
    const m = await session.inspect({ ...s, weights: presetKernel('sobel-h').weights, display: 'clamp', magnitude: true }, 4, 4);
    expect(m.kernelT).toEqual(presetKernel('sobel-v').weights);
    expect(m.value[0]).toBeCloseTo(Math.hypot(m.sums[0], m.sumsT![0]), 3);
  });
});

describe('tensors', () => {
  it('200 filter changes, inspections and new images leave the tensor count unchanged; dispose frees the image', async () => {
    const extra = await createImageSession();
    extra.setImage({ width: W, height: H, data: rgba });
    // The grey and RGBA copies of the image are made on first use and kept with it.
    for (const colour of ['colour', 'grey'] as const) expect((await extra.render({ weights: [[1]], colour, display: 'clamp' })).prepared).toBe(true);
    expect((await extra.render({ weights: [[2]], colour: 'grey', display: 'clamp' })).prepared).toBe(false);
    const before = liveTensors();
    const rand = rng(5);
    for (let i = 0; i < 200; i++) {
      const n = [1, 3, 5, 7][i % 4];
      const weights = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.round(rand() * 10) - 5));
      weights[0][0] = 1;
      const spec: FilterSpec = { weights, colour: i % 3 ? 'colour' : 'grey', display: (['clamp', 'abs', 'rescale'] as const)[i % 3], magnitude: i % 7 === 0 };
      await extra.render(spec);
      if (i % 10 === 0) await extra.inspect(spec, i % W, i % H);
      if (i % 25 === 0) await extra.drawOriginal(undefined, spec.colour);
    }
    expect(liveTensors()).toBe(before);
    for (let i = 0; i < 20; i++) extra.setImage({ width: W, height: H, data: rgba });
    expect(liveTensors()).toBe(before - 3); // the grey and RGBA copies went with the old image, made again on demand
    extra.dispose();
    expect(liveTensors()).toBe(before - 4);
  });
});

describe('bad input becomes a sentence, and the session keeps its image', () => {
  const ok: FilterSpec = { weights: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], colour: 'colour', display: 'clamp' };
  it('kernel cells that are not numbers, all-zero kernels, even sizes, a zero divisor, unknown modes', async () => {
    await expect(session.render({ ...ok, weights: [[0, 0, 0], [0, NaN, 0], [0, 0, 0]] })).rejects.toThrow(/kernel\[1\]\[1\] is NaN, which is not a finite number/);
    await expect(session.render({ ...ok, weights: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] })).rejects.toThrow(/Every kernel weight is 0/);
    await expect(session.render({ ...ok, weights: [[1, 0], [0, 1]] })).rejects.toThrow(/odd size/);
    await expect(session.render({ ...ok, divisor: 0 })).rejects.toThrow(/divisor must be a number other than 0/);
    await expect(session.render({ ...ok, display: 'log' as 'clamp' })).rejects.toThrow(TypeError);
    await expect(session.inspect(ok, W, 0)).rejects.toThrow(/outside the 9×7 image/);
    expect(Array.from((await session.render(ok)).rgba!)).toEqual(Array.from(rgba));
  });
  it('images that are empty, too large, or whose bytes do not match their size', async () => {
    expect(() => session.setImage({ width: 0, height: 4, data: new Uint8ClampedArray(0) })).toThrow(/no pixels/);
    expect(() => session.setImage({ width: 4000, height: 10, data: new Uint8ClampedArray(4) })).toThrow(/scale it to at most 2048/);
    expect(() => session.setImage({ width: 2, height: 2, data: new Uint8ClampedArray(15) })).toThrow(/needs 16 bytes, not 15/);
    expect(session.width).toBe(W);
    const empty = await createImageSession();
    await expect(empty.render(ok)).rejects.toThrow(/There is no image yet/);
  });
});
