// Hover linking of the im2col views, as pure index arithmetic over the geometry's maps: which cells
// of the input, X, w, X·w and the output light up, and the sentence that explains it.
import { windowCells, type Im2colLayout, type WindowGeometry } from '../../engine';
import { formatNumber } from '../../viz/format';
import { key, type Described, type GridMarks } from '../../viz/gridHighlight';

export interface Im2colView {
  g: WindowGeometry;
  layout: Im2colLayout;
  readers: number[][];
}

/** A row of X (a window), one entry of X, or an input cell (flat y·W + x). */
export type Im2colFocus = { row: number; entry?: number } | { input: number };

const windowKeys = (g: WindowGeometry, r: number) => windowCells(g, Math.floor(r / g.outW), r % g.outW).map((c) => key(c.y, c.x));
const outKey = (g: WindowGeometry, r: number) => key(Math.floor(r / g.outW), r % g.outW);

export function describeIm2col(c: Im2colView, f: Im2colFocus, id: string, input: number[][]): Described | null {
  const { g, layout } = c;
  const marks: GridMarks = {};
  const copiesOf = (s: number) => {
    const out: string[] = [];
    for (let i = 0; i < layout.source.length; i++) if (layout.source[i] === s) out.push(key(Math.floor(i / layout.cols), i % layout.cols));
    return out;
  };
  const copyNote = (s: number) => {
    const n = layout.copies[s];
    return `Input row ${Math.floor(s / g.inW) + 1}, column ${(s % g.inW) + 1} (value ${formatNumber(input[Math.floor(s / g.inW)][s % g.inW])}) is copied into ${n} ${n === 1 ? 'entry' : 'entries'} of X, in rows ${c.readers[s].map((r) => r + 1).join(', ') || 'none'}.`;
  };
  if ('input' in f) {
    if (f.input < 0 || f.input >= g.inH * g.inW) return null;
    marks[`${id}-input`] = { 'hl-hovered': [key(Math.floor(f.input / g.inW), f.input % g.inW)] };
    marks[`${id}-patches`] = { 'hl-receptive': copiesOf(f.input) };
    marks[`${id}-product`] = { 'hl-receptive': c.readers[f.input].map((r) => key(r, 0)) };
    marks[`${id}-output`] = { 'hl-receptive': c.readers[f.input].map((r) => outKey(g, r)) };
    return { marks, note: copyNote(f.input) };
  }
  if (f.row < 0 || f.row >= layout.rows) return null;
  const rowKeys = Array.from({ length: layout.cols }, (_, j) => key(f.row, j));
  marks[`${id}-input`] = { 'hl-receptive': windowKeys(g, f.row) };
  marks[`${id}-patches`] = { 'hl-window': rowKeys };
  marks[`${id}-product`] = { 'hl-hovered': [key(f.row, 0)] };
  marks[`${id}-output`] = { 'hl-hovered': [outKey(g, f.row)] };
  const where = `row ${f.row + 1} of X is output row ${Math.floor(f.row / g.outW) + 1}, column ${(f.row % g.outW) + 1}`;
  if (f.entry === undefined || f.entry < 0 || f.entry >= layout.cols) return { marks, note: `Highlighted: ${where}; its ${layout.cols} values are the window on the input.` };
  const s = layout.source[f.row * layout.cols + f.entry];
  marks[`${id}-w`] = { 'hl-hovered': [key(f.entry, 0)] };
  if (s < 0) return { marks, note: `This entry of X (${where}) copies the zero padding.` };
  const here = key(f.row, f.entry);
  const inputKey = key(Math.floor(s / g.inW), s % g.inW);
  marks[`${id}-input`] = { 'hl-receptive': windowKeys(g, f.row).filter((k) => k !== inputKey), 'hl-hovered': [inputKey] };
  marks[`${id}-patches`] = { 'hl-window': rowKeys.filter((k) => k !== here), 'hl-receptive': copiesOf(s).filter((k) => k !== here), 'hl-hovered': [here] };
  return { marks, note: copyNote(s) };
}

/** Channels and filters: a window (row of X and H) and/or a filter (column of W and H, one output map). */
export type FiltersFocus = { row: number | null; filter: number | null };

export function describeFilters(c: Im2colView & { channels: number; filters: number }, f: FiltersFocus, id: string): Described | null {
  const { g, layout } = c;
  const marks: GridMarks = {};
  const add = (grid: string, cls: 'hl-window' | 'hl-receptive' | 'hl-hovered', keys: string[]) => {
    marks[grid] = { ...marks[grid], [cls]: keys };
  };
  const notes: string[] = [];
  if (f.row !== null) {
    if (f.row < 0 || f.row >= layout.rows) return null;
    for (let ch = 0; ch < c.channels; ch++) add(`${id}-input-${ch}`, 'hl-receptive', windowKeys(g, f.row));
    add(`${id}-X`, 'hl-window', Array.from({ length: layout.cols }, (_, j) => key(f.row!, j)));
    notes.push(`Row ${f.row + 1} of X is the window of output row ${Math.floor(f.row / g.outW) + 1}, column ${(f.row % g.outW) + 1}, across all ${c.channels} channel${c.channels === 1 ? '' : 's'}.`);
  }
  if (f.filter !== null) {
    if (f.filter < 0 || f.filter >= c.filters) return null;
    add(`${id}-W`, 'hl-window', Array.from({ length: layout.cols }, (_, j) => key(j, f.filter!)));
    for (let ch = 0; ch < c.channels; ch++) {
      add(`${id}-f-${f.filter}-${ch}`, 'hl-window', Array.from({ length: g.kH * g.kW }, (_, i) => key(Math.floor(i / g.kW), i % g.kW)));
    }
    notes.push(`Column ${f.filter + 1} of W is filter ${f.filter + 1}; column ${f.filter + 1} of H is its output map.`);
  }
  if (f.row !== null && f.filter !== null) {
    add(`${id}-H`, 'hl-hovered', [key(f.row, f.filter)]);
    add(`${id}-out-${f.filter}`, 'hl-hovered', [outKey(g, f.row)]);
  } else if (f.row !== null) {
    add(`${id}-H`, 'hl-window', Array.from({ length: c.filters }, (_, k) => key(f.row!, k)));
    for (let k = 0; k < c.filters; k++) add(`${id}-out-${k}`, 'hl-hovered', [outKey(g, f.row)]);
  } else if (f.filter !== null) {
    add(`${id}-H`, 'hl-window', Array.from({ length: layout.rows }, (_, r) => key(r, f.filter!)));
  }
  return notes.length ? { marks, note: notes.join(' ') } : null;
}
