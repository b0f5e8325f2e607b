// The wasm training kernels: what wasm lacks, the Conv2DBackpropFilter we add (against the cpu
// backend and a plain-loop formula), whole-network gradients, and the kernel list's completeness.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { batchTensors } from '../../../src/engine/cnn/mnistData';
import { buildModel, DEFAULT_SPEC, lenetSpec } from '../../../src/engine/cnn/model';
import { mulberry32 } from '../../../src/engine/cnn/random';
import { createTrainer, type OptimizerName } from '../../../src/engine/cnn/trainer';
import { missingTrainingKernels, registerWasmTrainingKernels, TRAINING_KERNELS } from '../../../src/engine/cnn/wasmBackpropFilter';
import { firstN, mnistSplit } from './helpers';

type Pad = 'valid' | 'same' | number | [[0, 0], [number, number], [number, number], [0, 0]];
type Shape4 = [number, number, number, number];

/** dW[fh,fw,ci,co] = Σ x[n, y·s+fh−top, x·s+fw−left, ci] · dy[n,y,x,co], straight from the definition. */
function plainFilterGrad(x: Float32Array, xs: Shape4, dy: Float32Array, dys: Shape4, fs: Shape4, s: number, top: number, left: number) {
  const [N, H, W, CI] = xs;
  const [, OH, OW, CO] = dys;
  const [FH, FW] = fs;
  const out = new Float64Array(FH * FW * CI * CO);
  for (let fh = 0; fh < FH; fh++) for (let fw = 0; fw < FW; fw++) for (let ci = 0; ci < CI; ci++) for (let co = 0; co < CO; co++) {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let y = 0; y < OH; y++) for (let xx = 0; xx < OW; xx++) {
      const r = y * s + fh - top;
      const c = xx * s + fw - left;
      if (r < 0 || r >= H || c < 0 || c >= W) continue;
      sum += x[((n * H + r) * W + c) * CI + ci] * dy[((n * OH + y) * OW + xx) * CO + co];
    }
    out[((fh * FW + fw) * CI + ci) * CO + co] = sum;
  }
  return out;
}

/** Gradient of Σ conv2d(x, f) · dy with respect to f, on the current backend. */
function filterGrad(x: Float32Array, xs: Shape4, f: Float32Array, fs: Shape4, dy: Float32Array, dys: Shape4, s: number, pad: Pad) {
  return tf.tidy(() => {
    const g = tf.grad((filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(tf.tensor4d(x, xs), filter as tf.Tensor4D, s, pad as 'same'), tf.tensor4d(dy, dys))));
    return g(tf.tensor4d(f, fs)).dataSync() as Float32Array;
  });
}

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>) {
  let scale = 1e-6;
  let err = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
  return err / scale;
}

