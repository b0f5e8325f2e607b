// Index maps for the matrix views, derived once per setting from the sliding-window geometry:
// where each kernel weight lands in the Toeplitz matrix, which input cell each im2col entry copies,
// and the size, sparsity and duplication figures the lessons print. Pure arithmetic over sizes.
import { im2colIndices, windowCells, type WindowGeometry } from './geometry';

export interface ToeplitzLayout {
  /** K·outH·outW rows (k, y', x') and C·H·W columns (c, y, x), as `toeplitz` builds T. */
  rows: number;
  cols: number;
  /** The slots where a kernel weight lands, grouped by row: row, column, flat filter index ((k·C + c)·kH + dy)·kW + dx. */
  row: Int32Array;
  col: Int32Array;
  weight: Int32Array;
  /** Slots of row r are rowStart[r] … rowStart[r + 1] − 1. */
  rowStart: Int32Array;
  /** Slots in column j are colSlots[colStart[j]] … colSlots[colStart[j + 1] − 1]. */
  colStart: Int32Array;
  colSlots: Int32Array;
  /** rows × cols; slots holding a weight; the rest, which are always zero; their share of all entries. */
  entries: number;
  nonzero: number;
  zeros: number;
  zeroShare: number;
}

/** Where every kernel weight sits in the Toeplitz matrix of a convolution with `channels` inputs and `filters` filters. */
export function toeplitzLayout(g: WindowGeometry, channels: number, filters: number): ToeplitzLayout {
  const rows = filters * g.outH * g.outW;
  const cols = channels * g.inH * g.inW;
  const r: number[] = [];
  const c: number[] = [];
  const w: number[] = [];
  const rowStart = new Int32Array(rows + 1);
  for (let k = 0; k < filters; k++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    const rowIndex = (k * g.outH + oy) * g.outW + ox;
    rowStart[rowIndex] = r.length;
    for (let ch = 0; ch < channels; ch++) for (const cell of windowCells(g, oy, ox)) {
      if (!cell.inside) continue;
      r.push(rowIndex);
      c.push((ch * g.inH + cell.y) * g.inW + cell.x);
      w.push(((k * channels + ch) * g.kH + cell.dy) * g.kW + cell.dx);
    }
  }
  rowStart[rows] = r.length;
  const nonzero = r.length;
  // Column index: count per column, prefix sums, then fill.
  const colStart = new Int32Array(cols + 1);
  for (const j of c) colStart[j + 1]++;
  for (let j = 0; j < cols; j++) colStart[j + 1] += colStart[j];
  const fill = colStart.slice(0, cols);
  const colSlots = new Int32Array(nonzero);
  c.forEach((j, slot) => (colSlots[fill[j]++] = slot));
  const entries = rows * cols;
  return {
    rows, cols,
    row: Int32Array.from(r), col: Int32Array.from(c), weight: Int32Array.from(w),
    rowStart, colStart, colSlots,
    entries, nonzero, zeros: entries - nonzero, zeroShare: (entries - nonzero) / entries,
  };
}

/** The slot of entry (row, col) in a Toeplitz layout, or −1 when that entry is always zero. */
export function toeplitzSlot(t: ToeplitzLayout, row: number, col: number): number {
  if (row < 0 || row >= t.rows) return -1;
  for (let s = t.rowStart[row]; s < t.rowStart[row + 1]; s++) if (t.col[s] === col) return s;
  return -1;
}

export interface Im2colLayout {
  /** One row per window (outH·outW), one column per (c, dy, dx). */
  rows: number;
  cols: number;
  /** For each entry, row-major: the flat input index (c·H + y)·W + x it copies, or −1 on the zero padding. */
  source: Int32Array;
  /** How many entries copy each input cell (flat (c, y, x)). */
  copies: Int32Array;
  /** rows × cols; C·H·W; entries ÷ input cells (how much bigger than the input the matrix is). */
  entries: number;
  inputCells: number;
  growth: number;
  /** Fewest and most copies of a single input cell (0 for cells a stride skips). */
  minCopies: number;
  maxCopies: number;
}

/** Which input cell every entry of the im2col matrix copies, and how often each input cell is copied. */
export function im2colLayout(g: WindowGeometry, channels: number): Im2colLayout {
  const padded = im2colIndices(g, channels);
  const plane = g.paddedH * g.paddedW;
  const source = new Int32Array(padded.length);
  const inputCells = channels * g.inH * g.inW;
  const copies = new Int32Array(inputCells);
  padded.forEach((p, i) => {
    const c = Math.floor(p / plane);
    const y = Math.floor((p % plane) / g.paddedW) - g.pads.top;
    const x = (p % g.paddedW) - g.pads.left;
    const inside = y >= 0 && y < g.inH && x >= 0 && x < g.inW;
    source[i] = inside ? (c * g.inH + y) * g.inW + x : -1;
    if (inside) copies[source[i]]++;
  });
  const rows = g.outH * g.outW;
  const cols = channels * g.kH * g.kW;
  let minCopies = Infinity;
  let maxCopies = 0;
  for (const n of copies) {
    minCopies = Math.min(minCopies, n);
    maxCopies = Math.max(maxCopies, n);
  }
  return { rows, cols, source, copies, entries: rows * cols, inputCells, growth: (rows * cols) / inputCells, minCopies, maxCopies };
}
