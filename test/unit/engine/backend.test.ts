// Backend selection in Node: the CPU reference backend, with a reason for every other one.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { engineStatus, initEngine, onEngineStatus } from '../../../src/engine';

describe('initEngine in Node', () => {
  it('runs on cpu and says why webgpu, webgl and wasm were skipped', async () => {
    const seen: string[] = [];
    const off = onEngineStatus((s) => seen.push(s.backend));
    const s = await initEngine();
    off();
    expect(s.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(s.skipped.map((k) => k.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    for (const k of s.skipped) expect(k.reason).toMatch(/Not in a browser/);
    expect(engineStatus()).toEqual(s);
    expect(seen.length).toBeLessThanOrEqual(1);
  });
  it('an unknown forced backend is reported, and the chain still ends on a working one', async () => {
    const s = await initEngine({ backend: 'tpu' });
    expect(s.backend).toBe('cpu');
    expect(s.skipped[0]).toEqual({ backend: 'tpu', reason: expect.stringMatching(/not a backend/) });
    expect(s.forced).toBe(false);
  });
  it('forcing cpu marks the status as forced', async () => {
    const s = await initEngine({ backend: 'cpu' });
    expect(s).toMatchObject({ backend: 'cpu', forced: true });
  });
});