describe('wasm training kernels', () => {
  it('wasm lacks only Conv2DBackpropFilter until we register it; cpu lacks nothing', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(missingTrainingKernels('cpu')).toEqual([]);
    expect(missingTrainingKernels('wasm')).toEqual(['Conv2DBackpropFilter']);
    expect(registerWasmTrainingKernels()).toEqual(['Conv2DBackpropFilter']);
    expect(registerWasmTrainingKernels()).toEqual([]); // idempotent
    expect(missingTrainingKernels('wasm')).toEqual([]);
  });

  it('Conv2DBackpropFilter on wasm equals cpu and the plain formula: random shapes, strides 1–2, valid/same/explicit padding', async () => {
    registerWasmTrainingKernels();
    const rand = mulberry32(42);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pads: Pad[] = ['valid', 'same', 'valid', 'same', 1, [[0, 0], [2, 0], [1, 2], [0, 0]]];
    let cases = 0;
    for (const stride of [1, 2]) {
      for (const pad of pads) {
        const kh = int(1, 4);
        // tfjs 4.22 sizes a numeric-padding output from the filter height alone (a wasm heap
        // overflow for non-square filters), so numeric padding gets square filters.
        const kw = typeof pad === 'number' ? kh : int(1, 4);
        const xs: Shape4 = [int(1, 3), int(kh + 1, 9), int(kw + 1, 9), int(1, 3)];
        const fs: Shape4 = [kh, kw, xs[3], int(1, 4)];
        const info = tf.backend_util.computeConv2DInfo(xs, fs, stride, 1, pad as 'same');
        const dys: Shape4 = [xs[0], info.outHeight, info.outWidth, fs[3]];
        const fill = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
        const x = fill(xs.reduce((a, b) => a * b));
        const f = fill(fs.reduce((a, b) => a * b));
        const dy = fill(dys.reduce((a, b) => a * b));
        const plain = plainFilterGrad(x, xs, dy, dys, fs, stride, info.padInfo.top, info.padInfo.left);
        await tf.setBackend('cpu');
        const cpu = filterGrad(x, xs, f, fs, dy, dys, stride, pad);
        await tf.setBackend('wasm');
        const before = tf.memory().numTensors;
        const dataIds = tf.engine().backend.numDataIds();
        const wasm = filterGrad(x, xs, f, fs, dy, dys, stride, pad);
        expect(tf.memory().numTensors).toBe(before);
        expect(tf.engine().backend.numDataIds()).toBe(dataIds); // no wasm memory left behind
        const where = `x [${xs}], filter [${fs}], stride ${stride}, pad ${JSON.stringify(pad)}`;
        expect(wasm.length, where).toBe(plain.length);
        expect(maxRelError(cpu, plain), `cpu vs formula, ${where}`).toBeLessThan(1e-5);
        expect(maxRelError(wasm, plain), `wasm vs formula, ${where}`).toBeLessThan(1e-5);
        expect(Math.max(...plain.map(Math.abs)), where).toBeGreaterThan(0.01);
        cases++;
      }
    }
    expect(cases).toBe(12);
  });

  it('returns a zero gradient, like cpu, when there are no output positions (empty dy)', async () => {
    // Called through the kernel directly: tfjs-wasm 4.22's own forward Conv2D corrupts its heap
    // when the filter is wider than the input, so the empty case cannot come from a forward pass.
    registerWasmTrainingKernels();
    const attrs = { strides: [2, 2], pad: 'valid', dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [1, 4, 3, 2] };
    const results: number[][] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      results.push(tf.tidy(() => {
        const x = tf.tensor4d(Float32Array.from({ length: 12 }, (_, i) => i), [1, 2, 2, 3]);
        const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: tf.zeros([1, 1, 0, 2]) }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
        expect(out.shape).toEqual([1, 4, 3, 2]);
        return Array.from(out.dataSync());
      }));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]).toEqual(new Array(24).fill(0));
    // The wasm backend is still healthy afterwards (an out-of-bounds write would corrupt it).
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });

  it('gives the whole default network the same gradients on wasm as on cpu (one MNIST batch)', async () => {
    registerWasmTrainingKernels();
    const batch = firstN(mnistSplit().train, 4);
    const grads: Float32Array[][] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const model = buildModel(DEFAULT_SPEC, 11);
      const { xs, ys } = batchTensors(batch, [0, 1, 2, 3]);
      grads.push(tf.tidy(() => {
        const { grads: g } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.forward(xs)) as tf.Scalar);
        return model.variables.map((v) => g[v.variable.name].dataSync() as Float32Array);
      }));
      tf.dispose([xs, ys]);
      model.dispose();
    }
    expect(grads[1]).toHaveLength(6);
    grads[0].forEach((cpu, i) => {
      expect(maxRelError(grads[1][i], cpu), `variable ${i}`).toBeLessThan(1e-4);
      expect(Math.max(...cpu.map(Math.abs)), `variable ${i}`).toBeGreaterThan(0);
    });
  });

  it('TRAINING_KERNELS lists every kernel a real training step, evaluation and feature maps run', async () => {
    await tf.setBackend('cpu');
    const train = firstN(mnistSplit().train, 8);
    const used = new Set<string>();
    // The kernels do not depend on filter counts: a 2-and-2-filter LeNet keeps the cpu quick.
    const spec = lenetSpec({ conv1Filters: 2, conv2Filters: 2 });
    for (const optimizer of ['sgd', 'momentum', 'adam'] as OptimizerName[]) {
      const trainer = createTrainer({ train, spec, optimizer, batchSize: 4 });
      await trainer.trainBatch();
      const profile = await tf.profile(async () => {
        await trainer.trainBatch();
        await trainer.evaluate(train);
        trainer.predict(new Float32Array(784));
        trainer.featureMaps(new Float32Array(784));
      });
      profile.kernelNames.forEach((k) => used.add(k));
      trainer.dispose();
    }
    // Names of custom-gradient scopes (e.g. softmaxCrossEntropy__op) are not kernels.
    const kernels = [...used].filter((k) => tf.getKernel(k, 'cpu') != null);
    expect(kernels).toContain('Conv2DBackpropFilter');
    expect(kernels.filter((k) => !TRAINING_KERNELS.includes(k))).toEqual([]);
  });
});
