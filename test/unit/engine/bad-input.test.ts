// Bad input gets a sentence a student understands (TypeError/RangeError), never NaN, never a leak.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, convTranspose2d, im2col, initEngine, matMul, outputSize, pool2d, toeplitz, windowProducts } from '../../../src/engine';

const x = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]];
const k = [[[[1, 0], [0, 1]]]];

beforeAll(async () => {
  await initEngine();
});

async function rejects(p: () => Promise<unknown>, type: typeof TypeError | typeof RangeError, pattern: RegExp) {
  const before = tf.memory().numTensors;
  let error: unknown;
  try {
    await p();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(pattern);
  expect(tf.memory().numTensors).toBe(before);
}

describe('conv2d rejects', () => {
  it('a ragged input', () => rejects(() => conv2d([[[1, 2], [3]]], k), TypeError, /ragged.*input\[0\]\[1\] has 1 entries/));
  it('a cell that is not a number', () => rejects(() => conv2d([[[1, 'a' as unknown as number], [3, 4]]], k), TypeError, /input\[0\]\[0\]\[1\] is "a", which is not a finite number/));
  it('NaN and Infinity', async () => {
    await rejects(() => conv2d([[[1, NaN], [3, 4]]], k), TypeError, /NaN/);
    await rejects(() => conv2d(x, [[[[Infinity]]]]), TypeError, /filters\[0\]\[0\]\[0\]\[0\] is Infinity/);
  });
  it('an empty input', () => rejects(() => conv2d([], k), RangeError, /input is empty/));
  it('a kernel larger than the padded input', () => rejects(() => conv2d(x, [[[[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]]]), RangeError, /4×4 kernel is larger than the padded 3×3 input/));
  it('channel counts that do not match', () => rejects(() => conv2d(x, [[[[1]], [[1]]]]), RangeError, /input has 1 channel but the filters have 2/));
  it('stride 0 and fractional strides', async () => {
    await rejects(() => conv2d(x, k, { stride: 0 }), RangeError, /stride must be at least 1/);
    await rejects(() => conv2d(x, k, { stride: 1.5 }), RangeError, /whole number/);
  });
  it('negative padding and unknown padding words', async () => {
    await rejects(() => conv2d(x, k, { padding: -1 }), RangeError, /padding must be at least 0/);
    await rejects(() => conv2d(x, k, { padding: 'full' as 'same' }), TypeError, /'same' or 'valid'/);
  });
  it('a bias of the wrong length', () => rejects(() => conv2d(x, k, { bias: [1, 2] }), RangeError, /1 filters but 2 bias values/));
  it('values so large they would overflow', () => rejects(() => conv2d([[[1e16]]], [[[[1]]]]), RangeError, /larger than/));
  it('values at the bound are accepted and give a finite result', async () => {
    const [[[v]]] = await conv2d([[[1e15, 1e15]]], [[[[1e15, 1e15]]]]);
    expect(v).toBeGreaterThan(1.9e30);
    expect(Number.isFinite(v)).toBe(true);
  });
});

describe('the other operations reject bad input too', () => {
  it('pool2d: unknown mode, window larger than input, stride 0', async () => {
    await rejects(() => pool2d(x, { size: 2, mode: 'median' as 'max' }), TypeError, /'max', 'avg' or 'l2'/);
    await rejects(() => pool2d(x, { size: 4, mode: 'max' }), RangeError, /larger than/);
    await rejects(() => pool2d(x, { size: 2, stride: 0, mode: 'avg' }), RangeError, /at least 1/);
  });
  it('im2col: kernel 0, huge matrices', async () => {
    await rejects(() => im2col(x, { kernel: 0 }), RangeError, /kernel height must be at least 1/);
    const big = [Array.from({ length: 300 }, () => new Array(300).fill(1))];
    await rejects(() => im2col(big, { kernel: 7 }), RangeError, /limit is/);
  });
  it('toeplitz: wrong input shape, channel mismatch', async () => {
    await rejects(() => toeplitz(k, [1, 3] as unknown as [number, number, number]), TypeError, /\[C, H, W\]/);
    await rejects(() => toeplitz(k, [2, 3, 3]), RangeError, /2 channels but the filters have 1/);
  });
  it('convTranspose2d: channel mismatch, over-cropping, output padding ≥ stride', async () => {
    await rejects(() => convTranspose2d([[[1]], [[2]]], k), RangeError, /2 channels but there are 1 filters/);
    await rejects(() => convTranspose2d([[[1]]], k, { padding: 1 }), RangeError, /crops away/);
    await rejects(() => convTranspose2d([[[1]]], k, { stride: 2, outputPadding: 2 }), RangeError, /smaller than the stride/);
  });
  it('matMul: inner sizes that differ', () => rejects(() => matMul([[1, 2]], [[1, 2]]), RangeError, /inner sizes must match/));
  it('windowProducts: a filter that does not exist', () => rejects(() => windowProducts(x, k, { filter: 3 }), RangeError, /no filter 3/));
  it('outputSize: the same rules, synchronously', () => {
    expect(() => outputSize(5, 7, 0, 1)).toThrow(/does not fit in a 5-wide input/);
    expect(() => outputSize(5, 3, 0, 0)).toThrow(/at least 1/);
    expect(outputSize(5, 7, 1, 1)).toEqual({ size: 1, exact: 1, fits: true });
  });
});
