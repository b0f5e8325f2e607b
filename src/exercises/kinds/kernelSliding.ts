// Exercises for the kernel-sliding lesson: one output cell's value, the output size, the number of
// window positions. Numbers are fresh each time; answers and worked steps come from the engine.
import { conv2d, outputSize, windowCells, windowGeometry, windowProducts } from '../../engine';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind } from '../types';

const signed = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));

export const kinds: ExerciseKind[] = [
  {
    id: 'slide-cell-value',
    title: 'One output cell',
    async generate(rand) {
      const n = rand.int(4, 5);
      const input = rand.matrix(n, n, 0, 5);
      const kernel = rand.matrix(3, 3, -1, 2);
      const out = n - 2;
      const y = rand.int(0, out - 1);
      const x = rand.int(0, out - 1);
      const [[row]] = [await conv2d([input], [[kernel]])];
      const value = row[y][x];
      const products = (await windowProducts([input], [[kernel]]))[y * out + x];
      const g = windowGeometry(n, n, 3);
      const cells = windowCells(g, y, x);
      return {
        kind: 'slide-cell-value',
        prompt: `Slide the 3×3 kernel over the ${n}×${n} input (no padding, stride 1). What is the output in row ${y + 1}, column ${x + 1}?`,
        figures: [{ label: 'Input', values: input }, { label: 'Kernel', values: kernel }],
        answer: { type: 'number', value },
        data: { input, kernel, y, x },
        solution: [
          `Output row ${y + 1}, column ${x + 1} uses the window whose top-left corner is input row ${y + 1}, column ${x + 1}: rows ${y + 1}–${y + 3}, columns ${x + 1}–${x + 3}.`,
          `Multiply each window value by the kernel weight on top of it: ${cells.map((c) => `${formatNumber(input[c.y][c.x])}×${signed(kernel[c.dy][c.dx])}`).join(' + ')}.`,
          `The products are ${products.map(signed).join(' + ')}.`,
          `Their sum is ${formatNumber(value)}.`,
        ],
      };
    },
  },
  {
    id: 'slide-output-size',
    title: 'Output size',
    async generate(rand) {
      const n = rand.int(5, 32);
      const f = rand.pick([1, 2, 3, 5, 7].filter((k) => k <= n));
      const r = outputSize(n, f, 0, 1);
      return {
        kind: 'slide-output-size',
        prompt: `A ${f}×${f} kernel slides over a ${n}×${n} input with no padding and stride 1. How many rows does the output have?`,
        answer: { type: 'number', value: r.size },
        data: { n, f },
        solution: [
          `Along each side the kernel needs ${f} cells, so its top-left corner can stand in positions 1 to ${n} − ${f} + 1.`,
          `${n} − ${f} + 1 = ${r.size}, so the output is ${r.size}×${r.size}.`,
        ],
      };
    },
  },
  {
    id: 'slide-positions',
    title: 'Window positions',
    async generate(rand) {
      const h = rand.int(4, 12);
      const w = rand.int(4, 12);
      const f = rand.pick([2, 3, 4]);
      const rows = outputSize(h, f, 0, 1).size;
      const cols = outputSize(w, f, 0, 1).size;
      // The positions are the output cells: computed by convolving a ones input and counting cells.
      const [map] = await conv2d([Array.from({ length: h }, () => new Array(w).fill(1))], [[Array.from({ length: f }, () => new Array(f).fill(1))]]);
      const count = map.length * map[0].length;
      return {
        kind: 'slide-positions',
        prompt: `A ${f}×${f} kernel slides over a ${h}×${w} input (${h} rows, ${w} columns), no padding, stride 1. At how many positions does it compute a dot product?`,
        answer: { type: 'number', value: count },
        data: { h, w, f },
        solution: [
          `Down the rows it has ${h} − ${f} + 1 = ${rows} positions; across the columns ${w} − ${f} + 1 = ${cols}.`,
          `Each position gives one output cell: ${rows} × ${cols} = ${count}.`,
        ],
      };
    },
  },
];
