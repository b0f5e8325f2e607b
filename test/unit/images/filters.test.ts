// The filter presets: CURRICULUM §8's kernels exactly, and each preset's behaviour on small
// hand-computed images (constant images, flat regions, a step edge) run through the engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { createImageSession, gaussianKernel, initEngine, PRESETS, presetKernel, type FilterSpec, type ImageSession, type PresetId } from '../../../src/engine';

/** RGBA bytes for a grey image given as rows of values. */
function greyImage(rows: number[][]) {
  const h = rows.length, w = rows[0].length;
  const data = new Uint8ClampedArray(w * h * 4);
  rows.flat().forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width: w, height: h, data };
}
const constant = (v: number, n = 9) => greyImage(Array.from({ length: n }, () => new Array(n).fill(v)));
/** Rows 0–3 dark (0), rows 4–7 bright (100): a horizontal step edge. */
const step = greyImage(Array.from({ length: 8 }, (_, y) => new Array(8).fill(y < 4 ? 0 : 100)));

function spec(id: PresetId, size = 3, extra: Partial<FilterSpec> = {}): FilterSpec {
  const k = presetKernel(id, size);
  const p = PRESETS.find((q) => q.id === id)!;
  return { weights: k.weights, divisor: k.divisor, colour: 'grey', display: p.display, magnitude: p.magnitude, ...extra };
}

/** Raw filtered values of channel 0 as rows. */
async function raw(session: ImageSession, s: FilterSpec): Promise<number[][]> {
  const { shape, raw: values } = await session.values(s);
  const [h, w, c] = shape;
  return Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => values[(y * w + x) * c]));
}
/** The cells at least `r` away from every border (untouched by zero padding). */
const interior = (m: number[][], r: number) => m.slice(r, m.length - r).flatMap((row) => row.slice(r, row.length - r));

let session: ImageSession;
beforeAll(async () => {
  expect((await initEngine()).backend).toBe('cpu');
  session = await createImageSession();
});

