// Plain nested arrays in, plain nested arrays out: validation with student-readable messages, and
// the conversions between the slides' channels-first layout and tfjs' NHWC tensors.
import * as tf from '@tensorflow/tfjs';

/** A volume as on the slides: `volume[c][y][x]`. */
export type Volume = number[][][];
/** A bank of filters: `filters[k][c][dy][dx]`. */
export type FilterBank = number[][][][];
/** A matrix: `m[row][col]`. */
export type Matrix = number[][];

/** Largest magnitude accepted, so that no product or sum can overflow float32 into Infinity or NaN. */
export const MAX_ABS_VALUE = 1e15;

function describeIndex(path: number[]): string {
  return path.map((i) => `[${i}]`).join('');
}

/**
 * Checks a nested array of numbers with `depth` levels is rectangular and finite; returns its shape.
 * Throws TypeError for ragged arrays and values that are not numbers, RangeError for empty ones.
 */
export function checkNested(value: unknown, depth: number, name: string): number[] {
  const shape: number[] = [];
  const walk = (v: unknown, level: number, path: number[]): void => {
    if (level === depth) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const shown = typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v);
        throw new TypeError(`${name}${describeIndex(path)} is ${shown}, which is not a finite number.`);
      }
      if (Math.abs(v) > MAX_ABS_VALUE) {
        throw new RangeError(`${name}${describeIndex(path)} is ${v}: numbers larger than ${MAX_ABS_VALUE} in size are not accepted.`);
      }
      return;
    }
    if (!Array.isArray(v)) {
      throw new TypeError(`${name}${describeIndex(path)} should be a list (${depth - level} more levels of nesting), not ${JSON.stringify(v)}.`);
    }
    if (v.length === 0) throw new RangeError(`${name}${describeIndex(path)} is empty.`);
    if (shape[level] === undefined) shape[level] = v.length;
    else if (shape[level] !== v.length) {
      throw new TypeError(
        `${name} is ragged: ${name}${describeIndex(path)} has ${v.length} entries where the others have ${shape[level]}.`,
      );
    }
    v.forEach((item, i) => walk(item, level + 1, [...path, i]));
  };
  walk(value, 0, []);
  return shape;
}

/** Flattens a rectangular nested array in row-major order. */
export function flatten(value: unknown, size: number): Float32Array {
  const out = new Float32Array(size);
  let i = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else out[i++] = v as number;
  };
  walk(value);
  return out;
}

/** `[c][y][x]` → tensor `[1, H, W, C]`. Caller owns the tensor (use inside tf.tidy). */
export function volumeToNHWC(volume: Volume, shape: number[]): tf.Tensor4D {
  const [c, h, w] = shape;
  return tf.tensor3d(flatten(volume, c * h * w), [c, h, w]).transpose<tf.Tensor3D>([1, 2, 0]).expandDims<tf.Tensor4D>(0);
}

/** `[k][c][dy][dx]` → tensor `[fh, fw, C, K]`, the layout tf.conv2d expects. Caller owns it. */
export function filtersToHWCK(filters: FilterBank, shape: number[]): tf.Tensor4D {
  const [k, c, h, w] = shape;
  return tf.tensor4d(flatten(filters, k * c * h * w), [k, c, h, w]).transpose<tf.Tensor4D>([2, 3, 1, 0]);
}

/** Reads a `[1, H, W, C]` tensor back as `[c][y][x]`, disposing it. Non-finite results throw. */
export async function nhwcToVolume(t: tf.Tensor4D): Promise<Volume> {
  const chw = tf.tidy(() => t.squeeze<tf.Tensor3D>([0]).transpose<tf.Tensor3D>([2, 0, 1]));
  t.dispose();
  const out = (await readChecked(chw)) as Volume;
  return out;
}

/**
 * Reads any tensor as nested arrays (one read-back), disposing it. Throws rather than hand NaN or
 * Infinity to a page, and turns −0 into 0 so no page ever prints "−0".
 */
export async function readChecked(t: tf.Tensor): Promise<unknown> {
  try {
    const data = await t.data();
    const shape = t.shape;
    const nest = (offset: number, level: number): unknown => {
      if (level === shape.length) {
        const v = data[offset];
        if (!Number.isFinite(v)) throw new RangeError('The result overflowed (a value became infinite or not a number): use smaller numbers.');
        return v === 0 ? 0 : v;
      }
      const stride = shape.slice(level + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: shape[level] }, (_, i) => nest(offset + i * stride, level + 1));
    };
    return nest(0, 0);
  } finally {
    t.dispose();
  }
}

/** Checks a volume `[c][y][x]`; returns `[C, H, W]`. */
export function checkVolume(value: unknown, name = 'input'): [number, number, number] {
  const shape = checkNested(value, 3, name);
  return [shape[0], shape[1], shape[2]];
}

/** Checks a filter bank `[k][c][dy][dx]`; returns `[K, C, FH, FW]`. */
export function checkFilters(value: unknown, name = 'filters'): [number, number, number, number] {
  const shape = checkNested(value, 4, name);
  return [shape[0], shape[1], shape[2], shape[3]];
}

/** Checks an optional bias against K filters. */
export function checkBias(bias: unknown, k: number): number[] | undefined {
  if (bias === undefined) return undefined;
  const [n] = checkNested(bias, 1, 'bias');
  if (n !== k) throw new RangeError(`There are ${k} filters but ${n} bias values: give one bias per filter.`);
  return bias as number[];
}
