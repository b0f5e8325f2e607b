// Applying a kernel to a kept image: the general route (tf.depthwiseConv2d per channel, then the
// display mapping), and fast routes to RGBA floats for the canvas, chosen per backend. Measured here
// (scripts/bench-filter.ts): on WebAssembly every new kernel makes XNNPACK build a new convolution
// operator whose indirection buffer holds one pointer per pixel per kernel tap (2.4 M for 3×3 on
// 512×512), and rebuilding it costs more than the arithmetic. So, besides plain depthwise:
//  - "tap planes" (wasm, 3×3, still images): the nine shifted copies of the image, made once per image
//    with tf.depthwiseConv2d and one-hot kernels, times the nine weights. One matrix product whose big
//    operand never changes, so XNNPACK keeps its packed copy and builds no indirection buffer at all.
//  - "separable" (CPU backends, 5×5 and 7×7 of rank ≤ 2: box, Gaussian, edge): a column pass and a row
//    pass of depthwise convolution, n pointers per pixel each instead of n².
//  - "direct": one depthwise convolution over R, G, B and an alpha channel whose kernel is the
//    identity, so the result is RGBA already (padding a channel on is slow on wasm).
// Fast routes return [1, H, W, 4] (alpha 255, colours not yet clipped); everything runs inside tf.tidy.
import * as tf from '@tensorflow/tfjs';
import type { DisplayMode } from './imageFilters';
import type { FilterSpec } from './imagePipeline';

export type FastPath = 'planes' | 'separable' | 'direct';

/** The session's lazily made, kept tensors (see ImageSession.keepAs). */
export type Keeper = (key: string, make: () => tf.Tensor) => tf.Tensor;

/** Largest image (in pixels) for tap planes: nine copies of 640×640 RGBA are 59 MB. */
const MAX_PLANE_PIXELS = 640 * 640;

export function choosePath(backend: string, n: number, weights: number[][], live: boolean, pixels: number): FastPath {
  if (backend === 'wasm' && n === 3 && !live && pixels <= MAX_PLANE_PIXELS) return 'planes';
  if ((backend === 'wasm' || backend === 'cpu') && n >= 5 && lowRank(weights)) return 'separable';
  return 'direct';
}

/**
 * An exact factorisation K = Σ u_k v_kᵀ with at most two terms (elimination with full pivoting,
 * float64), or null when the kernel has rank 3 or more. Box and Gaussian kernels have rank 1, edge rank 2.
 */
export function lowRank(weights: number[][]): { u: number[]; v: number[] }[] | null {
  const n = weights.length;
  const r = weights.map((row) => [...row]);
  const scale = Math.max(...r.flat().map(Math.abs));
  const terms: { u: number[]; v: number[] }[] = [];
  for (;;) {
    let p = 0, q = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Math.abs(r[i][j]) > Math.abs(r[p][q])) [p, q] = [i, j];
    if (Math.abs(r[p][q]) <= 1e-12 * scale) return terms;
    if (terms.length === 2) return null;
    const u = r.map((row) => row[q] / r[p][q]);
    const v = [...r[p]];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) r[i][j] -= u[i] * v[j];
    terms.push({ u, v });
  }
}

/** A [n, n, 4, 1] depthwise filter: the kernel on R, G, B and the identity on alpha. */
function rgbaFilter(k: tf.Tensor2D): tf.Tensor4D {
  const n = k.shape[0];
  const identity = tf.tensor3d(Array.from({ length: n * n }, (_, i) => (i === (n * n - 1) / 2 ? 1 : 0)), [n, n, 1]);
  return tf.concat([k.expandDims(2).tile([1, 1, 3]), identity], 2).expandDims(3) as tf.Tensor4D;
}

export function direct(rgba: tf.Tensor4D, k: tf.Tensor2D): tf.Tensor4D {
  return tf.depthwiseConv2d(rgba, rgbaFilter(k), 1, 'same');
}

/** Column pass (u_k) then row pass (v_k / divisor) per term, terms summed; alpha passes through term 0. */
export function separable(rgba: tf.Tensor4D, terms: { u: number[]; v: number[] }[], divisor: number): tf.Tensor4D {
  const n = terms[0].u.length, r = terms.length, [, H, W] = rgba.shape;
  const centre = Array.from({ length: n }, (_, i) => (i === (n - 1) / 2 ? 1 : 0));
  const alpha = (k: number) => (k === 0 ? centre : new Array(n).fill(0));
  // Layout [c, term, tap]: the colour channels use the factors, alpha is copied through term 0.
  const layout = (pick: (t: { u: number[]; v: number[] }) => number[]) =>
    tf.tensor3d([...[0, 1, 2].flatMap(() => terms.flatMap(pick)), ...terms.flatMap((_, k) => alpha(k))], [4, r, n]);
  const cols = layout((t) => t.u);
  const rows = layout((t) => t.v);
  const colFilter = cols.transpose([2, 0, 1]).reshape([n, 1, 4, r]) as tf.Tensor4D;
  const rowScale = tf.tensor1d([1 / divisor, 1 / divisor, 1 / divisor, 1]).reshape([4, 1, 1]);
  const rowFilter = rows.mul(rowScale).reshape([4 * r, n]).transpose().reshape([1, n, 4 * r, 1]) as tf.Tensor4D;
  const out = tf.depthwiseConv2d(tf.depthwiseConv2d(rgba, colFilter, 1, 'same'), rowFilter, 1, 'same');
  return r === 1 ? out : (out.reshape([1, H, W, 4, r]).sum(4) as tf.Tensor4D);
}

