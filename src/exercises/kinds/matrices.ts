// Exercises for the matrix lessons (im2col, Toeplitz, transpose): the size of the patch matrix and
// of T, how often an input cell is copied, which input cells a row of T touches, one entry of T, and
// one cell of the gradient Tᵀ·g. Fresh numbers each time; every answer is read off the engine's own
// im2col, toeplitz and convInputGradient on those numbers.
import { convInputGradient, im2col, im2colLayout, outputSize, toeplitz, windowCells, windowGeometry } from '../../engine';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind, Rand } from '../types';

const zeros = (c: number, h: number, w: number) => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0)));
const signed = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));
const rc = (i: number, w: number) => `row ${Math.floor(i / w) + 1}, column ${(i % w) + 1}`;

/** A small convolution setting whose kernel fits: n × n input, f × f kernel, stride s, padding p. */
function setting(rand: Rand, sizes: number[], kernels: number[], strides: number[], pads: number[]) {
  for (;;) {
    const n = rand.pick(sizes), f = rand.pick(kernels), s = rand.pick(strides), p = rand.pick(pads);
    if (f <= n + 2 * p) return { n, f, s, p };
  }
}

const sizeSteps = (n: number, f: number, s: number, p: number) => {
  const o = outputSize(n, f, p, s);
  return { o, line: `Windows per side: ⌊(${n} − ${f} + 2·${p}) / ${s}⌋ + 1 = ${o.size}, so there are ${o.size} × ${o.size} = ${o.size * o.size} windows.` };
};

