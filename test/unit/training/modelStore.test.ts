// Keeping the trained model across reloads: a model saved and read back whole; IndexedDB missing,
// refusing to open or full; and saved models that no longer fit their architecture. Each case
// ends in a sentence and no crash, and a model that cannot be used is left untouched.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, lenetSpec } from '../../../src/engine/cnn';
import { DEFAULT_TRAINING_CONFIG } from '../../../src/engine/training/config';
import type { ModelInfo } from '../../../src/engine/training/protocol';
import {
  clearSavedModel, indexedDbStorage, loadSavedModel, MODEL_KEY, saveModel, savedModelProblem, type ModelStorage, type SavedModel,
} from '../../../src/store/modelStore';

/** Weights of the right shapes for `spec` (8·25 + 8, 16·200 + 16, 256·10 + 10 for the default). */
function weightsFor(spec = DEFAULT_SPEC) {
  const shapes = spec === DEFAULT_SPEC
    ? [['conv1/kernel', [5, 5, 1, 8]], ['conv1/bias', [8]], ['conv2/kernel', [5, 5, 8, 16]], ['conv2/bias', [16]], ['dense1/kernel', [256, 10]], ['dense1/bias', [10]]] as const
    : [];
  return {
    spec,
    weights: shapes.map(([name, shape], i) => ({ name, shape: [...shape], values: new Float32Array((shape as readonly number[]).reduce((a, b) => a * b, 1)).fill(i / 10) })),
  };
}

const info: ModelInfo = { config: DEFAULT_TRAINING_CONFIG, origin: 'new', step: 250, samplesSeen: 8000, epochs: 1, totalParams: 5994, diverged: false };

function memoryStorage(): ModelStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => structuredClone(data.get(k)),
    put: async (k, v) => void data.set(k, structuredClone(v)),
    delete: async (k) => void data.delete(k),
  };
}

describe('modelStore', () => {
  it('saves a model and reads it back whole, curves included; clearing removes it', async () => {
    const storage = memoryStorage();
    const history = { train: [32, 2.3, 0.1, 64, 2.1, 0.2], test: [2000, 1.9, 0.4] };
    expect(await saveModel(storage, { weights: weightsFor(), info, history }, 1234)).toBeNull();
    const { model, note } = await loadSavedModel(storage);
    expect(note).toBeNull();
    expect(model).toMatchObject({ version: 1, savedAt: 1234, info: { step: 250 }, history });
    expect(model!.weights.weights[4].values).toEqual(new Float32Array(2560).fill(0.4));
    expect(await clearSavedModel(storage)).toBeNull();
    expect(await loadSavedModel(storage)).toEqual({ model: null, note: null });
  });

  it('nothing saved yet: no model and nothing to say', async () => {
    expect(await loadSavedModel(memoryStorage())).toEqual({ model: null, note: null });
  });

  it('a saved model that no longer fits its architecture is refused with the reason, and left in place', async () => {
    const storage = memoryStorage();
    const bad = weightsFor();
    bad.spec = lenetSpec({ conv1Filters: 6 }); // 6 filters declared, 8 stored
    storage.data.set(MODEL_KEY, { version: 1, savedAt: 1, weights: bad, info: { ...info, config: { ...info.config, spec: bad.spec } } } satisfies SavedModel);
    const { model, note } = await loadSavedModel(storage);
    expect(model).toBeNull();
    expect(note).toMatch(/could not be used \(it no longer fits its architecture: weight 1 should be conv1\/kernel \[5,5,1,6\]/);
    expect(note).toMatch(/shipped model is shown/);
    expect(storage.data.has(MODEL_KEY)).toBe(true);
  });

  it('other unusable records: another version, weights that are not numbers, NaN weights, mismatched settings', () => {
    const good = { version: 1, savedAt: 1, weights: weightsFor(), info } as SavedModel;
    expect(savedModelProblem(good)).toBeNull();
    expect(savedModelProblem({ ...good, version: 2 })).toMatch(/another version/);
    expect(savedModelProblem(null)).toMatch(/another version/);
    const notNumbers = structuredClone(good);
    (notNumbers.weights.weights[0] as { values: unknown }).values = [1, 2, 3];
    expect(savedModelProblem(notNumbers)).toMatch(/not numbers/);
    const nan = structuredClone(good);
    nan.weights.weights[1].values[3] = NaN;
    expect(savedModelProblem(nan)).toMatch(/not finite/);
    expect(savedModelProblem({ ...good, info: { ...info, config: { ...info.config, spec: lenetSpec({ kernelSize: 3 }) } } })).toMatch(/different networks/);
  });

  it('IndexedDB missing, or refusing to open: a note, no crash', async () => {
    const none = await loadSavedModel(indexedDbStorage(undefined));
    expect(none.model).toBeNull();
    expect(none.note).toMatch(/cannot be kept in this browser \(this browser offers no IndexedDB\)/);
    const refusing = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    const storage = indexedDbStorage(refusing);
    expect((await loadSavedModel(storage)).note).toMatch(/operation is insecure/);
    expect(await saveModel(storage, { weights: weightsFor(), info })).toMatch(/could not be saved \(The operation is insecure.\)/);
  });

  it('storage full: the save says so and the model stays in memory', async () => {
    const full: ModelStorage = { ...memoryStorage(), put: async () => { throw new DOMException('Quota exceeded', 'QuotaExceededError'); } };
    expect(await saveModel(full, { weights: weightsFor(), info })).toMatch(/storage is full/);
  });
});
