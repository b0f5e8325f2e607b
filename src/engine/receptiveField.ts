// Receptive fields through a stack of layers (convolutions and pooling): which input cells an output
// cell depends on, and which outputs an input cell reaches, traced layer by layer with the one
// sliding-window geometry (windowCells / readersOfInput); plus the size formula and weight counts.
import { readersOfInput, windowCells, windowGeometry, type Cell, type WindowGeometry } from './geometry';

export interface StackLayer {
  kind: 'conv' | 'pool';
  /** Square kernel (or pooling window) size. */
  kernel: number;
  /** Default 1 for a convolution, the window size for pooling. */
  stride?: number;
  padding?: number;
}

/** A short name for a layer, e.g. "conv 3×3" or "pool 2×2 /2". */
export function describeLayer(l: StackLayer): string {
  const s = l.stride ?? (l.kind === 'pool' ? l.kernel : 1);
  const parts = [`${l.kind} ${l.kernel}×${l.kernel}`];
  if (s !== 1) parts.push(`stride ${s}`);
  if (l.padding) parts.push(`pad ${l.padding}`);
  return parts.join(', ');
}

/**
 * The geometry of every layer of a stack on a square input of size n: layer i reads the output of
 * layer i − 1 (layer 0 reads the input). Throws a RangeError naming the layer that cannot slide.
 */
export function layerStack(n: number, layers: StackLayer[]): WindowGeometry[] {
  const out: WindowGeometry[] = [];
  let size = n;
  layers.forEach((l, i) => {
    const stride = l.stride ?? (l.kind === 'pool' ? l.kernel : 1);
    try {
      const g = windowGeometry(size, size, l.kernel, { stride, padding: l.padding ?? 0 });
      out.push(g);
      size = g.outH;
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError) {
        throw new RangeError(`Layer ${i + 1} (${describeLayer(l)}) cannot slide over its ${size}×${size} input: ${e.message}`);
      }
      throw e;
    }
  });
  return out;
}

const key = (c: Cell) => `${c.y},${c.x}`;

function sorted(cells: Map<string, Cell>): Cell[] {
  return [...cells.values()].sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * The cells that output cell `cell` of layer `level` (1 = after the first layer) depends on, at every
 * level below it: result[0] is the input region, result[level] is [cell]. Padding cells are left out.
 */
export function traceReceptiveField(stack: WindowGeometry[], level: number, cell: Cell): Cell[][] {
  if (!Number.isInteger(level) || level < 0 || level > stack.length) throw new RangeError(`There is no level ${level}: the stack has levels 0–${stack.length}.`);
  const result: Cell[][] = new Array(level + 1);
  result[level] = [cell];
  for (let l = level; l > 0; l--) {
    const g = stack[l - 1];
    const below = new Map<string, Cell>();
    for (const c of result[l]) {
      for (const w of windowCells(g, c.y, c.x)) if (w.inside) below.set(key(w), { y: w.y, x: w.x });
    }
    result[l - 1] = sorted(below);
  }
  return result;
}

/**
 * The opposite direction: the cells at every level from `level` up to the top that input cell `cell`
 * of that level reaches. result[level] is [cell]; levels below `level` are empty arrays.
 */
export function traceInfluence(stack: WindowGeometry[], level: number, cell: Cell): Cell[][] {
  if (!Number.isInteger(level) || level < 0 || level > stack.length) throw new RangeError(`There is no level ${level}: the stack has levels 0–${stack.length}.`);
  const result: Cell[][] = Array.from({ length: stack.length + 1 }, () => []);
  result[level] = [cell];
  for (let l = level; l < stack.length; l++) {
    const g = stack[l];
    const readers = readersOfInput(g);
    const above = new Map<string, Cell>();
    for (const c of result[l]) {
      for (const flat of readers[c.y * g.inW + c.x] ?? []) {
        const up = { y: Math.floor(flat / g.outW), x: flat % g.outW };
        above.set(key(up), up);
      }
    }
    result[l + 1] = sorted(above);
  }
  return result;
}

/**
 * Receptive-field size and jump (distance in input cells between neighbouring outputs) after each layer,
 * by the usual recurrence r ← r + (F − 1)·j, j ← j·S, starting from r = 1, j = 1 on the input.
 */
export function receptiveFieldSizes(layers: StackLayer[]): { size: number; jump: number }[] {
  let r = 1;
  let j = 1;
  return layers.map((l) => {
    const s = l.stride ?? (l.kind === 'pool' ? l.kernel : 1);
    r += (l.kernel - 1) * j;
    j *= s;
    return { size: r, jump: j };
  });
}

/**
 * Weights of the convolutions in a stack when every layer keeps C channels in and out (no biases):
 * F·F·C·C per convolution layer; pooling has none. Compare three 3×3 layers (3·9C²) with one 7×7 (49C²).
 */
export function stackWeights(layers: StackLayer[], channels: number): number {
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`The number of channels must be a whole number of at least 1, not ${channels}.`);
  return layers.reduce((sum, l) => sum + (l.kind === 'conv' ? l.kernel * l.kernel * channels * channels : 0), 0);
}
