// Exercises for the pooling lesson: a whole max-pooled matrix, one average- or L2-pooled cell,
// the switch of a window, the output size for F and S, and the receptive field of conv + pool.
// Fresh numbers each time; every answer and worked step comes from the engine.
import { outputSize, pool2d, receptiveFieldSizes, windowCells, windowGeometry } from '../../engine';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind } from '../types';

const list = (vals: number[]) => vals.map(formatNumber).join(', ');
const bracket = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));

export const kinds: ExerciseKind[] = [
  {
    id: 'pool-max-matrix',
    title: 'Max pooling a matrix',
    async generate(rand) {
      const n = rand.pick([4, 6]);
      const input = rand.matrix(n, n, 0, 9);
      const { output } = await pool2d([input], { size: 2, stride: 2, mode: 'max' });
      const g = windowGeometry(n, n, 2, { stride: 2 });
      const steps = output[0].flatMap((row, y) =>
        row.map((v, x) => `Rows ${2 * y + 1}–${2 * y + 2}, columns ${2 * x + 1}–${2 * x + 2}: max(${list(windowCells(g, y, x).map((c) => input[c.y][c.x]))}) = ${formatNumber(v)}.`),
      );
      return {
        kind: 'pool-max-matrix',
        prompt: `Apply 2×2 max pooling with stride 2 to the ${n}×${n} input. Type the ${n / 2}×${n / 2} output.`,
        figures: [{ label: 'Input', values: input }],
        answer: { type: 'matrix', value: output[0] },
        data: { input },
        solution: [`The 2×2 windows do not overlap; each output cell is the largest of its four cells.`, ...steps],
      };
    },
  },
  {
    id: 'pool-avg-l2-cell',
    title: 'One average or L2 cell',
    async generate(rand) {
      const mode = rand.pick(['avg', 'l2'] as const);
      const input = rand.matrix(4, 4, -3, 6);
      const [y, x] = [rand.int(0, 1), rand.int(0, 1)];
      const { output } = await pool2d([input], { size: 2, stride: 2, mode });
      const vals = windowCells(windowGeometry(4, 4, 2, { stride: 2 }), y, x).map((c) => input[c.y][c.x]);
      const value = output[0][y][x];
      const name = mode === 'avg' ? 'average' : 'L2-norm';
      return {
        kind: 'pool-avg-l2-cell',
        prompt: `Apply 2×2 ${name} pooling with stride 2 to the 4×4 input. What is the output in row ${y + 1}, column ${x + 1}? (Three decimals are enough.)`,
        figures: [{ label: 'Input', values: input }],
        answer: { type: 'number', value },
        data: { input, y, x, l2: mode === 'l2' ? 1 : 0 },
        solution: [
          `That output cell pools rows ${2 * y + 1}–${2 * y + 2}, columns ${2 * x + 1}–${2 * x + 2}: ${list(vals)}.`,
          mode === 'avg'
            ? `Average: (${vals.map(bracket).join(' + ')}) / 4 = ${formatNumber(value)}.`
            : `L2 norm: the square root of the sum of squares, √(${vals.map((v) => `${bracket(v)}²`).join(' + ')}) = ${formatNumber(value)}.`,
        ],
      };
    },
  },
  {
    id: 'pool-switch',
    title: 'Where the maximum came from',
    async generate(rand) {
      const input = rand.matrix(4, 4, 0, 20);
      const [y, x] = [rand.int(0, 1), rand.int(0, 1)];
      const { output, switches } = await pool2d([input], { size: 2, stride: 2, mode: 'max' });
      const flat = switches![0][y][x];
      const [row, col] = [Math.floor(flat / 4) + 1, (flat % 4) + 1];
      return {
        kind: 'pool-switch',
        prompt: `2×2 max pooling, stride 2, on the 4×4 input. The output cell in row ${y + 1}, column ${x + 1} copies one input cell (its “switch”). Which one? Type its row and column, e.g. 2, 3.`,
        figures: [{ label: 'Input', values: input }],
        answer: { type: 'numbers', value: [row, col], labels: ['row', 'column'] },
        data: { input, y, x },
        solution: [
          `That output cell's window is rows ${2 * y + 1}–${2 * y + 2}, columns ${2 * x + 1}–${2 * x + 2}.`,
          `Its largest value is ${formatNumber(output[0][y][x])}, in row ${row}, column ${col} (on a tie, the first in reading order).`,
        ],
      };
    },
  },
  {
    id: 'pool-output-size',
    title: 'Pooled size',
    async generate(rand) {
      const [f, s] = rand.pick([[2, 2], [3, 2], [2, 2], [3, 3]] as const);
      const n = rand.int(3, 30) * 2 + (f === 3 && s === 2 ? 1 : 0);
      const r = outputSize(n, f, 0, s);
      return {
        kind: 'pool-output-size',
        prompt: `Max pooling with a ${f}×${f} window and stride ${s} on a ${n}×${n}×16 volume. How many rows does each pooled map have?`,
        answer: { type: 'number', value: r.size },
        data: { n, f, s },
        solution: [
          `Pooling slides like a convolution without padding: ⌊(n − F) / S⌋ + 1.`,
          `⌊(${n} − ${f}) / ${s}⌋ + 1 = ${r.size}${r.fits ? '' : ` (${formatNumber(r.exact)} rounded down: the last cells are not read)`}; the 16 channels are pooled separately and stay 16.`,
        ],
      };
    },
  },
  {
    id: 'pool-receptive-field',
    title: 'Convolution then pooling',
    async generate(rand) {
      const f = rand.pick([3, 5]);
      const p = rand.pick([2, 3]);
      const [, pooled] = receptiveFieldSizes([{ kind: 'conv', kernel: f }, { kind: 'pool', kernel: p }]);
      return {
        kind: 'pool-receptive-field',
        prompt: `An ${f}×${f} convolution (stride 1) is followed by ${p}×${p} max pooling. How many input pixels wide is the patch that one pooled cell depends on?`,
        answer: { type: 'number', value: pooled.size },
        data: { f, p },
        solution: [
          `The pooled cell reads ${p}×${p} neighbouring convolution outputs; next to each other they start one pixel apart.`,
          `Each of them sees ${f} pixels, so together they span ${p} − 1 + ${f} = ${pooled.size} pixels: a ${pooled.size}×${pooled.size} patch.`,
        ],
      };
    },
  },
];
