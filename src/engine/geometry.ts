// The one sliding-window geometry: which input cells each output cell reads, for any kernel size,
// stride and padding. Convolution, pooling, im2col, Toeplitz, the animations and the dot-product
// trace all derive their indices from here. Pure arithmetic over sizes; no tensors, no DOM.

/** A size or a per-axis pair `[rows, cols]`. */
export type Pair = number | [number, number];

/** Padding as accepted by the public API. `'same'` follows TensorFlow: extra padding goes bottom/right. */
export type PaddingSpec = Pair | 'same' | 'valid';

/** Zero padding on each side, in cells. */
export interface Pads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface WindowGeometry {
  /** Input size (unpadded), cells. */
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  pads: Pads;
  /** Padded input size. */
  paddedH: number;
  paddedW: number;
  /** Output size: ⌊(n + pads − f) / s⌋ + 1 per axis. */
  outH: number;
  outW: number;
  /** Whether the last window ends exactly at the padded border on each axis. */
  fitsH: boolean;
  fitsW: boolean;
}

/** A cell in (row, column) coordinates. */
export interface Cell {
  y: number;
  x: number;
}

export function pair(value: Pair, name: string): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(value) && typeof value !== 'number') {
    throw new TypeError(`${name} must be a number or a pair of numbers, not ${JSON.stringify(value)}.`);
  }
  return [a, b];
}

function checkWhole(value: number, name: string, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a number, not ${JSON.stringify(value)}.`);
  }
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, not ${value}.`);
  if (value < min) {
    throw new RangeError(
      min === 1 ? `${name} must be at least 1 (it was ${value}): the window has to move.` : `${name} must be at least ${min}, not ${value}.`,
    );
  }
}

/**
 * The output size of a sliding window along one axis.
 * size = ⌊(n − f + 2p) / s⌋ + 1; exact = (n − f + 2p) / s + 1; fits when exact is whole.
 */
export function outputSize(n: number, f: number, p: number, s: number): { size: number; exact: number; fits: boolean } {
  checkWhole(n, 'The input size', 1);
  checkWhole(f, 'The kernel size', 1);
  checkWhole(p, 'The padding', 0);
  checkWhole(s, 'The stride', 1);
  if (f > n + 2 * p) {
    throw new RangeError(`A ${f}-wide kernel does not fit in a ${n}-wide input with padding ${p} (${n} + 2·${p} = ${n + 2 * p} < ${f}).`);
  }
  const exact = (n - f + 2 * p) / s + 1;
  return { size: Math.floor(exact), exact, fits: Number.isInteger(exact) };
}