describe('CURRICULUM §8 kernels', () => {
  const applied = (id: PresetId) => {
    const { weights, divisor } = presetKernel(id);
    return weights.map((r) => r.map((v) => v / divisor));
  };
  it('match the table exactly', () => {
    expect(applied('identity')).toEqual([[0, 0, 0], [0, 1, 0], [0, 0, 0]]);
    expect(applied('darken')).toEqual([[0, 0, 0], [0, 0.5, 0], [0, 0, 0]]);
    expect(applied('brighten')).toEqual([[0, 0, 0], [0, 1.5, 0], [0, 0, 0]]);
    expect(applied('box')).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]].map((r) => r.map((v) => v / 9)));
    expect(applied('gaussian')).toEqual([[1, 2, 1], [2, 4, 2], [1, 2, 1]].map((r) => r.map((v) => v / 16)));
    expect(applied('sharpen')).toEqual([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
    expect(applied('edge')).toEqual([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]);
    expect(applied('prewitt-h')).toEqual([[-1, -1, -1], [0, 0, 0], [1, 1, 1]]);
    expect(applied('prewitt-v')).toEqual([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]);
  });
  it('Sobel and emboss are the textbook kernels, and every v kernel is its h kernel transposed', () => {
    expect(applied('sobel-h')).toEqual([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]);
    expect(applied('sobel-v')).toEqual([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
    expect(applied('emboss')).toEqual([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]);
    const t = (m: number[][]) => m[0].map((_, j) => m.map((r) => r[j]));
    expect(t(applied('prewitt-h'))).toEqual(applied('prewitt-v'));
    expect(t(applied('sobel-h'))).toEqual(applied('sobel-v'));
  });
  it('bigger blurs: box n×n is 1/n², binomial Gaussians are Pascal rows (1 4 6 4 1 / 256), sampled ones sum to 1', () => {
    expect(presetKernel('box', 5)).toEqual({ weights: Array.from({ length: 5 }, () => new Array(5).fill(1)), divisor: 25 });
    const g5 = presetKernel('gaussian', 5);
    expect(g5.divisor).toBe(256);
    expect(g5.weights[2]).toEqual([6, 24, 36, 24, 6]);
    expect(presetKernel('gaussian', 7).weights[0]).toEqual([1, 6, 15, 20, 15, 6, 1]);
    const s = gaussianKernel(7, 1.5);
    expect(s.weights[3][3]).toBe(100);
    const next = Math.round(10 * Math.exp(-1 / 4.5)); // one cell from the centre, σ = 1.5
    expect(s.weights[3][4]).toBe(10 * next);
    expect(s.weights[2][4]).toBe(next * next);
    expect(s.weights.flat().reduce((a, b) => a + b, 0)).toBe(s.divisor);
    expect(presetKernel('edge', 5).weights[2][2]).toBe(24);
  });
  it('refuses sizes a preset does not come in, and bad σ', () => {
    expect(() => presetKernel('sharpen', 5)).toThrow(/Sharpen comes in size 3, not 5/);
    expect(() => presetKernel('box', 4)).toThrow(RangeError);
    expect(() => gaussianKernel(5, 0)).toThrow(/σ must be a positive number/);
  });
});

describe('each preset on small hand-computed images', () => {
  it('blurs preserve a constant image away from the zero-padded border', async () => {
    session.setImage(constant(120, 11));
    const blurs: FilterSpec[] = [spec('box'), spec('box', 5), spec('box', 7), spec('gaussian'), spec('gaussian', 5), spec('gaussian', 7)];
    const g = gaussianKernel(5, 1.2);
    blurs.push({ ...g, colour: 'grey', display: 'clamp' });
    for (const s of blurs) {
      const r = (s.weights.length - 1) / 2;
      for (const v of interior(await raw(session, s), r)) expect(v).toBeCloseTo(120, 3);
    }
    // At the corner the zero padding darkens a 3×3 box blur to 4/9 of the value.
    expect((await raw(session, spec('box')))[0][0]).toBeCloseTo((120 * 4) / 9, 3);
  });

  it('identity copies, darken halves, brighten multiplies by 1.5 and clips at 255; sharpen and emboss keep flat regions', async () => {
    session.setImage(greyImage([[10, 100, 200], [40, 170, 250], [0, 60, 90]]));
    const bytes = async (s: FilterSpec) => Array.from((await session.render(s)).rgba!.filter((_, i) => i % 4 === 0));
    expect(await bytes(spec('identity'))).toEqual([10, 100, 200, 40, 170, 250, 0, 60, 90]);
    expect(await bytes(spec('darken'))).toEqual([5, 50, 100, 20, 85, 125, 0, 30, 45]);
    expect(await bytes(spec('brighten'))).toEqual([15, 150, 255, 60, 255, 255, 0, 90, 135]);
    session.setImage(constant(80));
    for (const id of ['sharpen', 'emboss'] as const) for (const v of interior(await raw(session, spec(id)), 1)) expect(v).toBeCloseTo(80, 4);
  });

  it('edge filters give 0 on flat regions', async () => {
    session.setImage(constant(200));
    for (const s of [spec('edge'), spec('edge', 5), spec('edge', 7), spec('prewitt-h'), spec('prewitt-v'), spec('sobel-h'), spec('sobel-v'), spec('prewitt-magnitude')]) {
      const r = (s.weights.length - 1) / 2;
      for (const v of interior(await raw(session, s), r)) expect(Math.abs(v)).toBeLessThan(1e-3);
    }
  });

  it('Prewitt horizontal on a step edge gives the column 0,0,0,300,300,0,0,−300 (the last from zero padding); vertical gives 0', async () => {
    session.setImage(step);
    const h = await raw(session, spec('prewitt-h'));
    // Row y reads 3·(row y+1 − row y−1): rows 3 and 4 straddle the step; row 7 sees the zero padding below.
    for (const x of [1, 3, 6]) expect(h.map((row) => row[x])).toEqual([0, 0, 0, 300, 300, 0, 0, -300]);
    const v = await raw(session, spec('prewitt-v'));
    for (const row of v) for (const val of row.slice(1, 7)) expect(val).toBe(0);
    // Sobel weighs the middle column twice: 4·100.
    expect((await raw(session, spec('sobel-h')))[3][4]).toBe(400);
    // The magnitude √(a² + b²) with b = 0 inside is |a|.
    expect((await raw(session, spec('prewitt-magnitude')))[3].slice(1, 7)).toEqual([300, 300, 300, 300, 300, 300]);
  });

  it('display: clamp cuts negatives to 0, absolute value flips them, rescale maps min → 0 and max → 255', async () => {
    session.setImage(step);
    const column = async (display: FilterSpec['display']) => {
      const { rgba } = await session.render(spec('prewitt-h', 3, { display }));
      return Array.from({ length: 8 }, (_, y) => rgba![(y * 8 + 3) * 4]);
    };
    expect(await column('clamp')).toEqual([0, 0, 0, 255, 255, 0, 0, 0]);
    expect(await column('abs')).toEqual([0, 0, 0, 255, 255, 0, 0, 255]);
    // Values span −300…300, so 0 ↦ 127.5, which rounds half to even: 128.
    expect(await column('rescale')).toEqual([128, 128, 128, 255, 255, 128, 128, 0]);
  });
});
