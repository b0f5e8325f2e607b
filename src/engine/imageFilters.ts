// The classic image filters as data (CURRICULUM §8): each preset is whole-number weights and a
// divisor (the kernel is weights / divisor, divided by tfjs when it is used), the sizes it comes
// in, and how its results are best turned into pixels. Pure data and small generators; no tensors.

export type DisplayMode = 'clamp' | 'rescale' | 'abs';

export type PresetId =
  | 'identity' | 'darken' | 'brighten' | 'box' | 'gaussian' | 'sharpen' | 'edge'
  | 'prewitt-h' | 'prewitt-v' | 'sobel-h' | 'sobel-v' | 'emboss' | 'prewitt-magnitude' | 'sobel-magnitude';

export interface FilterKernel {
  /** Whole numbers where possible, so a projector shows "1 2 1", not "0.0625 0.125 0.0625". */
  weights: number[][];
  /** The kernel applied is weights / divisor. */
  divisor: number;
}

export interface Preset {
  id: PresetId;
  label: string;
  /** Sizes offered (odd, so the kernel has a centre pixel). */
  sizes: readonly number[];
  /** The display that makes its result readable: clamp for effects, absolute value or rescale for edges. */
  display: DisplayMode;
  /** Combine the kernel with its transpose into a gradient magnitude √(a² + b²). */
  magnitude?: boolean;
  /** One sentence on what it does, for the lab. */
  note: string;
}

const fixed: Partial<Record<PresetId, FilterKernel>> = {
  identity: { weights: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], divisor: 1 },
  darken: { weights: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], divisor: 2 }, // centre 0.5
  brighten: { weights: [[0, 0, 0], [0, 3, 0], [0, 0, 0]], divisor: 2 }, // centre 1.5
  sharpen: { weights: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], divisor: 1 },
  'prewitt-h': { weights: [[-1, -1, -1], [0, 0, 0], [1, 1, 1]], divisor: 1 },
  'prewitt-v': { weights: [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], divisor: 1 },
  'sobel-h': { weights: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], divisor: 1 },
  'sobel-v': { weights: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], divisor: 1 },
  emboss: { weights: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], divisor: 1 },
  'prewitt-magnitude': { weights: [[-1, -1, -1], [0, 0, 0], [1, 1, 1]], divisor: 1 },
  'sobel-magnitude': { weights: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], divisor: 1 },
};