/** Resolves a padding spec to explicit per-side pads for a given input, kernel and stride. */
export function resolvePads(padding: PaddingSpec | undefined, inH: number, inW: number, kH: number, kW: number, sH: number, sW: number): Pads {
  if (padding === undefined || padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (padding === 'same') {
    // TensorFlow's rule: output = ⌈n / s⌉, total padding split with the extra cell at the bottom/right.
    const total = (n: number, f: number, s: number) => Math.max((Math.ceil(n / s) - 1) * s + f - n, 0);
    const th = total(inH, kH, sH);
    const tw = total(inW, kW, sW);
    return { top: Math.floor(th / 2), bottom: th - Math.floor(th / 2), left: Math.floor(tw / 2), right: tw - Math.floor(tw / 2) };
  }
  if (typeof padding === 'string') throw new TypeError(`Padding must be a number, a pair, 'same' or 'valid', not '${padding}'.`);
  const [ph, pw] = pair(padding, 'Padding');
  checkWhole(ph, 'The padding', 0);
  checkWhole(pw, 'The padding', 0);
  return { top: ph, bottom: ph, left: pw, right: pw };
}

/** Everything about how a kernel slides over an input. Throws a student-readable RangeError when it cannot. */
export function windowGeometry(
  inH: number,
  inW: number,
  kernel: Pair,
  opts: { stride?: Pair; padding?: PaddingSpec } = {},
): WindowGeometry {
  const [kH, kW] = pair(kernel, 'The kernel size');
  const [strideH, strideW] = pair(opts.stride ?? 1, 'The stride');
  checkWhole(inH, 'The input height', 1);
  checkWhole(inW, 'The input width', 1);
  checkWhole(kH, 'The kernel height', 1);
  checkWhole(kW, 'The kernel width', 1);
  checkWhole(strideH, 'The stride', 1);
  checkWhole(strideW, 'The stride', 1);
  const pads = resolvePads(opts.padding, inH, inW, kH, kW, strideH, strideW);
  const paddedH = inH + pads.top + pads.bottom;
  const paddedW = inW + pads.left + pads.right;
  if (kH > paddedH || kW > paddedW) {
    throw new RangeError(
      `The ${kH}×${kW} kernel is larger than the padded ${paddedH}×${paddedW} input: there is no position where it fits. ` +
        `Use a smaller kernel or more padding.`,
    );
  }
  const exactH = (paddedH - kH) / strideH + 1;
  const exactW = (paddedW - kW) / strideW + 1;
  return {
    inH, inW, kH, kW, strideH, strideW, pads, paddedH, paddedW,
    outH: Math.floor(exactH),
    outW: Math.floor(exactW),
    fitsH: Number.isInteger(exactH),
    fitsW: Number.isInteger(exactW),
  };
}

/** Top-left corner of output cell (oy, ox)'s window, in padded coordinates. */
export function windowOrigin(g: WindowGeometry, oy: number, ox: number): Cell {
  return { y: oy * g.strideH, x: ox * g.strideW };
}

/**
 * The cells of output (oy, ox)'s window in row-major (dy, dx) order, in unpadded input coordinates;
 * `inside` is false for cells that fall on the zero padding.
 */
export function windowCells(g: WindowGeometry, oy: number, ox: number): (Cell & { dy: number; dx: number; inside: boolean })[] {
  const o = windowOrigin(g, oy, ox);
  const cells = [];
  for (let dy = 0; dy < g.kH; dy++) {
    for (let dx = 0; dx < g.kW; dx++) {
      const y = o.y + dy - g.pads.top;
      const x = o.x + dx - g.pads.left;
      cells.push({ y, x, dy, dx, inside: y >= 0 && y < g.inH && x >= 0 && x < g.inW });
    }
  }
  return cells;
}

/** All output positions in row-major order (the order the window visits them). */
export function outputPositions(g: WindowGeometry): Cell[] {
  const out: Cell[] = [];
  for (let y = 0; y < g.outH; y++) for (let x = 0; x < g.outW; x++) out.push({ y, x });
  return out;
}

/** Input cells (unpadded coordinates) that no window ever reads: what a stride that doesn't fit drops. */
export function droppedCells(g: WindowGeometry): Cell[] {
  // An input index is read when some window start o·s − pad ≤ i < o·s − pad + k.
  const covered = (outputs: number, n: number, stride: number, k: number, pad: number) => {
    const seen = new Uint8Array(n);
    for (let o = 0; o < outputs; o++) for (let d = 0; d < k; d++) {
      const i = o * stride + d - pad;
      if (i >= 0 && i < n) seen[i] = 1;
    }
    return seen;
  };
  const rows = covered(g.outH, g.inH, g.strideH, g.kH, g.pads.top);
  const cols = covered(g.outW, g.inW, g.strideW, g.kW, g.pads.left);
  const dropped: Cell[] = [];
  for (let y = 0; y < g.inH; y++) for (let x = 0; x < g.inW; x++) if (!rows[y] || !cols[x]) dropped.push({ y, x });
  return dropped;
}

/** The inverse map: for each input cell, the output positions (flat, row-major) whose window reads it. */
export function readersOfInput(g: WindowGeometry): number[][] {
  const readers: number[][] = Array.from({ length: g.inH * g.inW }, () => []);
  for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    for (const c of windowCells(g, oy, ox)) if (c.inside) readers[c.y * g.inW + c.x].push(oy * g.outW + ox);
  }
  return readers;
}

/**
 * Gather indices for im2col over a padded, channels-first, flattened volume [C, paddedH, paddedW]:
 * one row per output position (row-major), columns in (c, dy, dx) order.
 */
export function im2colIndices(g: WindowGeometry, channels: number): Int32Array {
  const cols = channels * g.kH * g.kW;
  const idx = new Int32Array(g.outH * g.outW * cols);
  let i = 0;
  for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    const o = windowOrigin(g, oy, ox);
    for (let c = 0; c < channels; c++) for (let dy = 0; dy < g.kH; dy++) for (let dx = 0; dx < g.kW; dx++) {
      idx[i++] = (c * g.paddedH + o.y + dy) * g.paddedW + o.x + dx;
    }
  }
  return idx;
}
