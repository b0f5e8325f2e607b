// The training client and session in Node (tfjs wasm): the request/reply protocol over a copying
// link and over a real MessagePort, metrics events while training, pause, no tensor growth,
// divergence, bad settings refused with the model kept, and the fallback when no worker starts.
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTraining, TrainingClient, workerLink, type WorkerLike } from '../../../src/engine/training/client';
import { DEFAULT_TRAINING_CONFIG } from '../../../src/engine/training/config';
import type { BatchEvent, RequestMessage, TrainingEvent } from '../../../src/engine/training/protocol';
import { serialiseError } from '../../../src/engine/training/protocol';
import { lenetSpec } from '../../../src/engine/cnn';
import { mnistSplit } from '../cnn/helpers';
import { nodeSession, OPTIONS, until } from './nodeSession';

const { test } = mnistSplit();
const testImages = (from: number, n: number) => Float32Array.from(test.pixels.subarray(from * 784, (from + n) * 784), (p) => p / 255);

describe('a session behind the client (main-thread link)', () => {
  const events: TrainingEvent[] = [];
  let client: TrainingClient;
  beforeAll(async () => {
    const started = await startTraining({ ...OPTIONS, forceMainThread: true, createLocalSession: (emit) => nodeSession(emit), onEvent: (e) => events.push(e) });
    client = started.client;
    expect(started.init.backend).toMatchObject({ backend: 'wasm', mode: 'main-thread' });
    expect(started.init.trainCount).toBe(8000);
    expect(started.init.testCount).toBe(2000);
    expect(started.init.model).toMatchObject({ origin: 'default', totalParams: 5994, diverged: false });
    expect(client.mode).toBe('main-thread');
    expect(client.fallbackReason).toMatch(/turned off/);
  });
  afterAll(() => client?.dispose());

  it('reported loading progress and the shipped model, with its first-layer filters', () => {
    expect(events.filter((e) => e.type === 'data-progress').map((e) => (e as { fraction: number }).fraction)).toEqual([0.5, 1]);
    const filters = events.find((e) => e.type === 'filters');
    expect(filters && filters.type === 'filters' && filters.kernel.shape).toEqual([5, 5, 1, 8]);
  });

  it('evaluates the shipped model: its recorded accuracy, and a misclassified list that agrees with the confusion matrix', async () => {
    const e = await client.evaluate('test', 1000);
    expect(e.count).toBe(2000);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.95);
    const offDiagonal = e.confusion.reduce((n, row, t) => n + row.reduce((m, c, p) => m + (p === t ? 0 : c), 0), 0);
    expect(e.misclassified.length).toBe(offDiagonal);
    expect(e.misclassified.length).toBe(Math.round((1 - e.accuracy) * 2000));
    for (const m of e.misclassified) {
      expect(m.predicted).not.toBe(m.label);
      expect(test.labels[m.index]).toBe(m.label);
      expect(e.confusion[m.label][m.predicted]).toBeGreaterThan(0);
    }
    const confidences = e.misclassified.map((m) => m.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('predicts probabilities that sum to 1 and name the right digit for most test images', async () => {
    const p = await client.predict(testImages(0, 20));
    expect(p.shape).toEqual([20, 10]);
    let right = 0;
    for (let i = 0; i < 20; i++) {
      const row = Array.from(p.values.subarray(i * 10, i * 10 + 10));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === test.labels[i]) right++;
    }
    expect(right).toBeGreaterThanOrEqual(18);
  });

  it('gives every layer’s feature maps for one digit, with LeNet’s shapes', async () => {
    const maps = await client.featureMaps(testImages(0, 1));
    expect(maps.map((m) => `${m.layer} ${m.shape.join('×')}`)).toEqual([
      'input 1×28×28×1', 'conv1 1×24×24×8', 'relu1 1×24×24×8', 'pool1 1×12×12×8',
      'conv2 1×8×8×16', 'relu2 1×8×8×16', 'pool2 1×4×4×16', 'dense1 1×10', 'softmax 1×10',
    ]);
    const relu = maps[2].values;
    expect(Math.min(...relu)).toBeGreaterThanOrEqual(0);
  });

  it('trains: batch events at batch rate, pause stops them, a checkpoint is emitted, and no tensor is left behind', async () => {
    const model = await client.configure({ ...DEFAULT_TRAINING_CONFIG, batchSize: 16 });
    expect(model).toMatchObject({ origin: 'new', step: 0, samplesSeen: 0 });
    const start = events.length;
    await client.start();
    await until(events.slice(start), () => events.slice(start).filter((e) => e.type === 'batch').length >= 5);
    const info = await client.pause();
    const batches = events.slice(start).filter((e): e is BatchEvent => e.type === 'batch');
    expect(batches.map((b) => b.step)).toEqual(batches.map((_, i) => i + 1));
    expect(batches.map((b) => b.samplesSeen)).toEqual(batches.map((_, i) => 16 * (i + 1)));
    expect(batches.every((b) => b.loss > 0 && b.accuracy >= 0 && b.accuracy <= 1 && b.samplesPerSec > 0)).toBe(true);
    expect(info.step).toBe(batches.length);
    const after = events.slice(start);
    expect(after.some((e) => e.type === 'running' && e.running)).toBe(true);
    expect(after.at(-2)).toMatchObject({ type: 'running', running: false });
    expect(after.at(-1)).toMatchObject({ type: 'checkpoint', info: { step: batches.length } });
    // Paused: several macrotasks later, no more batches.
    const count = events.length;
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(events.length).toBe(count);
    // The optimizer makes its slots on the first step; after that, more batches add no tensor.
    const before = (await client.memory()).numTensors;
    await client.start();
    await until(events.slice(count), () => events.slice(count).filter((e) => e.type === 'batch').length >= 5);
    await client.pause();
    expect((await client.memory()).numTensors).toBe(before);
  });

  it('refuses bad settings with a sentence and keeps the model as it was', async () => {
    const before = await client.weights();
    await expect(client.configure({ ...DEFAULT_TRAINING_CONFIG, batchSize: 0 })).rejects.toThrow(/batch size must be from 1/);
    await expect(client.tune({ learningRate: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(client.configure({ ...DEFAULT_TRAINING_CONFIG, spec: lenetSpec({ kernelSize: 13 }) })).rejects.toThrow(/does not fit/);
    const after = await client.weights();
    expect(after.info.step).toBe(before.info.step);
    expect(after.weights.weights[0].values).toEqual(before.weights.weights[0].values);
  });

  it('a new batch size keeps the weights; reset brings back the seeded start', async () => {
    const before = await client.weights();
    const tuned = await client.tune({ batchSize: 8, learningRate: 0.001 });
    expect(tuned.config).toMatchObject({ batchSize: 8, learningRate: 0.001 });
    expect(tuned.step).toBe(before.info.step);
    expect((await client.weights()).weights.weights[2].values).toEqual(before.weights.weights[2].values);
    await client.reset();
    const fresh = await client.weights();
    await client.configure({ ...DEFAULT_TRAINING_CONFIG, batchSize: 8, learningRate: 0.001 });
    expect((await client.weights()).weights.weights[0].values).toEqual(fresh.weights.weights[0].values);
    expect(fresh.info).toMatchObject({ step: 0, samplesSeen: 0, origin: 'new' });
  });

  it('a learning rate far too large diverges: training stops and explains; starting again is refused until reset', async () => {
    await client.configure({ ...DEFAULT_TRAINING_CONFIG, optimizer: 'momentum', learningRate: 10 });
    const start = events.length;
    await client.start();
    const diverged = await until(events.slice(start), () => events.slice(start).some((e) => e.type === 'diverged'));
    const d = events.slice(start).find((e) => e.type === 'diverged')!;
    expect(diverged).toBeDefined();
    expect(d.type === 'diverged' && d.result.explanation).toMatch(/learning rate 10 is too large/);
    await until(events.slice(start), () => events.slice(start).some((e) => e.type === 'running' && !e.running));
    await expect(client.start()).rejects.toThrow(/diverged/);
    const info = await client.reset();
    expect(info.diverged).toBe(false);
  });
});

/** A fake Worker whose other end is a real MessagePort running a session, as trainingWorker.ts does. */
function portWorker(overrides: Parameters<typeof nodeSession>[1] = {}): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const session = nodeSession((event) => port2.postMessage({ event }), overrides);
  port2.on('message', (m: RequestMessage) => {
    session.handle(m.type, m.arg).then(
      (result) => port2.postMessage({ id: m.id, ok: true, result }),
      (error) => port2.postMessage({ id: m.id, ok: false, error: serialiseError(error) }),
    );
  });
  const listeners: Record<string, ((e: Event) => void)[]> = {};
  port1.on('message', (data) => (listeners.message ?? []).forEach((fn) => fn({ data } as MessageEvent)));
  return {
    postMessage: (m) => port1.postMessage(m),
    addEventListener: (type, fn) => (listeners[type] ??= []).push(fn),
    terminate: () => {
      void session.handle('dispose', null);
      port1.close();
    },
  };
}

describe('the wire format, through a real MessagePort', () => {
  it('round-trips requests, replies, typed errors and events (Float32Arrays copied)', async () => {
    const events: TrainingEvent[] = [];
    const client = new TrainingClient(workerLink(portWorker()), 'worker');
    client.on((e) => events.push(e));
    const init = await client.init(OPTIONS);
    expect(init.model.origin).toBe('default');
    const maps = await client.featureMaps(testImages(1, 1));
    expect(maps[0].values).toBeInstanceOf(Float32Array);
    expect(maps.at(-1)!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const err = await client.tune({ batchSize: 1.5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(/whole number/);
    expect(events.some((e) => e.type === 'data-progress')).toBe(true);
    client.dispose();
    await expect(client.memory()).rejects.toThrow(/closed/);
  });
});

describe('falling back to the main thread', () => {
  it('when the browser refuses to create a worker', async () => {
    const { client, init } = await startTraining({
      ...OPTIONS,
      createWorker: () => {
        throw new Error('SecurityError: workers are blocked');
      },
      createLocalSession: (emit) => nodeSession(emit),
    });
    expect(client.mode).toBe('main-thread');
    expect(client.fallbackReason).toMatch(/refused to start a worker \(SecurityError: workers are blocked\)/);
    expect(init.backend.mode).toBe('main-thread');
    client.dispose();
  });

  it('when the worker’s script fails to load (an error event before it answers)', async () => {
    const listeners: ((e: Event) => void)[] = [];
    let terminated = false;
    const broken: WorkerLike = {
      postMessage: () => setTimeout(() => listeners.forEach((fn) => fn({ message: '', preventDefault() {} } as unknown as Event))),
      addEventListener: (type, fn) => type === 'error' && listeners.push(fn),
      terminate: () => (terminated = true),
    };
    const { client } = await startTraining({ ...OPTIONS, createWorker: () => broken, createLocalSession: (emit) => nodeSession(emit) });
    expect(terminated).toBe(true);
    expect(client.mode).toBe('main-thread');
    expect(client.fallbackReason).toBe('the training worker could not be loaded');
    expect((await client.memory()).numTensors).toBeGreaterThan(0);
    client.dispose();
  });

  it('but not when the worker runs and the session itself fails (the digits cannot load): that error is reported', async () => {
    let fellBack = false;
    const noData = () => portWorker({ loadData: () => Promise.reject(new Error('HTTP 404 for mnist.bin')) });
    const started = startTraining({ ...OPTIONS, createWorker: noData, createLocalSession: (emit) => ((fellBack = true), nodeSession(emit)) });
    await expect(started).rejects.toThrow('HTTP 404 for mnist.bin');
    expect(fellBack).toBe(false);
  });
});
