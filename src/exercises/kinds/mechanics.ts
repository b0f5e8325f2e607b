// Exercises for the padding and stride lessons: output sizes, the padding that keeps the size, one
// padded output cell, shrinking stacks, whether a stride fits and what padding makes it fit, SAME.
// Fresh numbers from the seeded generator; every answer and worked step comes from the engine.
import { conv2d, outputSize, paddingsThatFit, samePadding, shrinkingSizes, windowCells, windowGeometry, windowProducts } from '../../engine';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind, Rand } from '../types';

const signed = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));

/** A kernel size, stride and padding for an n-wide input, chosen so that the kernel fits. */
function strideCase(rand: Rand, wantFit: boolean | null) {
  for (;;) {
    const n = rand.int(5, 40);
    const f = rand.pick([1, 2, 3, 4, 5, 7]);
    const s = rand.int(1, 4);
    const p = rand.int(0, 3);
    if (f > n + 2 * p) continue;
    const r = outputSize(n, f, p, s);
    if (wantFit !== null && r.fits !== wantFit) continue;
    return { n, f, s, p, r };
  }
}

function sizeSteps(n: number, f: number, p: number, s: number) {
  const r = outputSize(n, f, p, s);
  const steps = [`Use (N − F + 2P) / S + 1 with N = ${n}, F = ${f}, P = ${p}, S = ${s}.`, `(${n} − ${f} + 2·${p}) / ${s} + 1 = ${formatNumber(r.exact)}.`];
  if (!r.fits) steps.push(`That is not a whole number: the stride doesn’t fit, and the frameworks round down to ⌊${formatNumber(r.exact)}⌋ = ${r.size}.`);
  steps.push(`The output has ${r.size} rows (and ${r.size} columns).`);
  return { r, steps };
}

