// Exercises for the CNN lessons: the output shape and the parameter count of one layer of a small
// conv → ReLU → pool network (describeModel, the trainer's own arithmetic), and softmax of a few
// scores with the cross-entropy loss (tf.softmax through softmaxOf). Fresh numbers every time.
import { describeModel, type LayerInfo, type ModelSpec } from '../../engine/cnn';
import { softmaxOf } from '../../engine/training/softmax';
import { formatNumber } from '../../viz/format';
import type { ExerciseKind, Rand } from '../types';

/** A random small LeNet-like network on a square input, with its numbers for independent checks. */
function network(rand: Rand) {
  const side = rand.pick([28, 32]);
  const channels = side === 28 ? 1 : rand.pick([1, 3]);
  const k1 = rand.pick([3, 5]);
  const k2 = rand.pick([3, 5]);
  const f1 = rand.pick([4, 6, 8, 12]);
  const f2 = rand.pick([8, 10, 16, 20]);
  const padding = rand.pick(['valid', 'valid', 'same'] as const);
  const spec: ModelSpec = {
    inputShape: [side, side, channels],
    layers: [
      { type: 'conv', filters: f1, kernelSize: k1, padding },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv', filters: f2, kernelSize: k2, padding },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'dense', units: 10 },
      { type: 'softmax' },
    ],
  };
  return { spec, side, channels, numbers: { side, channels, k1, k2, f1, f2, same: padding === 'same' ? 1 : 0 } };
}

function describeLayer(l: LayerInfo): string {
  const s = l.spec;
  if (s.type === 'conv') return `${l.name}: ${s.filters} filters of ${s.kernelSize}×${s.kernelSize}, stride 1, ${s.padding === 'same' ? 'same padding' : 'no padding'}`;
  if (s.type === 'relu') return `${l.name}: ReLU`;
  if (s.type === 'maxpool') return `${l.name}: ${s.size}×${s.size} max pooling, stride ${s.size}`;
  if (s.type === 'dense') return `${l.name}: fully connected, ${s.units} outputs`;
  return 'softmax';
}

const listing = (spec: ModelSpec) => describeModel(spec).layers.map(describeLayer).join(' → ');

function shapeSteps(layers: LayerInfo[], upTo: number, input: number[]): string[] {
  let prev = input;
  return layers.slice(0, upTo + 1).map((l) => {
    const s = l.spec;
    let why = '';
    if (s.type === 'conv') {
      why = s.padding === 'same'
        ? `same padding keeps ${prev[0]}×${prev[1]}; depth = ${s.filters} filters`
        : `${prev[0]} − ${s.kernelSize} + 1 = ${l.outputShape[0]}; depth = ${s.filters} filters`;
    } else if (s.type === 'maxpool') why = `⌊${prev[0]} / ${s.size}⌋ = ${l.outputShape[0]}; depth unchanged`;
    else if (s.type === 'relu') why = 'ReLU keeps the shape';
    else if (s.type === 'dense') why = `${s.units} outputs`;
    prev = l.outputShape;
    return `${l.name}: ${why} → ${l.outputShape.join('×')}.`;
  });
}

export const kinds: ExerciseKind[] = [
  {
    id: 'cnn-layer-shape',
    title: 'A layer’s output shape',
    async generate(rand) {
      const { spec, side, channels, numbers } = network(rand);
      const summary = describeModel(spec);
      const at = rand.pick([2, 3, 5]); // pool1, conv2 or pool2
      const layer = summary.layers[at];
      return {
        kind: 'cnn-layer-shape',
        prompt: `A ${side}×${side}×${channels} image goes through ${listing(spec)}. What is the output shape of ${layer.name} (height × width × depth)?`,
        answer: { type: 'numbers', value: layer.outputShape, labels: ['height', 'width', 'depth'] },
        data: { ...numbers, at },
        solution: [...shapeSteps(summary.layers, at, spec.inputShape), `So ${layer.name} outputs ${layer.outputShape.join('×')}.`],
      };
    },
  },
  {
    id: 'cnn-layer-params',
    title: 'A layer’s parameters',
    async generate(rand) {
      const { spec, side, channels, numbers } = network(rand);
      const summary = describeModel(spec);
      const at = rand.pick([0, 3, 6]); // conv1, conv2 or dense1
      const layer = summary.layers[at];
      const input = at === 0 ? spec.inputShape : summary.layers[at - 1].outputShape;
      return {
        kind: 'cnn-layer-params',
        prompt: `A ${side}×${side}×${channels} image goes through ${listing(spec)}. How many parameters (weights and biases) does ${layer.name} have?`,
        answer: { type: 'number', value: layer.params },
        data: { ...numbers, at },
        solution: [
          `${layer.name} receives a ${input.join('×')} volume.`,
          layer.spec.type === 'conv'
            ? `Each filter spans all ${input[2]} input channels: ${layer.spec.kernelSize}·${layer.spec.kernelSize}·${input[2]} weights plus 1 bias.`
            : `Every one of the ${input.join('·')} inputs connects to each of the 10 outputs, plus one bias per output.`,
          `${layer.paramFormula}.`,
        ],
      };
    },
  },
  {
    id: 'cnn-softmax',
    title: 'Softmax and the loss',
    async generate(rand) {
      const scores = Array.from({ length: 3 }, () => rand.int(-2, 4));
      const label = rand.int(0, 2);
      const { probabilities, loss } = await softmaxOf(scores, label);
      const exps = scores.map((s) => `e^${s < 0 ? `(${formatNumber(s)})` : s}`);
      return {
        kind: 'cnn-softmax',
        prompt: `A network gives the scores ${scores.map(formatNumber).join(', ')} to the classes 0, 1 and 2. The digit really is class ${label}. What probability does softmax give class ${label} (two decimals)?`,
        answer: { type: 'number', value: probabilities[label], tolerance: 0.006 },
        data: { scores: [scores], label },
        solution: [
          `Softmax: p_i = e^(s_i) / (${exps.join(' + ')}).`,
          `The probabilities are ${probabilities.map((p) => p.toFixed(3)).join(', ')}; they add up to 1.`,
          `Class ${label}: p = ${probabilities[label].toFixed(3)}. The loss for this digit is −ln p = ${loss!.toFixed(3)}; guessing (p = 1/3) would give ${Math.log(3).toFixed(3)}.`,
        ],
      };
    },
  },
];