/** The nine shifted copies of an RGBA image with alpha 0, [9, H·W·4]. Make it once and keep it. */
export function tapPlanes(rgb0: tf.Tensor4D): tf.Tensor2D {
  const planes = Array.from({ length: 9 }, (_, t) => {
    const oneHot = tf.oneHot([t], 9).reshape([3, 3, 1, 1]).tile([1, 1, 4, 1]).toFloat() as tf.Tensor4D;
    return tf.depthwiseConv2d(rgb0, oneHot, 1, 'same').reshape([-1]);
  });
  return tf.stack(planes, 0) as tf.Tensor2D;
}

/** [weights of each kernel as rows] × planes (+ alpha 255): RGBA, or for two kernels √(a² + b²). */
export function fromPlanes(planes: tf.Tensor2D, alpha: tf.Tensor1D, kernels: tf.Tensor2D[], [H, W]: [number, number]): tf.Tensor4D {
  const w = tf.stack(kernels.map((k) => k.reshape([9])), 0) as tf.Tensor2D;
  if (kernels.length === 1) return tf.fused.matMul({ a: w, b: planes, bias: alpha }).reshape([1, H, W, 4]);
  return tf.matMul(w, planes).square().sum(0).sqrt().add(alpha).reshape([1, H, W, 4]);
}

/** 255 at every alpha position of a flattened [H, W, 4] image, 0 elsewhere. */
export function alphaVector(pixels: number): tf.Tensor1D {
  return tf.tensor1d([0, 0, 0, 255]).tile([pixels]) as tf.Tensor1D;
}

/** weights / divisor as a [n, n] tensor. Use inside tf.tidy. */
export function kernel2d(spec: FilterSpec): tf.Tensor2D {
  const n = spec.weights.length;
  return tf.tensor2d(spec.weights.flat(), [n, n]).div(spec.divisor ?? 1);
}

/** Per-channel filtering ('same' zero padding): [1, H, W, C] → [1, H, W, C]. Use inside tf.tidy. */
export function filterImage(src: tf.Tensor4D, spec: FilterSpec): tf.Tensor4D {
  const [, H, W, C] = src.shape;
  const k = kernel2d(spec);
  const stack = spec.magnitude ? tf.stack([k, k.transpose()], 2) : k.expandDims(2); // [n, n, M]
  const filter = stack.expandDims(2).tile([1, 1, C, 1]) as tf.Tensor4D; // [n, n, C, M]
  const out = tf.depthwiseConv2d(src, filter, 1, 'same');
  if (!spec.magnitude) return out;
  // Channel multiplier 2: outputs come as (c, kernel) pairs; a² + b² per channel, then the root.
  return out.reshape([1, H, W, C, 2]).square().sum(4).sqrt() as tf.Tensor4D;
}

/** How filtered values become bytes 0…255. `exact`: clip here (else the caller's Uint8ClampedArray does). Use inside tf.tidy. */
export function toDisplay(raw: tf.Tensor, mode: DisplayMode, exact = true): tf.Tensor {
  const shown = mode === 'clamp' ? raw : mode === 'abs' ? raw.abs() : rescale(raw, tf.stack([raw.min(), raw.max()]));
  return exact ? shown.clipByValue(0, 255) : shown;
}

/** (v − min) · 255 / (max − min), with range = [min, max]; a flat result maps to 0. */
export function rescale(v: tf.Tensor, range: tf.Tensor): tf.Tensor {
  const [lo, hi] = tf.unstack(range);
  return v.sub(lo).mul(tf.scalar(255).div(hi.sub(lo).maximum(1e-6)));
}

/**
 * [1, H, W, 3 or 1] → [1, H, W, 4]: grey copied to R, G and B, alpha 255 (or `alpha`). A 1×1
 * convolution with a bias (weights 1 and 0: exact), because padding or tiling the channel axis is
 * slow on WebAssembly (measured: tile + pad ≈ 130 ms for 512×512, this ≈ 5–10 ms). Use inside tf.tidy.
 */
export function withAlpha(shown: tf.Tensor, alpha = 255): tf.Tensor4D {
  const x = shown as tf.Tensor4D;
  if (x.shape[3] === 4) return x;
  const bias = tf.tensor1d([0, 0, 0, alpha]);
  if (x.shape[3] === 1) return tf.fused.depthwiseConv2d({ x, filter: tf.tensor4d([1, 1, 1, 0], [1, 1, 1, 4]), bias, strides: 1, pad: 'valid' });
  return tf.fused.conv2d({ x, filter: tf.eye(3, 4).reshape([1, 1, 3, 4]) as tf.Tensor4D, bias, strides: 1, pad: 'valid' });
}
