// Layer arithmetic the mechanics lessons and their exercises ask about: a convolution layer's output
// volume and parameter count, the padding that keeps the size, how sizes shrink layer after layer,
// and a fully connected layer seen as a convolution. Pure arithmetic over sizes, built on geometry.ts.
import { outputSize, windowGeometry, type Pair, type PaddingSpec, type WindowGeometry } from './geometry';

/** Largest count these helpers report exactly (beyond it, doubles stop counting in ones). */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function whole(value: unknown, name: string, min: number, max = 1_000_000): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${name} must be a number, not ${JSON.stringify(value)}.`);
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, not ${value}.`);
  if (value < min) throw new RangeError(`${name} must be at least ${min}, not ${value}.`);
  if (value > max) throw new RangeError(`${name} must be at most ${max.toLocaleString('en')}, not ${value.toLocaleString('en')}.`);
  return value;
}

export interface ConvLayerSpec {
  /** Input volume: height, width, channels. */
  inH: number;
  inW: number;
  inC: number;
  /** Kernel size F (or [FH, FW]). */
  kernel: Pair;
  /** Number of filters K. */
  filters: number;
  stride?: Pair;
  padding?: PaddingSpec;
  /** Whether each filter has a bias (default true). */
  bias?: boolean;
}

export interface ConvLayerSummary {
  geometry: WindowGeometry;
  /** Input channels C. */
  inC: number;
  /** Output volume H′ × W′ × K. */
  outH: number;
  outW: number;
  outC: number;
  /** Weights in one filter: FH·FW·C. Also the number of terms in each output's dot product. */
  weightsPerFilter: number;
  /** All weights: FH·FW·C·K. */
  weights: number;
  /** Bias values: K (or 0). */
  biases: number;
  /** weights + biases = (FH·FW·C + 1)·K. */
  params: number;
  /** Output values: H′·W′·K. */
  outputs: number;
  /** Multiply-adds for one input: outputs · FH·FW·C. */
  multiplyAdds: number;
}

/** Output volume and parameter count of a convolution layer. Throws a student-readable error when it cannot slide. */
export function convLayer(spec: ConvLayerSpec): ConvLayerSummary {
  const inH = whole(spec.inH, 'The input height', 1);
  const inW = whole(spec.inW, 'The input width', 1);
  const inC = whole(spec.inC, 'The number of input channels', 1, 100_000);
  const K = whole(spec.filters, 'The number of filters', 1, 100_000);
  const g = windowGeometry(inH, inW, spec.kernel, { stride: spec.stride, padding: spec.padding });
  const weightsPerFilter = g.kH * g.kW * inC;
  const weights = weightsPerFilter * K;
  const biases = spec.bias === false ? 0 : K;
  const outputs = g.outH * g.outW * K;
  const multiplyAdds = outputs * weightsPerFilter;
  if (multiplyAdds > MAX_SAFE) throw new RangeError('This layer is too large to count exactly: use smaller sizes.');
  return { geometry: g, inC, outH: g.outH, outW: g.outW, outC: K, weightsPerFilter, weights, biases, params: weights + biases, outputs, multiplyAdds };
}

/**
 * The zero padding that keeps the size with stride 1: (F − 1) / 2. Only odd kernels have one
 * (an even kernel would need half a cell on each side), so an even F throws a RangeError that says so.
 */
export function samePadding(f: number): number {
  whole(f, 'The kernel size', 1, 1000);
  if (f % 2 === 0) {
    throw new RangeError(`A ${f}×${f} kernel has no padding that keeps the size on both sides: (${f} − 1) / 2 = ${(f - 1) / 2} is not a whole number of cells.`);
  }
  return (f - 1) / 2;
}

/**
 * Sizes of a square volume under the same convolution applied again and again: [n, n₁, n₂, …],
 * stopping when the kernel no longer fits, the size stops changing, or after `maxLayers` layers.
 */
export function shrinkingSizes(n: number, f: number, p: number, s: number, maxLayers = 12): number[] {
  whole(maxLayers, 'The number of layers', 0, 1000);
  const sizes = [n];
  outputSize(n, 1, 0, 1); // validates n
  for (let i = 0; i < maxLayers; i++) {
    const current = sizes[sizes.length - 1];
    if (f > current + 2 * p) break;
    const next = outputSize(current, f, p, s).size;
    sizes.push(next);
    if (next === current) break;
  }
  return sizes;
}

export interface FullyConnectedAsConv {
  /** The kernel covers the whole input: FH = H, FW = W, and it spans all C channels. */
  kernel: [number, number];
  /** Inputs per output: H·W·C (the length of the flattened input). */
  inputs: number;
  /** The output: 1 × 1 × K. */
  outH: 1;
  outW: 1;
  outC: number;
  weights: number;
  params: number;
}

/** A fully connected layer from an H×W×C volume to K outputs, as the convolution that computes it. */
export function fullyConnectedAsConv(inH: number, inW: number, inC: number, outputs: number): FullyConnectedAsConv {
  const layer = convLayer({ inH, inW, inC, kernel: [inH, inW], filters: outputs });
  return { kernel: [inH, inW], inputs: layer.weightsPerFilter, outH: 1, outW: 1, outC: layer.outC, weights: layer.weights, params: layer.params };
}

/**
 * Output size along one axis for any padding, also uneven (TensorFlow's SAME puts the extra cell
 * after): exact = (n − f + before + after) / s + 1, size = ⌊exact⌋, fits when exact is whole; span is the
 * numerator, the distance the window can travel.
 */
export function paddedOutputSize(n: number, f: number, before: number, after: number, s: number): { size: number; exact: number; fits: boolean; span: number } {
  whole(n, 'The input size', 1);
  whole(f, 'The kernel size', 1);
  whole(before, 'The padding', 0);
  whole(after, 'The padding', 0);
  whole(s, 'The stride', 1);
  if (f > n + before + after) {
    throw new RangeError(`A ${f}-wide kernel does not fit in a ${n}-wide input with padding ${before} + ${after} (${n + before + after} < ${f}).`);
  }
  // span: how far the window can travel, n − f + before + after cells.
  const span = n - f + before + after;
  const exact = span / s + 1;
  return { size: Math.floor(exact), exact, fits: Number.isInteger(exact), span };
}

/** The paddings p in 0…maxP for which an f-wide kernel with stride s fits an n-wide input exactly. */
export function paddingsThatFit(n: number, f: number, s: number, maxP: number): number[] {
  whole(maxP, 'The largest padding', 0, 1000);
  const out: number[] = [];
  for (let p = 0; p <= maxP; p++) if (f <= n + 2 * p && outputSize(n, f, p, s).fits) out.push(p);
  return out;
}
