// Trained weights as plain data (Float32Array + shape) and as a JSON file with base64 float32
// (public/models/default-mnist.json, IndexedDB snapshots): encoding, decoding, checking.
import { describeModel, type ModelSpec } from './model';

/** One trainable tensor, e.g. `conv1/kernel` of shape `[5, 5, 1, 8]`. */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Everything needed to rebuild a trained model: the architecture and its weights. */
export interface ModelWeights {
  spec: ModelSpec;
  weights: NamedWeight[];
}

/** How a saved model was trained (all plain data, no dates: reruns give identical files). */
export interface TrainingRecord {
  seed: number;
  optimizer: string;
  /** The rate the run started with; `schedule` lists every change, by epoch (1-based). */
  learningRate: number;
  schedule?: { fromEpoch: number; learningRate: number }[];
  batchSize: number;
  epochs: number;
  trainCount: number;
  testCount: number;
  testAccuracy: number;
  backend: string;
}

/** The JSON file format. Little-endian float32, base64-encoded, one entry per tensor. */
export interface ModelFile {
  format: 'convlab-cnn';
  version: 1;
  spec: ModelSpec;
  params: number;
  training?: TrainingRecord;
  weights: { name: string; shape: number[]; base64: string }[];
}

/** Names and shapes `spec` needs, in order: `conv1/kernel`, `conv1/bias`, … */
export function expectedWeightShapes(spec: ModelSpec): { name: string; shape: number[] }[] {
  return describeModel(spec).layers.flatMap((layer) =>
    layer.weightShapes.map((shape, j) => ({ name: `${layer.name}/${j === 0 ? 'kernel' : 'bias'}`, shape })));
}

/** Throws a RangeError naming the first tensor that does not fit `weights.spec`. */
export function checkWeights(weights: ModelWeights): void {
  const expected = expectedWeightShapes(weights.spec);
  if (expected.length !== weights.weights.length) {
    throw new RangeError(`this architecture has ${expected.length} weight tensors, the saved model ${weights.weights.length}`);
  }
  expected.forEach((want, i) => {
    const got = weights.weights[i];
    const size = want.shape.reduce((a, b) => a * b, 1);
    if (got.name !== want.name || got.shape.join() !== want.shape.join() || got.values.length !== size) {
      throw new RangeError(`weight ${i + 1} should be ${want.name} [${want.shape}], found ${got.name} [${got.shape}] with ${got.values.length} values`);
    }
  });
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function floatsToBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function bytesToFloats(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`${bytes.length} bytes is not a whole number of float32 values`);
  if (littleEndian) return new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** Weights → JSON-ready object (stable key order, so identical weights give identical text). */
export function encodeModelFile(weights: ModelWeights, training?: TrainingRecord): ModelFile {
  checkWeights(weights);
  return {
    format: 'convlab-cnn',
    version: 1,
    spec: weights.spec,
    params: describeModel(weights.spec).totalParams,
    ...(training ? { training } : {}),
    weights: weights.weights.map((w) => ({ name: w.name, shape: w.shape, base64: bytesToBase64(floatsToBytes(w.values)) })),
  };
}

/** The file's text: 2-space JSON with short arrays (shapes) on one line, ending in a newline. */
export function formatModelFile(file: ModelFile): string {
  const text = JSON.stringify(file, null, 2);
  return `${text.replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`)}\n`;
}

/** Parsed JSON → weights, checked against the architecture it declares. */
export function decodeModelFile(file: unknown): ModelWeights & { training?: TrainingRecord } {
  const f = file as Partial<ModelFile> | null;
  if (f?.format !== 'convlab-cnn' || f.version !== 1 || !f.spec || !Array.isArray(f.weights)) {
    throw new TypeError('not a ConvLab model file (expected format "convlab-cnn", version 1)');
  }
  const decoded = {
    spec: f.spec,
    weights: f.weights.map((w) => ({ name: w.name, shape: w.shape, values: bytesToFloats(base64ToBytes(w.base64)) })),
  };
  checkWeights(decoded);
  return f.training ? { ...decoded, training: f.training } : decoded;
}
