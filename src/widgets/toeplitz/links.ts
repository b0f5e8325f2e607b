// Hover linking for the large Toeplitz view, as pure index arithmetic over the geometry: what lights
// up on T, on the input and on the output when the pointer is on an entry of T, an input cell or an
// output cell. Called on every pointer move, so it only touches the few cells involved.
import { toeplitzSlot, windowCells } from '../../engine';
import type { CanvasHighlight } from '../../viz/MatrixCanvas';
import { formatNumber } from '../../viz/format';
import type { ToeplitzResult } from './useToeplitz';

export type CanvasFocus = { on: 'T'; row: number; col: number } | { on: 'input'; col: number } | { on: 'output'; row: number };

export interface Linked {
  T: CanvasHighlight;
  input: CanvasHighlight;
  output: CanvasHighlight;
  /** The read-out sentence: every number in it is the engine's (T, T·vec(x), conv2d) or the student's input. */
  text: string;
}

export function linkedHighlights(c: ToeplitzResult, f: CanvasFocus, kernelWidth: number): Linked {
  const { g, layout } = c;
  const outCell = (r: number): [number, number] => [Math.floor(r / g.outW), r % g.outW];
  const inCell = (j: number): [number, number] => [Math.floor(j / g.inW), j % g.inW];
  const windowOf = (r: number): [number, number][] => windowCells(g, ...outCell(r)).filter((w) => w.inside).map((w) => [w.y, w.x]);
  const readers = (j: number): [number, number][] => c.readers[j].map(outCell);
  const inName = (j: number) => `input (row ${inCell(j)[0] + 1}, column ${inCell(j)[1] + 1}) = ${formatNumber(c.x[j])}`;
  const outName = (r: number) => `output (row ${outCell(r)[0] + 1}, column ${outCell(r)[1] + 1})`;
  if (f.on === 'T') {
    const slot = toeplitzSlot(layout, f.row, f.col);
    const w = slot >= 0 ? layout.weight[slot] : -1;
    const value = formatNumber(c.flatT[f.row * layout.cols + f.col]);
    return {
      T: { rows: [f.row], cols: [f.col], focus: [[f.row, f.col]] },
      input: { window: windowOf(f.row), focus: [inCell(f.col)] },
      output: { focus: [outCell(f.row)] },
      text:
        `T row ${f.row + 1}, column ${f.col + 1} = ${value}` +
        (w >= 0
          ? `: kernel weight (row ${Math.floor(w / kernelWidth) + 1}, column ${(w % kernelWidth) + 1}), because ${inName(f.col)} lies in the window of ${outName(f.row)}.`
          : `: ${inName(f.col)} is outside the window of ${outName(f.row)}, so this entry is always zero.`),
    };
  }
  if (f.on === 'input') {
    const n = c.readers[f.col].length;
    return {
      T: { cols: [f.col] },
      input: { focus: [inCell(f.col)] },
      output: { marks: readers(f.col) },
      text: `${inName(f.col)[0].toUpperCase()}${inName(f.col).slice(1)}: column ${f.col + 1} of T. ${n} output${n === 1 ? ' reads' : 's read'} it, so that column holds ${n} kernel weight${n === 1 ? '' : 's'}.`,
    };
  }
  const n = layout.rowStart[f.row + 1] - layout.rowStart[f.row];
  return {
    T: { rows: [f.row] },
    input: { window: windowOf(f.row) },
    output: { focus: [outCell(f.row)] },
    text: `${outName(f.row)[0].toUpperCase()}${outName(f.row).slice(1)}: T·vec(x) gives ${formatNumber(c.product[f.row])}, conv2d gives ${formatNumber(c.output[f.row])}. Row ${f.row + 1} of T holds ${n} weights, one per input cell in the window.`,
  };
}