export const kinds: ExerciseKind[] = [
  {
    id: 'im2col-size',
    title: 'Size of the im2col matrix',
    async generate(rand) {
      const { n, f, s, p } = setting(rand, [5, 6, 7, 8, 10, 12, 16, 28, 32], [1, 2, 3, 5], [1, 2], [0, 1, 2]);
      const c = rand.pick([1, 3, 8]);
      const X = await im2col(zeros(c, n, n), { kernel: f, stride: s, padding: p });
      const { line } = sizeSteps(n, f, s, p);
      return {
        kind: 'im2col-size',
        prompt: `An input of ${n}×${n} with ${c} channel${c === 1 ? '' : 's'} is convolved with ${f}×${f} filters, stride ${s}, padding ${p}. How many rows and columns does its im2col matrix have (rows × columns)?`,
        answer: { type: 'numbers', value: [X.length, X[0].length], labels: ['number of rows', 'number of columns'] },
        data: { n, f, s, p, c },
        solution: [
          `Each window of the input becomes one row. ${line}`,
          `Each row holds the window in every channel: ${c} × ${f} × ${f} = ${X[0].length} values.`,
          `The matrix is ${X.length} × ${X[0].length}.`,
        ],
      };
    },
  },
  {
    id: 'im2col-copies',
    title: 'Copies of one input cell',
    async generate(rand) {
      const { n, f, s, p } = setting(rand, [4, 5, 6], [2, 3], [1, 2], [0, 1]);
      const g = windowGeometry(n, n, f, { stride: s, padding: p });
      const y = rand.int(0, n - 1), x = rand.int(0, n - 1);
      const copies = im2colLayout(g, 1).copies[y * n + x];
      const windows = windowCells(g, 0, 0).length;
      const readers: string[] = [];
      for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
        if (windowCells(g, oy, ox).some((w) => w.y === y && w.x === x)) readers.push(`(${oy + 1}, ${ox + 1})`);
      }
      return {
        kind: 'im2col-copies',
        prompt: `A ${f}×${f} kernel slides over a ${n}×${n} input with stride ${s} and padding ${p}. How many times does the input value in row ${y + 1}, column ${x + 1} appear in the im2col matrix?`,
        answer: { type: 'number', value: copies },
        data: { n, f, s, p, y, x },
        solution: [
          `Each window (${windows} cells) is copied into one row, so the cell appears once for every window that covers it.`,
          readers.length ? `The windows of outputs ${readers.join(', ')} cover it.` : 'No window covers it: the stride skips it.',
          `It appears ${copies} time${copies === 1 ? '' : 's'}.`,
        ],
      };
    },
  },
  {
    id: 'toeplitz-size',
    title: 'Size of the Toeplitz matrix',
    async generate(rand) {
      const { n, f, s, p } = setting(rand, [4, 5, 6, 8, 10, 12], [1, 2, 3, 5], [1, 2], [0, 1]);
      const c = rand.int(1, 2), k = rand.int(1, 3);
      const filters = Array.from({ length: k }, () => Array.from({ length: c }, () => Array.from({ length: f }, () => new Array(f).fill(1))));
      const T = await toeplitz(filters, [c, n, n], { stride: s, padding: p });
      const { o } = sizeSteps(n, f, s, p);
      return {
        kind: 'toeplitz-size',
        prompt: `A layer with ${k} filter${k === 1 ? '' : 's'} of ${f}×${f} (stride ${s}, padding ${p}) is applied to a ${n}×${n} input with ${c} channel${c === 1 ? '' : 's'}. Written as vec(y) = T · vec(x), how many rows and columns does T have (rows × columns)?`,
        answer: { type: 'numbers', value: [T.length, T[0].length], labels: ['number of rows', 'number of columns'] },
        data: { n, f, s, p, c, k },
        solution: [
          `One row per output value: the output is ⌊(${n} − ${f} + 2·${p}) / ${s}⌋ + 1 = ${o.size} per side, for each of ${k} filter${k === 1 ? '' : 's'}: ${k} × ${o.size} × ${o.size} = ${T.length}.`,
          `One column per input value (padding cells have none): ${c} × ${n} × ${n} = ${T[0].length}.`,
          `T is ${T.length} × ${T[0].length}.`,
        ],
      };
    },
  },
  {
    id: 'toeplitz-row-cells',
    title: 'Which inputs a row of T touches',
    async generate(rand) {
      const { n, f, s, p } = setting(rand, [3, 4, 5], [2, 3], [1, 2], [0, 1]);
      const g = windowGeometry(n, n, f, { stride: s, padding: p });
      const row = rand.int(0, g.outH * g.outW - 1);
      // A kernel of ones: every weight nonzero, so T's nonzero columns are exactly the cells the row reads.
      const T = await toeplitz([[Array.from({ length: f }, () => new Array(f).fill(1))]], [1, n, n], { stride: s, padding: p });
      const columns = T[row].map((v, j) => (v !== 0 ? j + 1 : 0)).filter(Boolean);
      const [oy, ox] = [Math.floor(row / g.outW), row % g.outW];
      const inside = windowCells(g, oy, ox).filter((w) => w.inside);
      return {
        kind: 'toeplitz-row-cells',
        prompt: `A ${f}×${f} kernel slides over a ${n}×${n} input (stride ${s}, padding ${p}); the input is flattened row by row into vec(x) with entries 1 to ${n * n}. Which columns of row ${row + 1} of T hold kernel weights? List them in increasing order.`,
        answer: { type: 'numbers', value: columns },
        data: { n, f, s, p, row },
        solution: [
          `Row ${row + 1} of T is output ${rc(row, g.outW)} (outputs are numbered row by row too).`,
          `Its window covers ${inside.length} input cells${inside.length < f * f ? ' (the rest falls on the padding, which has no column)' : ''}: ${inside.map((w) => `(${w.y + 1}, ${w.x + 1})`).join(', ')}.`,
          `Input (y, x) is entry (y − 1)·${n} + x of vec(x), so the columns are ${columns.join(', ')}.`,
        ],
      };
    },
  },
  {
    id: 'toeplitz-entry',
    title: 'One entry of T',
    async generate(rand) {
      const { n, f, s, p } = setting(rand, [3, 4, 5], [2, 3], [1, 2], [0, 1]);
      const kernel = rand.matrix(f, f, -3, 5).map((r) => r.map((v) => (v === 0 ? 1 : v)));
      const g = windowGeometry(n, n, f, { stride: s, padding: p });
      const row = rand.int(0, g.outH * g.outW - 1);
      const [oy, ox] = [Math.floor(row / g.outW), row % g.outW];
      const inside = windowCells(g, oy, ox).filter((w) => w.inside);
      // Mostly ask about a cell in the window (a weight), sometimes about one outside it (a zero).
      const cell = rand.next() < 0.7 ? rand.pick(inside) : { y: rand.int(0, n - 1), x: rand.int(0, n - 1) };
      const col = cell.y * n + cell.x;
      const T = await toeplitz([[kernel]], [1, n, n], { stride: s, padding: p });
      const value = T[row][col];
      const dy = cell.y - oy * s + p, dx = cell.x - ox * s + p;
      const inWindow = dy >= 0 && dy < f && dx >= 0 && dx < f;
      return {
        kind: 'toeplitz-entry',
        prompt: `The kernel below slides over a ${n}×${n} input (stride ${s}, padding ${p}), and vec(y) = T · vec(x) with both flattened row by row. What is the entry of T in row ${row + 1}, column ${col + 1}?`,
        figures: [{ label: 'Kernel', values: kernel }],
        answer: { type: 'number', value },
        data: { n, f, s, p, row, col, kernel },
        solution: [
          `Row ${row + 1} is output ${rc(row, g.outW)}; its window starts at padded row ${oy * s + 1}, column ${ox * s + 1}, i.e. input row ${oy * s - p + 1}, column ${ox * s - p + 1}.`,
          `Column ${col + 1} is input ${rc(col, n)}.`,
          inWindow
            ? `That cell sits in the window at kernel row ${dy + 1}, column ${dx + 1}, so the entry is that weight: ${formatNumber(value)}.`
            : `That cell is outside the window, so the entry is ${formatNumber(value)}.`,
        ],
      };
    },
  },
  {
    id: 'transpose-gradient-cell',
    title: 'One cell of the gradient Tᵀ·g',
    async generate(rand) {
      const n = rand.int(3, 4);
      const kernel = rand.matrix(2, 2, -2, 3);
      const gOut = rand.matrix(n - 1, n - 1, -2, 3);
      const y = rand.int(0, n - 1), x = rand.int(0, n - 1);
      const [grad] = await convInputGradient(zeros(1, n, n), [[kernel]], [gOut]);
      const g = windowGeometry(n, n, 2);
      const terms: string[] = [];
      for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
        const w = windowCells(g, oy, ox).find((c) => c.y === y && c.x === x);
        if (w) terms.push(`${signed(gOut[oy][ox])}×${signed(kernel[w.dy][w.dx])}`);
      }
      return {
        kind: 'transpose-gradient-cell',
        prompt: `A 2×2 kernel slides over a ${n}×${n} input (stride 1, no padding). The gradient g = ∂L/∂y arrives at the ${n - 1}×${n - 1} output. What is ∂L/∂x for the input cell in row ${y + 1}, column ${x + 1}?`,
        figures: [{ label: 'Kernel', values: kernel }, { label: 'g', values: gOut }],
        answer: { type: 'number', value: grad[y][x] },
        data: { n, y, x, kernel, g: gOut },
        solution: [
          `∂L/∂x = Tᵀ · g: the cell collects g from every output whose window contains it, times the weight that window used on it.`,
          `${terms.length} window${terms.length === 1 ? '' : 's'} contain${terms.length === 1 ? 's' : ''} it: ${terms.join(' + ')}.`,
          `The sum is ${formatNumber(grad[y][x])}.`,
        ],
      };
    },
  },
];