export const PRESETS: readonly Preset[] = [
  { id: 'identity', label: 'Identity', sizes: [3], display: 'clamp', note: 'A single 1 in the centre: every pixel is copied unchanged.' },
  { id: 'darken', label: 'Darken', sizes: [3], display: 'clamp', note: 'Centre 0.5: every value is halved.' },
  { id: 'brighten', label: 'Brighten', sizes: [3], display: 'clamp', note: 'Centre 1.5: every value grows by half; values past 255 are clipped.' },
  { id: 'box', label: 'Box blur', sizes: [3, 5, 7], display: 'clamp', note: 'The plain average of the window: all weights equal, summing to 1.' },
  { id: 'gaussian', label: 'Gaussian blur', sizes: [3, 5, 7], display: 'clamp', note: 'A weighted average that trusts near pixels more than far ones; the weights sum to 1.' },
  { id: 'sharpen', label: 'Sharpen', sizes: [3], display: 'clamp', note: 'The pixel minus its four neighbours, added back to itself: differences get larger.' },
  { id: 'edge', label: 'Edge detection', sizes: [3, 5, 7], display: 'abs', note: 'The centre against all its neighbours: flat regions give 0, edges give large values of either sign.' },
  { id: 'prewitt-h', label: 'Prewitt, horizontal edges', sizes: [3], display: 'abs', note: 'Row below minus row above: responds where brightness changes from top to bottom.' },
  { id: 'prewitt-v', label: 'Prewitt, vertical edges', sizes: [3], display: 'abs', note: 'Right column minus left column: responds where brightness changes from left to right.' },
  { id: 'sobel-h', label: 'Sobel, horizontal edges', sizes: [3], display: 'abs', note: 'Like Prewitt, with the middle row weighted twice: a little smoother.' },
  { id: 'sobel-v', label: 'Sobel, vertical edges', sizes: [3], display: 'abs', note: 'Like Prewitt, with the middle column weighted twice: a little smoother.' },
  { id: 'emboss', label: 'Emboss', sizes: [3], display: 'clamp', note: 'One diagonal minus the other, plus the pixel: looks lit from the bottom right.' },
  { id: 'prewitt-magnitude', label: 'Edge magnitude (Prewitt h and v)', sizes: [3], display: 'clamp', magnitude: true, note: 'The horizontal and vertical Prewitt responses a and b combined as √(a² + b²): edges in every direction.' },
  { id: 'sobel-magnitude', label: 'Edge magnitude (Sobel h and v)', sizes: [3], display: 'clamp', magnitude: true, note: 'The horizontal and vertical Sobel responses combined as √(a² + b²).' },
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** Row n − 1 of Pascal's triangle: 1 2 1, 1 4 6 4 1, 1 6 15 20 15 6 1. */
export function binomialRow(n: number): number[] {
  const row = [1];
  for (let i = 1; i < n; i++) row.push((row[i - 1] * (n - i)) / i);
  return row;
}

/**
 * A Gaussian kernel of size n. Without σ: the binomial kernel (outer product of Pascal's row,
 * divisor 4^(n−1)), which for n = 3 is CURRICULUM's 1/16 · (1 2 1 / 2 4 2 / 1 2 1). With σ: the
 * outer product of the 1-D Gaussian exp(−d² / 2σ²) sampled at each cell, scaled so its centre is 10
 * and rounded (so the centre weight is 100), divided by the sum of the weights (they still sum to 1).
 * Both are outer products of a row with itself: separable, which the engine's fast route uses.
 */
export function gaussianKernel(n: number, sigma?: number): FilterKernel {
  checkOddSize(n);
  if (sigma !== undefined && (!Number.isFinite(sigma) || sigma <= 0)) throw new RangeError(`σ must be a positive number, not ${sigma}.`);
  const c = (n - 1) / 2;
  const row = sigma === undefined ? binomialRow(n) : Array.from({ length: n }, (_, i) => Math.round(10 * Math.exp(-((i - c) ** 2) / (2 * sigma * sigma))));
  const sum = row.reduce((a, b) => a + b, 0);
  return { weights: row.map((a) => row.map((b) => a * b)), divisor: sum * sum };
}

function checkOddSize(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 15 || n % 2 === 0) {
    throw new RangeError(`A filter size must be odd (3, 5 or 7) so the kernel has a centre pixel; ${n} is not.`);
  }
}

/** The kernel of a preset at a size (and σ for the Gaussian). Throws a RangeError for a size the preset doesn't come in. */
export function presetKernel(id: PresetId, size = 3, sigma?: number): FilterKernel {
  const preset = findPreset(id);
  if (!preset) throw new RangeError(`There is no filter preset called “${id}”.`);
  if (!preset.sizes.includes(size)) {
    throw new RangeError(`${preset.label} comes in size${preset.sizes.length > 1 ? 's' : ''} ${preset.sizes.join(', ')}, not ${size}.`);
  }
  if (id === 'gaussian') return gaussianKernel(size, sigma);
  if (id === 'box') return { weights: square(size, () => 1), divisor: size * size };
  if (id === 'edge') {
    const c = (size - 1) / 2;
    return { weights: square(size, (y, x) => (y === c && x === c ? size * size - 1 : -1)), divisor: 1 };
  }
  const k = fixed[id]!;
  return { weights: k.weights.map((r) => [...r]), divisor: k.divisor };
}

function square(n: number, f: (y: number, x: number) => number): number[][] {
  return Array.from({ length: n }, (_, y) => Array.from({ length: n }, (_, x) => f(y, x)));
}
