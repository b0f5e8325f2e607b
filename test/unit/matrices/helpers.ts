// Plain-loop references for the matrix lessons' tests, written from the definitions: the Toeplitz
// matrix entry by entry, and a convolution's input gradient by linearity (one-hot inputs).
import { refConv, type Vol } from '../reference';

export interface SidePads { top: number; bottom: number; left: number; right: number }

/** T[(k, oy, ox)][(c, y, x)] = filters[k][c][y − oy·s + top][x − ox·s + left] where that is inside the kernel. */
export function refToeplitz(filters: number[][][][], [C, H, W]: number[], [sh, sw]: [number, number], p: SidePads): number[][] {
  const K = filters.length, FH = filters[0][0].length, FW = filters[0][0][0].length;
  const outH = Math.floor((H + p.top + p.bottom - FH) / sh) + 1;
  const outW = Math.floor((W + p.left + p.right - FW) / sw) + 1;
  const T: number[][] = [];
  for (let k = 0; k < K; k++) for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) {
    const row = new Array(C * H * W).fill(0);
    for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const dy = y - oy * sh + p.top, dx = x - ox * sw + p.left;
      if (dy >= 0 && dy < FH && dx >= 0 && dx < FW) row[(c * H + y) * W + x] = filters[k][c][dy][dx];
    }
    T.push(row);
  }
  return T;
}

/** ∂/∂x_i of Σ conv(x)·g: the convolution is linear, so it is Σ conv(e_i)·g for the one-hot input e_i. */
export function refInputGradient(filters: number[][][][], g: Vol, [C, H, W]: number[], s: [number, number], p: SidePads): Vol {
  const out: Vol = Array.from({ length: C }, () => Array.from({ length: H }, () => new Array(W).fill(0)));
  for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const e: Vol = Array.from({ length: C }, (_, cc) => Array.from({ length: H }, (_, yy) => Array.from({ length: W }, (_, xx) => (cc === c && yy === y && xx === x ? 1 : 0))));
    const y1 = refConv(e, filters, s, p);
    let sum = 0;
    y1.forEach((m, k) => m.forEach((row, i) => row.forEach((v, j) => (sum += v * g[k][i][j]))));
    out[c][y][x] = sum + 0;
  }
  return out;
}
