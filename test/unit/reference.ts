// Independent plain-loop implementations used only by the tests, written from the textbook
// definitions (cross-correlation, zero padding, floor), to check the tfjs engine against.
import { mulberry32 } from '../../src/engine/cnn/random';
export type Vol = number[][][];

/** Seeded uniform numbers in [0, 1) for generating test cases (the generator is not what is tested). */
export const rng = mulberry32;

/** Random small integers in [-range, range], so float32 sums are exact. */
export function randomVolume(rand: () => number, c: number, h: number, w: number, range = 4): Vol {
  return Array.from({ length: c }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => Math.round(rand() * 2 * range) - range)));
}

export function refConv(
  input: Vol,
  filters: number[][][][],
  [sh, sw]: [number, number],
  pads: { top: number; bottom: number; left: number; right: number },
  bias?: number[],
): Vol {
  const C = input.length, H = input[0].length, W = input[0][0].length;
  const FH = filters[0][0].length, FW = filters[0][0][0].length;
  const outH = Math.floor((H + pads.top + pads.bottom - FH) / sh) + 1;
  const outW = Math.floor((W + pads.left + pads.right - FW) / sw) + 1;
  const at = (c: number, y: number, x: number) => (y >= 0 && y < H && x >= 0 && x < W ? input[c][y][x] : 0);
  return filters.map((f, k) =>
    Array.from({ length: outH }, (_, oy) =>
      Array.from({ length: outW }, (_, ox) => {
        let s = bias ? bias[k] : 0;
        for (let c = 0; c < C; c++) for (let dy = 0; dy < FH; dy++) for (let dx = 0; dx < FW; dx++) {
          s += at(c, oy * sh + dy - pads.top, ox * sw + dx - pads.left) * f[c][dy][dx];
        }
        return s + 0; // −0 → 0, as the engine reports it
      }),
    ),
  );
}

/** Transposed convolution by scattering each input value times the kernel, then cropping p. */
export function refConvTranspose(g: Vol, filters: number[][][][], s: number, p: number, outputPadding = 0): Vol {
  const K = g.length, H = g[0].length, W = g[0][0].length;
  const C = filters[0].length, FH = filters[0][0].length, FW = filters[0][0][0].length;
  const fullH = (H - 1) * s + FH + outputPadding, fullW = (W - 1) * s + FW + outputPadding;
  const full = Array.from({ length: C }, () => Array.from({ length: fullH }, () => new Array(fullW).fill(0)));
  for (let k = 0; k < K; k++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++)
    for (let c = 0; c < C; c++) for (let dy = 0; dy < FH; dy++) for (let dx = 0; dx < FW; dx++)
      full[c][y * s + dy][x * s + dx] += g[k][y][x] * filters[k][c][dy][dx];
  return full.map((ch) => ch.slice(p, fullH - p).map((row) => row.slice(p, fullW - p)));
}

export function refPool(input: Vol, k: number, s: number, mode: 'max' | 'avg' | 'l2'): { output: Vol; switches: Vol } {
  const H = input[0].length, W = input[0][0].length;
  const outH = Math.floor((H - k) / s) + 1, outW = Math.floor((W - k) / s) + 1;
  const switches: Vol = [];
  const output = input.map((ch) => {
    const sw: number[][] = [];
    const out = Array.from({ length: outH }, (_, oy) => {
      sw.push([]);
      return Array.from({ length: outW }, (_, ox) => {
        let best = -Infinity, where = -1, sum = 0, sq = 0;
        for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) {
          const y = oy * s + dy, x = ox * s + dx, v = ch[y][x];
          if (v > best) { best = v; where = y * W + x; }
          sum += v; sq += v * v;
        }
        sw[oy].push(where);
        return mode === 'max' ? best : mode === 'avg' ? sum / (k * k) : Math.sqrt(sq);
      });
    });
    switches.push(sw);
    return out;
  });
  return { output, switches };
}

export function flat(v: unknown): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v as number];
}

export function matVec(m: number[][], v: number[]): number[] {
  return m.map((row) => row.reduce((s, a, i) => s + a * v[i], 0));
}

export function transpose(m: number[][]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}

export function expectClose(actual: number[], expected: number[], tol = 1e-4): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  actual.forEach((a, i) => {
    if (!(Math.abs(a - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(`entry ${i}: got ${a}, expected ${expected[i]}`);
    }
  });
}
