// Hover linking of the transpose views, as pure index arithmetic over the forward convolution's
// geometry: an output's gradient goes back to its window (a stamp of the kernel); an input cell
// collects from the outputs whose windows contain it.
import { toeplitzSlot, windowCells, type ToeplitzLayout, type WindowGeometry } from '../../engine';
import { key, type Described, type GridMarks } from '../../viz/gridHighlight';

/** An output cell of the forward convolution (a cell of g, a column of Tᵀ) and/or an input cell (a row of Tᵀ). */
export type GradFocus = { out?: number; in?: number };
export const RESULT_GRIDS = ['viaT', 'transposed', 'autodiff'] as const;

export function describeGradient(c: { g: WindowGeometry; layout: ToeplitzLayout; readers: number[][] }, f: GradFocus, id: string): Described | null {
  const { g, layout } = c;
  const o = f.out ?? null;
  const j = f.in ?? null;
  if ((o !== null && (o < 0 || o >= layout.rows)) || (j !== null && (j < 0 || j >= layout.cols))) return null;
  const marks: GridMarks = {};
  const outKey = (r: number) => key(Math.floor(r / g.outW), r % g.outW);
  const inKey = (i: number) => key(Math.floor(i / g.inW), i % g.inW);
  const stamp = o === null ? [] : windowCells(g, Math.floor(o / g.outW), o % g.outW).filter((w) => w.inside).map((w) => key(w.y, w.x));
  for (const r of RESULT_GRIDS) marks[`${id}-${r}`] = { 'hl-receptive': stamp.filter((k) => j === null || k !== inKey(j)), 'hl-hovered': j === null ? [] : [inKey(j)] };
  if (o !== null) {
    marks[`${id}-g`] = { 'hl-hovered': [outKey(o)] };
    marks[`${id}-gvec`] = { 'hl-hovered': [key(0, o)] };
  }
  if (o !== null && j !== null) {
    marks[`${id}-Tt`] = { 'hl-hovered': [key(j, o)] };
    const inWindow = toeplitzSlot(layout, o, j) >= 0;
    return {
      marks,
      note: `Tᵀ row ${j + 1}, column ${o + 1}: ${inWindow ? `input cell ${j + 1} was multiplied by this weight to make output ${o + 1}, so g at that output comes back through the same weight.` : 'always 0: this input is not in that output’s window, so no gradient flows between them.'}`,
    };
  }
  if (o !== null) {
    marks[`${id}-Tt`] = { 'hl-receptive': Array.from({ length: layout.cols }, (_, i) => key(i, o)) };
    return { marks, note: `Output cell ${o + 1} sends its gradient back to the ${stamp.length} input cells of its window, each times the weight it used: a copy of the kernel, scaled by g, stamped on the input.` };
  }
  const reaching = c.readers[j!];
  marks[`${id}-Tt`] = { 'hl-window': Array.from({ length: layout.rows }, (_, r) => key(j!, r)) };
  marks[`${id}-g`] = { 'hl-receptive': reaching.map(outKey) };
  marks[`${id}-gvec`] = { 'hl-receptive': reaching.map((r) => key(0, r)) };
  return { marks, note: `Input cell ${j! + 1} collects gradient from the ${reaching.length} output${reaching.length === 1 ? '' : 's'} whose windows contain it.` };
}

/** Upsampling: a cell of the small input (its stamp) or of the large output (the stamps covering it). */
export type UpFocus = { in: number } | { out: number };

/** `g` is the forward convolution from the large output back to the small input: its windows are the stamps. */
export function describeUpsampling(c: { g: WindowGeometry; readers: number[][] }, f: UpFocus, id: string, stride: number): Described | null {
  const { g } = c;
  if ('in' in f) {
    if (f.in < 0 || f.in >= g.outH * g.outW) return null;
    const stamp = windowCells(c.g, Math.floor(f.in / g.outW), f.in % g.outW).map((w) => key(w.y, w.x));
    return {
      marks: { [`${id}-input`]: { 'hl-hovered': [key(Math.floor(f.in / g.outW), f.in % g.outW)] }, [`${id}-output`]: { 'hl-receptive': stamp } },
      note: `This input cell stamps the kernel, times its value, onto the highlighted ${stamp.length} output cells; the next cell’s stamp starts ${stride} cell${stride === 1 ? '' : 's'} further on.`,
    };
  }
  if (f.out < 0 || f.out >= g.inH * g.inW) return null;
  const from = c.readers[f.out];
  return {
    marks: { [`${id}-output`]: { 'hl-hovered': [key(Math.floor(f.out / g.inW), f.out % g.inW)] }, [`${id}-input`]: { 'hl-receptive': from.map((i) => key(Math.floor(i / g.outW), i % g.outW)) } },
    note: `This output cell is covered by ${from.length} stamp${from.length === 1 ? '' : 's'} (the highlighted input cells).`,
  };
}
