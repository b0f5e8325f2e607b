// A digit drawn on the pad, prepared the way MNIST's digits were: cropped to its ink, scaled so
// its longer side is 20 pixels (keeping its shape; each new pixel averages the area it covers),
// then placed in a 28×28 field so that its centre of mass sits at the centre. Pure arithmetic on
// pixel positions: no learned numbers, so it needs no tfjs and tests check it by hand.

export interface PreprocessOptions {
  /** Side of the output field: 28 for MNIST. */
  size?: number;
  /** Longer side of the digit after scaling: 20 for MNIST. */
  box?: number;
  /** Ink below this (0..1) counts as paper when finding the digit's extent. */
  threshold?: number;
}

export interface PreprocessedDigit {
  /** `[size · size]`, row-major, 0 (paper) .. 1 (strongest ink). */
  image: Float32Array;
  /** The ink's bounding box in the drawing, in drawing pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** Size of the scaled digit before it is placed, `[width, height]`. */
  scaled: [number, number];
  /** Centre of mass of the scaled digit in its own coordinates (pixel centres at i + ½). */
  centreOfMass: [number, number];
  /** Where the scaled digit's top-left corner lands in the field. */
  offset: [number, number];
}

/**
 * Area-average resampling of `length` source pixels starting at `start` onto `n` pixels:
 * weights[j] lists (source index, fraction of output pixel j it covers).
 */
function areaWeights(start: number, length: number, n: number): [number, number][][] {
  const step = length / n;
  return Array.from({ length: n }, (_, j) => {
    const a = start + j * step;
    const b = a + step;
    const parts: [number, number][] = [];
    for (let i = Math.floor(a); i < Math.ceil(b); i++) {
      const overlap = Math.min(b, i + 1) - Math.max(a, i);
      if (overlap > 1e-12) parts.push([i, overlap / step]);
    }
    return parts;
  });
}

/**
 * `ink`: `[height · width]` row-major, 0 (paper) .. 1 (ink). Throws a RangeError when nothing is
 * drawn, so the page can say so instead of classifying an empty field.
 */
export function preprocessDigit(ink: ArrayLike<number>, width: number, height: number, options: PreprocessOptions = {}): PreprocessedDigit {
  const { size = 28, box = 20, threshold = 0.05 } = options;
  if (ink.length !== width * height) throw new RangeError(`a ${width}×${height} drawing has ${width * height} pixels, not ${ink.length}`);
  if (!(box >= 1 && box <= size)) throw new RangeError(`the digit's box (${box}) must fit the ${size}×${size} field`);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) throw new RangeError('The drawing is blank: draw a digit first.');
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = box / Math.max(bw, bh);
  const w = Math.max(1, Math.min(box, Math.round(bw * scale)));
  const h = Math.max(1, Math.min(box, Math.round(bh * scale)));

  // Scale: rows first (source rows → h rows), then columns (source columns → w columns).
  const rowsW = areaWeights(y0, bh, h);
  const colsW = areaWeights(x0, bw, w);
  const scaled = new Float64Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      let sum = 0;
      for (const [sy, fy] of rowsW[j]) for (const [sx, fx] of colsW[i]) sum += ink[sy * width + sx] * fy * fx;
      scaled[j * w + i] = sum;
    }
  }
  // Strongest ink becomes 1, as in MNIST, however lightly the student drew.
  let max = 0;
  for (const v of scaled) if (v > max) max = v;
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const v = scaled[j * w + i] / max;
      scaled[j * w + i] = v;
      mass += v;
      mx += v * (i + 0.5);
      my += v * (j + 0.5);
    }
  }
  const cx = mx / mass;
  const cy = my / mass;
  // Move the centre of mass to the field's centre, but never push ink out of the field.
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const ox = clamp(Math.round(size / 2 - cx), size - w);
  const oy = clamp(Math.round(size / 2 - cy), size - h);
  const image = new Float32Array(size * size);
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) image[(oy + j) * size + ox + i] = scaled[j * w + i];
  return { image, box: { x: x0, y: y0, width: bw, height: bh }, scaled: [w, h], centreOfMass: [cx, cy], offset: [ox, oy] };
}
