// The optional XNNPACK Conv2DBackpropInput for wasm (registerWasmTrainingKernels({ fastBackpropInput })):
// input gradients equal the cpu backend's for strides 1 (ours) and 2 (tfjs's own, kept as fallback).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { lenetSpec } from '../../../src/engine/cnn/model';
import { mulberry32 } from '../../../src/engine/cnn/random';
import { createTrainer } from '../../../src/engine/cnn/trainer';
import { registerWasmTrainingKernels } from '../../../src/engine/cnn/wasmBackpropFilter';
import { firstN, mnistSplit } from './helpers';

type Pad = 'valid' | 'same' | number | [[0, 0], [number, number], [number, number], [0, 0]];
type Shape4 = [number, number, number, number];

/** Gradient of Σ conv2d(x, f) · dy with respect to x, on the current backend. */
function inputGrad(x: Float32Array, xs: Shape4, f: Float32Array, fs: Shape4, dy: Float32Array, dys: Shape4, s: number, pad: Pad) {
  return tf.tidy(() => {
    const g = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, tf.tensor4d(f, fs), s, pad as 'same'), tf.tensor4d(dy, dys))));
    return g(tf.tensor4d(x, xs)).dataSync() as Float32Array;
  });
}

describe('fast wasm Conv2DBackpropInput (opt-in)', () => {
  it('replaces the kernel once, and gives the cpu backend’s input gradients: strides 1–2, all paddings', async () => {
    await tf.setBackend('wasm');
    const original = tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc;
    expect(registerWasmTrainingKernels({ fastBackpropInput: true })).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput']);
    expect(registerWasmTrainingKernels({ fastBackpropInput: true })).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc).not.toBe(original);
    const rand = mulberry32(7);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pads: Pad[] = ['valid', 'same', 'same', 2, [[0, 0], [1, 0], [2, 1], [0, 0]]];
    for (const stride of [1, 2]) {
      for (const pad of pads) {
        const kh = int(1, 5);
        const kw = typeof pad === 'number' ? kh : int(1, 5); // see wasmKernels.test.ts on numeric padding
        const xs: Shape4 = [int(1, 3), int(kh + 1, 10), int(kw + 1, 10), int(1, 4)];
        const fs: Shape4 = [kh, kw, xs[3], int(1, 4)];
        const info = tf.backend_util.computeConv2DInfo(xs, fs, stride, 1, pad as 'same');
        const dys: Shape4 = [xs[0], info.outHeight, info.outWidth, fs[3]];
        const fill = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
        const [x, f, dy] = [fill(xs.reduce((a, b) => a * b)), fill(fs.reduce((a, b) => a * b)), fill(dys.reduce((a, b) => a * b))];
        await tf.setBackend('cpu');
        const cpu = inputGrad(x, xs, f, fs, dy, dys, stride, pad);
        await tf.setBackend('wasm');
        const dataIds = tf.engine().backend.numDataIds();
        const wasm = inputGrad(x, xs, f, fs, dy, dys, stride, pad);
        expect(tf.engine().backend.numDataIds()).toBe(dataIds);
        const scale = Math.max(...cpu.map(Math.abs));
        expect(scale).toBeGreaterThan(0.01);
        const where = `x [${xs}], filter [${fs}], stride ${stride}, pad ${JSON.stringify(pad)}`;
        expect(wasm.length, where).toBe(cpu.length);
        wasm.forEach((v, i) => expect(Math.abs(v - cpu[i]) / scale, where).toBeLessThan(1e-5));
      }
    }
  });

  it('trains a LeNet like cpu does (first 3 batches of 4)', async () => {
    registerWasmTrainingKernels({ fastBackpropInput: true });
    const train = firstN(mnistSplit().train, 64);
    const seq: number[][] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const trainer = createTrainer({ train, spec: lenetSpec({ conv1Filters: 4, conv2Filters: 8 }), seed: 4, optimizer: 'sgd', learningRate: 0.1, batchSize: 4 });
      const losses: number[] = [];
      for (let i = 0; i < 3; i++) losses.push((await trainer.trainBatch()).loss);
      seq.push(losses);
      trainer.dispose();
    }
    seq[0].forEach((cpu, i) => expect(seq[1][i]).toBeCloseTo(cpu, 4));
  });
});
