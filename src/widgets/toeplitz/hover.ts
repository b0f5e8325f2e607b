// Hover linking of the small Toeplitz views (1D and 2D), as pure index arithmetic: an entry of T
// lights its row's window, its column's input cell and every other copy of the same weight; a row
// lights its window and output; a column its input cell and the outputs that read it.
import { toeplitzSlot, windowCells } from '../../engine';
import { formatNumber } from '../../viz/format';
import { key, type Described, type GridMarks } from '../../viz/gridHighlight';
import type { ToeplitzResult } from './useToeplitz';

/** An entry of T, a row (an output), or a column (an input cell). */
export type SmallFocus = { row: number; col: number } | { row: number } | { col: number };

export function describeSmall(c: ToeplitzResult, f: SmallFocus, id: string, dims: 1 | 2, kernelWidth: number): Described | null {
  const { g, layout } = c;
  const row = 'row' in f ? f.row : null;
  const col = 'col' in f ? f.col : null;
  if ((row !== null && (row < 0 || row >= layout.rows)) || (col !== null && (col < 0 || col >= layout.cols))) return null;
  const inKey = (j: number) => key(Math.floor(j / g.inW), j % g.inW);
  const outKey = (r: number) => key(Math.floor(r / g.outW), r % g.outW);
  const where = (j: number) => (dims === 1 ? `x${j + 1}` : `input row ${Math.floor(j / g.inW) + 1}, column ${(j % g.inW) + 1}`);
  const outName = (r: number) => (dims === 1 ? `y${r + 1}` : `output row ${Math.floor(r / g.outW) + 1}, column ${(r % g.outW) + 1}`);
  const weightName = (w: number) => (dims === 1 ? `k${w + 1}` : `k[${Math.floor(w / kernelWidth) + 1}][${(w % kernelWidth) + 1}]`);
  const marks: GridMarks = {};
  if (row !== null) {
    const win = windowCells(g, Math.floor(row / g.outW), row % g.outW);
    const cols = win.filter((w) => w.inside).map((w) => w.y * g.inW + w.x).filter((j) => j !== col);
    marks[`${id}-input`] = { 'hl-receptive': win.map((w) => key(w.y, w.x)).filter((k) => col === null || k !== inKey(col)) };
    marks[`${id}-x`] = { 'hl-receptive': cols.map((j) => key(0, j)) };
    marks[`${id}-product`] = { 'hl-hovered': [key(row, 0)] };
    marks[`${id}-output`] = { 'hl-hovered': [outKey(row)] };
    if (col === null) marks[`${id}-T`] = { 'hl-window': Array.from({ length: layout.cols }, (_, j) => key(row, j)) };
  }
  if (col !== null) {
    marks[`${id}-input`] = { ...marks[`${id}-input`], 'hl-hovered': [inKey(col)] };
    marks[`${id}-x`] = { ...marks[`${id}-x`], 'hl-hovered': [key(0, col)] };
    if (row === null) {
      marks[`${id}-T`] = { 'hl-receptive': Array.from({ length: layout.rows }, (_, r) => key(r, col)) };
      marks[`${id}-product`] = { 'hl-receptive': c.readers[col].map((r) => key(r, 0)) };
      marks[`${id}-output`] = { 'hl-receptive': c.readers[col].map(outKey) };
      const n = c.readers[col].length;
      return { marks, note: `Column ${col + 1} of T belongs to ${where(col)}: ${n} output${n === 1 ? '' : 's'} read it.` };
    }
  }
  if (row !== null && col === null) return { marks, note: `Row ${row + 1} of T computes ${outName(row)}: the kernel laid over its window, zeros elsewhere.` };
  // One entry (row, col): its weight, and every other place that weight sits.
  const slot = toeplitzSlot(layout, row!, col!);
  const here = key(row!, col!);
  if (slot < 0) {
    marks[`${id}-T`] = { 'hl-hovered': [here] };
    return { marks, note: `T row ${row! + 1} (${outName(row!)}), column ${col! + 1} (${where(col!)}): always 0 — this input is outside the window.` };
  }
  const w = layout.weight[slot];
  const same: string[] = [];
  for (let s = 0; s < layout.nonzero; s++) if (layout.weight[s] === w && s !== slot) same.push(key(layout.row[s], layout.col[s]));
  marks[`${id}-T`] = { 'hl-hovered': [here], 'hl-same': same };
  marks[`${id}-kernel`] = { 'hl-hovered': [key(Math.floor(w / kernelWidth), w % kernelWidth)] };
  return {
    marks,
    note: `T row ${row! + 1} (${outName(row!)}), column ${col! + 1} (${where(col!)}): weight ${weightName(w)} = ${formatNumber(c.T[row!][col!])}. The same weight sits at ${same.length + 1} places in T.`,
  };
}
