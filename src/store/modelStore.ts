// Keeps the student's trained CNN in IndexedDB so it survives a reload. Never throws: IndexedDB
// missing, blocked or full, or a saved model that no longer fits its architecture, becomes a
// sentence for the page, and the app carries on (with the shipped model, or in memory).
import { checkWeights, type ModelWeights } from '../engine/cnn';
import type { ModelInfo } from '../engine/training';

/** What is kept: the weights with their architecture, how they were trained, and the curves. */
export interface SavedModel {
  version: 1;
  weights: ModelWeights;
  info: ModelInfo;
  /** Metric history as flat [samplesSeen, loss, accuracy, …] triples, for redrawing the curves. */
  history?: { train: number[]; test: number[] };
  savedAt: number;
}

/** The little of IndexedDB this needs, so tests can pass a failing or in-memory one. */
export interface ModelStorage {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export const MODEL_KEY = 'current';
const DB_NAME = 'convlab-models';
const STORE = 'models';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** ModelStorage on IndexedDB (one database, one object store). Rejects when IndexedDB is unusable. */
export function indexedDbStorage(factory: IDBFactory | undefined = globalThis.indexedDB): ModelStorage {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) {
        reject(new Error('this browser offers no IndexedDB'));
        return;
      }
      let r: IDBOpenDBRequest;
      try {
        r = factory.open(DB_NAME, 1);
      } catch (e) {
        reject(e as Error);
        return;
      }
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('another ConvLab tab is holding the model database'));
    });
    db.catch(() => (db = null)); // try again next time
    return db;
  };
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    get: async (key) => request((await tx('readonly')).get(key)),
    async put(key, value) {
      const store = await tx('readwrite');
      // Saved only once the transaction commits (a full disk aborts it after the put succeeded).
      const done = new Promise<void>((resolve, reject) => {
        store.transaction.oncomplete = () => resolve();
        store.transaction.onabort = () => reject(store.transaction.error ?? new Error('the save was aborted'));
      });
      done.catch(() => undefined); // if the put itself fails, that error is the one reported
      await request(store.put(value, key));
      await done;
    },
    delete: async (key) => void (await request((await tx('readwrite')).delete(key))),
  };
}

const isQuota = (e: unknown) => (e as { name?: string })?.name === 'QuotaExceededError' || /quota|full/i.test((e as Error)?.message ?? '');

/** Why `value` is not a model this app can use, or null. */
export function savedModelProblem(value: unknown): string | null {
  const v = value as Partial<SavedModel> | null;
  if (!v || typeof v !== 'object' || v.version !== 1 || !v.weights || !v.info) return 'it was saved by another version of ConvLab';
  const weights = v.weights.weights;
  if (!Array.isArray(weights) || !weights.every((w) => w && w.values instanceof Float32Array)) return 'its weights are not numbers';
  try {
    checkWeights(v.weights);
  } catch (e) {
    return `it no longer fits its architecture: ${(e as Error).message}`;
  }
  if (JSON.stringify(v.info.config?.spec) !== JSON.stringify(v.weights.spec)) return 'its settings and its weights describe different networks';
  for (const w of weights) for (const x of w.values) if (!Number.isFinite(x)) return 'some of its weights are not finite numbers';
  return null;
}

export interface LoadResult {
  model: SavedModel | null;
  /** A sentence for the page when something was wrong; null when all is well (saved or not). */
  note: string | null;
}

/** The saved model, or null with the reason. A model that does not fit is left in place, untouched. */
export async function loadSavedModel(storage: ModelStorage): Promise<LoadResult> {
  let value: unknown;
  try {
    value = await storage.get(MODEL_KEY);
  } catch (e) {
    return { model: null, note: `Your trained model cannot be kept in this browser (${(e as Error).message}), so training starts from the shipped model and lasts until you close the tab.` };
  }
  if (value === undefined || value === null) return { model: null, note: null };
  const problem = savedModelProblem(value);
  if (problem) return { model: null, note: `The model saved in this browser could not be used (${problem}). It was left as it is; the shipped model is shown instead, and your next training run replaces the saved one.` };
  return { model: value as SavedModel, note: null };
}

/** Saves the model; returns a sentence when it could not be saved (the model stays in memory). */
export async function saveModel(storage: ModelStorage, model: Omit<SavedModel, 'version' | 'savedAt'>, now = Date.now()): Promise<string | null> {
  try {
    await storage.put(MODEL_KEY, { version: 1, savedAt: now, ...model } satisfies SavedModel);
    return null;
  } catch (e) {
    if (isQuota(e)) return 'Your trained model could not be saved: this browser’s storage is full. It stays here until you close the tab.';
    return `Your trained model could not be saved (${(e as Error).message}). It stays here until you close the tab.`;
  }
}

export async function clearSavedModel(storage: ModelStorage): Promise<string | null> {
  try {
    await storage.delete(MODEL_KEY);
    return null;
  } catch (e) {
    return `The saved model could not be removed (${(e as Error).message}).`;
  }
}