export const kinds: ExerciseKind[] = [
  {
    id: 'pad-output-size',
    title: 'Output size with padding',
    async generate(rand) {
      const n = rand.int(4, 32);
      const f = rand.pick([1, 3, 5, 7].filter((k) => k <= n + 2));
      const p = rand.int(0, 3);
      const { r, steps } = sizeSteps(n, f, p, 1);
      return {
        kind: 'pad-output-size',
        prompt: `A ${f}×${f} kernel slides with stride 1 over a ${n}×${n} input padded with ${p} ring${p === 1 ? '' : 's'} of zeros. How many rows does the output have?`,
        answer: { type: 'number', value: r.size },
        data: { n, f, p },
        solution: steps,
      };
    },
  },
  {
    id: 'pad-same',
    title: 'Padding that keeps the size',
    async generate(rand) {
      const f = rand.pick([3, 5, 7, 9, 11]);
      const n = rand.int(Math.max(f, 8), 64);
      const p = samePadding(f);
      const check = outputSize(n, f, p, 1);
      return {
        kind: 'pad-same',
        prompt: `A ${f}×${f} kernel with stride 1 should turn a ${n}×${n} input into a ${n}×${n} output. How many cells of zero padding P are needed on each side?`,
        answer: { type: 'number', value: p },
        data: { n, f },
        solution: [
          `Keeping the size means N − F + 2P + 1 = N, so 2P = F − 1 and P = (F − 1) / 2.`,
          `P = (${f} − 1) / 2 = ${p}.`,
          `Check: (${n} − ${f} + 2·${p}) / 1 + 1 = ${check.size}.`,
        ],
      };
    },
  },
  {
    id: 'pad-cell-value',
    title: 'A border cell with padding',
    async generate(rand) {
      const n = 4;
      const input = rand.matrix(n, n, 0, 5);
      const kernel = rand.matrix(3, 3, -1, 2);
      // A cell on the border, where the window covers padding.
      const edge = rand.pick(['top', 'bottom', 'left', 'right'] as const);
      const along = rand.int(0, n - 1);
      const y = edge === 'top' ? 0 : edge === 'bottom' ? n - 1 : along;
      const x = edge === 'left' ? 0 : edge === 'right' ? n - 1 : along;
      const [out] = await conv2d([input], [[kernel]], { padding: 1 });
      const value = out[y][x];
      const g = windowGeometry(n, n, 3, { padding: 1 });
      const cells = windowCells(g, y, x);
      const products = (await windowProducts([input], [[kernel]], { padding: 1 }))[y * g.outW + x];
      return {
        kind: 'pad-cell-value',
        prompt: `Pad the ${n}×${n} input with one ring of zeros and slide the 3×3 kernel over it (stride 1). What is the output in row ${y + 1}, column ${x + 1}?`,
        figures: [{ label: 'Input (before padding)', values: input }, { label: 'Kernel', values: kernel }],
        answer: { type: 'number', value },
        data: { input, kernel, y, x },
        solution: [
          `With padding 1 the output is ${g.outH}×${g.outW}, and output row ${y + 1}, column ${x + 1} is centred on input row ${y + 1}, column ${x + 1}.`,
          `Its window covers ${cells.filter((c) => !c.inside).length} padding zeros: ${cells.map((c) => (c.inside ? formatNumber(input[c.y][c.x]) : '0')).join(', ')} (row by row).`,
          `Multiply by the kernel: ${cells.map((c) => `${c.inside ? formatNumber(input[c.y][c.x]) : '0'}×${signed(kernel[c.dy][c.dx])}`).join(' + ')}.`,
          `The products are ${products.map(signed).join(' + ')}, which sum to ${formatNumber(value)}.`,
        ],
      };
    },
  },
  {
    id: 'pad-shrink',
    title: 'Shrinking without padding',
    async generate(rand) {
      const n = rand.pick([28, 32, 48, 64]);
      const f = rand.pick([3, 5, 7]);
      const layers = rand.int(2, 4);
      const sizes = shrinkingSizes(n, f, 0, 1, layers);
      const last = sizes[sizes.length - 1];
      return {
        kind: 'pad-shrink',
        prompt: `A ${n}×${n} image goes through ${layers} convolution layers in a row, each with ${f}×${f} kernels, stride 1 and no padding. What is the height of the last output?`,
        answer: { type: 'number', value: last },
        data: { n, f, layers },
        solution: [
          `Without padding, each layer gives N − F + 1: it loses ${f} − 1 rows.`,
          ...sizes.slice(1).map((size, i) => `Layer ${i + 1}: ${sizes[i]} − ${f} + 1 = ${size}.`),
          `After ${layers} layers the output is ${last}×${last}.`,
        ],
      };
    },
  },
  {
    id: 'stride-output-size',
    title: 'Output size with stride',
    async generate(rand) {
      const { n, f, s, p } = strideCase(rand, rand.next() < 0.6);
      const { r, steps } = sizeSteps(n, f, p, s);
      return {
        kind: 'stride-output-size',
        prompt: `A ${f}×${f} kernel slides over a ${n}×${n} input with padding ${p} and stride ${s}, as the deep-learning frameworks do it. How many rows does the output have?`,
        answer: { type: 'number', value: r.size },
        data: { n, f, p, s },
        solution: steps,
      };
    },
  },
  {
    id: 'stride-fits',
    title: 'Does the stride fit?',
    async generate(rand) {
      const { n, f, s, p, r } = strideCase(rand, rand.next() < 0.5);
      return {
        kind: 'stride-fits',
        prompt: `Input ${n}×${n}, kernel ${f}×${f}, padding ${p}, stride ${s}. Does the last window end exactly at the (padded) border, so that the output size is a whole number?`,
        answer: { type: 'yesno', value: r.fits },
        data: { n, f, p, s },
        solution: [
          `(N − F + 2P) / S + 1 = (${n} − ${f} + 2·${p}) / ${s} + 1 = ${formatNumber(r.exact)}.`,
          r.fits
            ? `That is a whole number: yes, it fits, with ${r.size} positions along each side.`
            : `That is not a whole number: no, it doesn’t fit. The frameworks use ⌊${formatNumber(r.exact)}⌋ = ${r.size} positions and never read what is left.`,
        ],
      };
    },
  },
  {
    id: 'stride-fit-padding',
    title: 'Padding that makes it fit',
    async generate(rand) {
      for (;;) {
        const n = rand.int(6, 40);
        const f = rand.pick([3, 5, 7].filter((k) => k <= n));
        const s = rand.int(2, 4);
        if (outputSize(n, f, 0, s).fits) continue;
        const fitting = paddingsThatFit(n, f, s, 6);
        if (!fitting.length) continue;
        const p = fitting[0];
        const r = outputSize(n, f, p, s);
        const tried = Array.from({ length: p }, (_, q) => `P = ${q}: (${n} − ${f} + 2·${q}) / ${s} + 1 = ${formatNumber(outputSize(n, f, q, s).exact)}, not whole.`);
        return {
          kind: 'stride-fit-padding',
          prompt: `A ${f}×${f} kernel with stride ${s} doesn’t fit a ${n}×${n} input without padding. What is the smallest padding P that makes it fit exactly?`,
          answer: { type: 'number', value: p },
          data: { n, f, s },
          solution: [`It fits when (N − F + 2P) is a multiple of S = ${s}. Try P = 0, 1, 2, …`, ...tried, `P = ${p}: (${n} − ${f} + 2·${p}) / ${s} + 1 = ${formatNumber(r.exact)}, a whole number. So P = ${p}.`],
        };
      }
    },
  },
  {
    id: 'stride-same',
    title: 'SAME padding',
    async generate(rand) {
      const n = rand.int(5, 64);
      const s = rand.int(1, 4);
      const f = rand.pick([2, 3, 4, 5, 7]);
      const g = windowGeometry(n, n, f, { stride: s, padding: 'same' });
      return {
        kind: 'stride-same',
        prompt: `In TensorFlow, a ${f}×${f} convolution with stride ${s} and padding='same' is applied to a ${n}×${n} input. How many rows does the output have?`,
        answer: { type: 'number', value: g.outH },
        data: { n, f, s },
        solution: [
          `SAME pads just enough that the output has ⌈N / S⌉ rows, whatever the kernel size.`,
          `⌈${n} / ${s}⌉ = ${g.outH}.`,
          `The padding needed is ${g.pads.top} row${g.pads.top === 1 ? '' : 's'} at the top and ${g.pads.bottom} at the bottom: (${n} − ${f} + ${g.pads.top} + ${g.pads.bottom}) / ${s} + 1 = ${g.outH}${g.fitsH ? '' : ' after rounding down'}.`,
        ],
      };
    },
  },
];
