// Exercises for the channels-and-filters, 1×1 convolution and receptive-field lessons: output volumes,
// parameter counts, one multi-channel output value, 1×1 dot products, fully connected layers as
// convolutions, and receptive fields of stacks. Every answer and worked step comes from the engine.
import { conv2d, convLayer, fullyConnectedAsConv, layerStack, outputSize, receptiveFieldSizes, samePadding, stackWeights, traceReceptiveField, windowCells, windowGeometry, type StackLayer } from '../../engine';
import { format } from 'd3';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind } from '../types';

const count = format(',');
const signed = (v: number) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v));
const VOLUME = ['height', 'width', 'depth'];

export const kinds: ExerciseKind[] = [
  {
    id: 'channels-volume',
    title: 'Output volume',
    async generate(rand) {
      const h = rand.pick([16, 28, 32, 56, 64, 224]);
      const c = rand.pick([1, 3, 16, 32, 64]);
      const f = rand.pick([1, 3, 5, 7]);
      const s = rand.pick([1, 1, 2]);
      const p = rand.int(0, (f - 1) / 2 + 1);
      const k = rand.pick([6, 10, 16, 32, 64, 128]);
      const l = convLayer({ inH: h, inW: h, inC: c, kernel: f, filters: k, stride: s, padding: p });
      return {
        kind: 'channels-volume',
        prompt: `A ${h}×${h}×${c} input goes through a convolution layer with ${k} filters of ${f}×${f}, stride ${s}, padding ${p}. What is the output volume (height × width × depth)?`,
        answer: { type: 'numbers', value: [l.outH, l.outW, l.outC], labels: VOLUME },
        data: { h, c, f, s, p, k },
        solution: [
          `Height and width: (${h} − ${f} + 2·${p}) / ${s} + 1 = ${formatNumber(outputSize(h, f, p, s).exact)}${l.geometry.fitsH ? '' : `, rounded down to ${l.outH}`}.`,
          `Depth: one output channel per filter, so ${k}. The input depth ${c} only sets how deep each filter is.`,
          `Output volume: ${l.outH}×${l.outW}×${l.outC}.`,
        ],
      };
    },
  },
  {
    id: 'channels-params',
    title: 'Parameter count',
    async generate(rand) {
      const c = rand.pick([1, 3, 8, 16, 32, 64, 128]);
      const f = rand.pick([1, 3, 5, 7]);
      const k = rand.pick([4, 10, 16, 32, 64, 96, 128]);
      const h = rand.pick([32, 64, 128]);
      const l = convLayer({ inH: h, inW: h, inC: c, kernel: f, filters: k, padding: (f - 1) / 2 });
      return {
        kind: 'channels-params',
        prompt: `A convolution layer takes a ${h}×${h}×${c} input and has ${k} filters of size ${f}×${f} (stride 1, same padding), each with a bias. How many parameters does it have?`,
        answer: { type: 'number', value: l.params },
        data: { c, f, k },
        solution: [
          `Each filter spans all ${c} input channels: ${f}·${f}·${c} = ${count(l.weightsPerFilter)} weights, plus 1 bias.`,
          `There are ${k} filters: (${f}·${f}·${c} + 1)·${k} = ${count(l.params)}.`,
          `The input’s height and width (${h}×${h}) do not matter: the same weights are used at every position.`,
        ],
      };
    },
  },
  {
    id: 'channels-cell-value',
    title: 'One output value over two channels',
    async generate(rand) {
      const n = 4;
      const f = rand.pick([2, 3]);
      const input = [rand.matrix(n, n, 0, 4), rand.matrix(n, n, 0, 4)];
      const filter = [rand.matrix(f, f, -1, 2), rand.matrix(f, f, -1, 2)];
      const bias = rand.int(-3, 3);
      const out = n - f + 1;
      const y = rand.int(0, out - 1);
      const x = rand.int(0, out - 1);
      const [map] = await conv2d(input, [filter], { bias: [bias] });
      const parts = await Promise.all([0, 1].map(async (c) => (await conv2d([input[c]], [[filter[c]]]))[0][y][x]));
      const cells = windowCells(windowGeometry(n, n, f), y, x);
      return {
        kind: 'channels-cell-value',
        prompt: `A two-channel ${n}×${n} input is convolved with one ${f}×${f}×2 filter with bias ${formatNumber(bias)} (no padding, stride 1). What is the output in row ${y + 1}, column ${x + 1}?`,
        figures: [
          { label: 'Input channel 1', values: input[0] },
          { label: 'Input channel 2', values: input[1] },
          { label: 'Filter slice 1', values: filter[0] },
          { label: 'Filter slice 2', values: filter[1] },
        ],
        answer: { type: 'number', value: map[y][x] },
        data: { input1: input[0], input2: input[1], filter1: filter[0], filter2: filter[1], bias, y, x },
        solution: [
          ...[0, 1].map(
            (c) => `Channel ${c + 1}: ${cells.map((w) => `${formatNumber(input[c][w.y][w.x])}×${signed(filter[c][w.dy][w.dx])}`).join(' + ')} = ${formatNumber(parts[c])}.`,
          ),
          `Add the two parts and the bias: ${formatNumber(parts[0])} + ${signed(parts[1])} + ${signed(bias)} = ${formatNumber(map[y][x])}.`,
        ],
      };
    },
  },
  {
    id: 'onebyone-volume',
    title: '1×1 convolution',
    async generate(rand) {
      const h = rand.pick([7, 14, 28, 56]);
      const c = rand.pick([64, 128, 192, 256, 512]);
      const k = rand.pick([16, 32, 64, 96]);
      const l = convLayer({ inH: h, inW: h, inC: c, kernel: 1, filters: k });
      return {
        kind: 'onebyone-volume',
        prompt: `A ${h}×${h}×${c} volume goes through ${k} filters of size 1×1 (stride 1, no padding). What is the output volume?`,
        answer: { type: 'numbers', value: [l.outH, l.outW, l.outC], labels: VOLUME },
        data: { h, c, k },
        solution: [
          `A 1×1 window never shrinks the input: (${h} − 1 + 0) / 1 + 1 = ${l.outH}.`,
          `Each filter is 1×1×${c}: at every pixel it takes a ${l.weightsPerFilter}-term dot product of the pixel’s ${c} channel values.`,
          `${k} filters give ${k} channels: ${l.outH}×${l.outW}×${l.outC}.`,
        ],
      };
    },
  },
  {
    id: 'onebyone-value',
    title: 'One pixel through a 1×1 filter',
    async generate(rand) {
      const c = rand.int(3, 5);
      const pixel = rand.matrix(1, c, -3, 5)[0];
      const weights = rand.matrix(1, c, -2, 3)[0];
      const [[[value]]] = await conv2d(pixel.map((v) => [[v]]), [weights.map((wt) => [[wt]])]);
      return {
        kind: 'onebyone-value',
        prompt: `A pixel of a ${c}-channel volume has the channel values shown. A 1×1 filter (no bias) has the weights shown. What does it output at this pixel?`,
        figures: [
          { label: 'Pixel (one value per channel)', values: [pixel] },
          { label: '1×1 filter (one weight per channel)', values: [weights] },
        ],
        answer: { type: 'number', value },
        data: { pixel: [pixel], weights: [weights] },
        solution: [
          `A 1×1 filter takes the dot product of the pixel’s channel values with its weights.`,
          `${pixel.map((v, i) => `${formatNumber(v)}×${signed(weights[i])}`).join(' + ')} = ${formatNumber(value)}.`,
        ],
      };
    },
  },
  {
    id: 'fc-as-conv',
    title: 'Fully connected as a convolution',
    async generate(rand) {
      const h = rand.pick([4, 5, 6, 7, 8]);
      const c = rand.pick([16, 32, 64, 256, 512]);
      const k = rand.pick([10, 100, 1000, 4096]);
      const fc = fullyConnectedAsConv(h, h, c, k);
      return {
        kind: 'fc-as-conv',
        prompt: `A fully connected layer maps a ${h}×${h}×${c} volume to ${k} outputs. Written as a convolution with ${k} filters, how big is each filter (height × width × depth)?`,
        answer: { type: 'numbers', value: [fc.kernel[0], fc.kernel[1], c], labels: VOLUME },
        data: { h, c, k },
        solution: [
          `Every output of a fully connected layer looks at every input value, so the filter must cover the whole ${h}×${h} input and all ${c} channels: ${fc.kernel[0]}×${fc.kernel[1]}×${c}.`,
          `It fits at exactly one position, so each filter gives a 1×1 output: ${k} filters give 1×1×${fc.outC}.`,
          `Each filter has ${count(fc.inputs)} weights (the flattened input) and a bias: (${count(fc.inputs)} + 1)·${k} = ${count(fc.params)} parameters.`,
        ],
      };
    },
  },
  {
    id: 'rf-stack',
    title: 'Receptive field of a stack',
    async generate(rand) {
      const f = rand.pick([3, 3, 5]);
      const layers = rand.int(2, 5);
      const stack: StackLayer[] = Array.from({ length: layers }, () => ({ kind: 'conv', kernel: f }));
      const n = layers * (f - 1) + 3;
      const g = layerStack(n, stack);
      const region = traceReceptiveField(g, layers, { y: 0, x: 0 })[0];
      const side = Math.max(...region.map((c) => c.y)) + 1;
      return {
        kind: 'rf-stack',
        prompt: `${layers} convolution layers with ${f}×${f} kernels (stride 1) are stacked. How many input pixels wide is the region that one output of the last layer depends on?`,
        answer: { type: 'number', value: side },
        data: { f, layers },
        solution: [
          `One ${f}×${f} layer sees ${f}×${f}. Each further stride-1 layer widens the region by ${f} − 1: one more ring of ${samePadding(f)} on each side.`,
          ...receptiveFieldSizes(stack).map((r, i) => `After layer ${i + 1}: ${r.size}×${r.size}.`),
          `So ${side}×${side} input pixels.`,
        ],
      };
    },
  },
  {
    id: 'rf-conv-pool',
    title: 'Convolution then pooling',
    async generate(rand) {
      const f = rand.pick([3, 5, 7]);
      const p = rand.pick([2, 3]);
      const stack: StackLayer[] = [{ kind: 'conv', kernel: f }, { kind: 'pool', kernel: p }];
      const g = layerStack(f + 2 * p + 2, stack);
      const region = traceReceptiveField(g, 2, { y: 0, x: 0 })[0];
      const side = Math.max(...region.map((c) => c.y)) + 1;
      return {
        kind: 'rf-conv-pool',
        prompt: `A ${f}×${f} convolution (stride 1) is followed by ${p}×${p} max pooling (stride ${p}). How many input pixels wide is the region one pooled output depends on?`,
        answer: { type: 'number', value: side },
        data: { f, p },
        solution: [
          `The pooled output takes ${p}×${p} neighbouring convolution outputs; their windows start ${p} consecutive pixels apart.`,
          `Together they cover ${p} − 1 + ${f} = ${side} pixels along each side: (P + F − 1)×(P + F − 1) = ${side}×${side}.`,
        ],
      };
    },
  },
  {
    id: 'rf-weights',
    title: 'Small kernels stacked vs one large kernel',
    async generate(rand) {
      const layers = rand.int(2, 4);
      const c = rand.pick([16, 32, 64, 128, 256]);
      const stack: StackLayer[] = Array.from({ length: layers }, () => ({ kind: 'conv', kernel: 3 }));
      const rf = receptiveFieldSizes(stack)[layers - 1].size;
      const small = stackWeights(stack, c);
      const big = stackWeights([{ kind: 'conv', kernel: rf }], c);
      return {
        kind: 'rf-weights',
        prompt: `${layers} stacked 3×3 convolution layers, each with ${c} channels in and ${c} out, see a ${rf}×${rf} region. How many weights do they have together (no biases)?`,
        answer: { type: 'number', value: small },
        data: { layers, c },
        solution: [
          `Each 3×3 layer with ${c} channels in and out has 3·3·${c}·${c} = ${count(stackWeights([{ kind: 'conv', kernel: 3 }], c))} weights.`,
          `${layers} layers: ${layers}·9·${c}² = ${count(small)}.`,
          `A single ${rf}×${rf} layer would need ${rf}·${rf}·${c}² = ${count(big)}: the stack sees the same region with fewer weights, and adds a non-linearity between layers.`,
        ],
      };
    },
  },
];
