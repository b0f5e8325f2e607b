// MNIST for the CNN lessons: parse public/data/mnist.bin (built by scripts/build-mnist.mjs),
// fetch it with progress, split it 8,000 / 2,000 with a seeded shuffle, and batch it to tensors.
import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffledIndices } from './random';

/** A set of grey-scale digits, kept as bytes (8 KB per 10 images) until a batch needs floats. */
export interface MnistSet {
  count: number;
  rows: number;
  cols: number;
  /** `[count]`, digits 0..9. */
  labels: Uint8Array;
  /** `[count, rows, cols]` row-major, 0 (black) .. 255 (white ink). */
  pixels: Uint8Array;
}

export const MNIST_MAGIC = 'CLMN';
export const MNIST_HEADER_BYTES = 16;
export const NUM_CLASSES = 10;

/** FNV-1a 32-bit hash; scripts/build-mnist.mjs stores it in the header. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Total file size the header announces, or null when `head` is too short or not ours. */
export function mnistFileSize(head: Uint8Array): number | null {
  if (head.length < MNIST_HEADER_BYTES) return null;
  if (String.fromCharCode(head[0], head[1], head[2], head[3]) !== MNIST_MAGIC) return null;
  const view = new DataView(head.buffer, head.byteOffset, MNIST_HEADER_BYTES);
  const count = view.getUint32(4, true);
  return MNIST_HEADER_BYTES + count + count * view.getUint16(8, true) * view.getUint16(10, true);
}

/** Parses mnist.bin (Node `readFileSync(...).buffer` or a browser fetch), checking its hash. */
export function parseMnist(buffer: ArrayBuffer | Uint8Array): MnistSet {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const size = mnistFileSize(bytes);
  if (size === null) throw new TypeError(`not an MNIST file from scripts/build-mnist.mjs (no '${MNIST_MAGIC}' header)`);
  if (bytes.length !== size) throw new RangeError(`MNIST file is ${bytes.length} bytes, its header promises ${size}: incomplete download?`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, MNIST_HEADER_BYTES);
  const count = view.getUint32(4, true);
  const payload = bytes.subarray(MNIST_HEADER_BYTES);
  if (fnv1a(payload) !== view.getUint32(12, true)) throw new RangeError('MNIST file is corrupted: its checksum does not match');
  const labels = payload.slice(0, count);
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0) throw new RangeError(`MNIST label ${bad} is ${labels[bad]}, not a digit 0..9`);
  return { count, rows: view.getUint16(8, true), cols: view.getUint16(10, true), labels, pixels: payload.slice(count) };
}

/**
 * Downloads and parses mnist.bin, reporting progress 0..1. The total comes from the file's own
 * header, so progress stays right when the server compresses (Content-Length is then wrong).
 */
export async function fetchMnist(url: string, onProgress?: (fraction: number) => void, fetchImpl: typeof fetch = fetch): Promise<MnistSet> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`could not load the MNIST digits from ${url}: HTTP ${response.status}`);
  if (!response.body) {
    const set = parseMnist(await response.arrayBuffer());
    onProgress?.(1);
    return set;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let total: number | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total === null) total = mnistFileSize(chunks.length === 1 ? value : concat(chunks, received));
    if (total) onProgress?.(Math.min(1, received / total));
  }
  const set = parseMnist(concat(chunks, received));
  onProgress?.(1);
  return set;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** The images at `indices`, copied into a new set (in that order). */
export function subset(set: MnistSet, indices: ArrayLike<number>): MnistSet {
  const size = set.rows * set.cols;
  const labels = new Uint8Array(indices.length);
  const pixels = new Uint8Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (!(j >= 0 && j < set.count)) throw new RangeError(`image ${j} does not exist: the set has ${set.count}`);
    labels[i] = set.labels[j];
    pixels.set(set.pixels.subarray(j * size, (j + 1) * size), i * size);
  }
  return { count: indices.length, rows: set.rows, cols: set.cols, labels, pixels };
}

export const SPLIT_SEED = 20240607;

/** The fixed split every lesson uses: a seeded shuffle, the first `trainCount` train, the rest test. */
export function splitMnist(set: MnistSet, trainCount = 8000, testCount = set.count - trainCount, seed = SPLIT_SEED): { train: MnistSet; test: MnistSet } {
  if (trainCount + testCount > set.count) {
    throw new RangeError(`cannot split ${set.count} digits into ${trainCount} for training and ${testCount} for testing`);
  }
  const order = shuffledIndices(set.count, mulberry32(seed));
  return {
    train: subset(set, order.subarray(0, trainCount)),
    test: subset(set, order.subarray(trainCount, trainCount + testCount)),
  };
}

/** Image `i` as floats `[rows * cols]`, values 0..1. */
export function imageAt(set: MnistSet, i: number): Float32Array {
  const size = set.rows * set.cols;
  return Float32Array.from(set.pixels.subarray(i * size, (i + 1) * size), (p) => p / 255);
}

/**
 * A batch as tensors, owned by the caller: `xs` `[n, rows, cols, 1]` values 0..1 and
 * `ys` `[n, 10]` one-hot labels, for the images at `indices`.
 */
export function batchTensors(set: MnistSet, indices: ArrayLike<number>): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const size = set.rows * set.cols;
  const n = indices.length;
  const x = new Float32Array(n * size);
  const y = new Float32Array(n * NUM_CLASSES);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    const src = set.pixels.subarray(j * size, (j + 1) * size);
    for (let p = 0; p < size; p++) x[i * size + p] = src[p] / 255;
    y[i * NUM_CLASSES + set.labels[j]] = 1;
  }
  return { xs: tf.tensor4d(x, [n, set.rows, set.cols, 1]), ys: tf.tensor2d(y, [n, NUM_CLASSES]) };
}

/** Index of the image equal to `pixels` (values 0..1, within half a grey level), or -1. */
export function findImage(set: MnistSet, pixels: ArrayLike<number>): number {
  const size = set.rows * set.cols;
  if (pixels.length !== size) throw new RangeError(`an image has ${size} pixels, not ${pixels.length}`);
  outer: for (let i = 0; i < set.count; i++) {
    const offset = i * size;
    for (let p = 0; p < size; p++) {
      if (Math.abs(set.pixels[offset + p] - pixels[p] * 255) > 0.5) continue outer;
    }
    return i;
  }
  return -1;
}

/** One disagreement found by `checkLabels`. */
export interface LabelMismatch {
  expected: number;
  /** The label stored with the matching image, or null when no image matched at all. */
  found: number | null;
}

/**
 * Label/image agreement: for each reference digit (e.g. straight from the `mnist` package),
 * find its image in `set` by pixels and check the label stored with it.
 */
export function checkLabels(set: MnistSet, references: { label: number; pixels: ArrayLike<number> }[]): LabelMismatch[] {
  const mismatches: LabelMismatch[] = [];
  for (const ref of references) {
    const i = findImage(set, ref.pixels);
    if (i < 0) mismatches.push({ expected: ref.label, found: null });
    else if (set.labels[i] !== ref.label) mismatches.push({ expected: ref.label, found: set.labels[i] });
  }
  return mismatches;
}
