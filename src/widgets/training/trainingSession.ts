// The app's one training session, shared by the trainer panel and the inspection widgets on every
// CNN page: it starts the training worker on first use, restores the model kept in IndexedDB, saves
// checkpoints, and keeps slow state (phase, backend, model) in a zustand store and fast metrics in
// MetricsLog / FilterFeed, which the canvases subscribe to directly.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  pageSessionOptions, sameSpec, startTraining,
  type BackendInfo, type ModelInfo, type TrainingClient, type TrainingConfig, type TrainingEvent,
} from '../../engine/training';
import { indexedDbStorage, loadSavedModel, saveModel, type ModelStorage } from '../../store/modelStore';
import { FilterFeed, MetricsLog } from './metricsLog';

export type Phase = 'off' | 'starting' | 'ready' | 'running' | 'diverged' | 'failed';

export interface TrainingState {
  phase: Phase;
  /** Download progress of the digits, 0..1. */
  dataProgress: number;
  backend: BackendInfo | null;
  /** Why training runs on the page's thread, when it does. */
  fallbackReason: string | null;
  model: ModelInfo | null;
  trainCount: number;
  testCount: number;
  divergence: { explanation: string; step: number } | null;
  /** Sentences about storage, the shipped model, a stopped worker… */
  notes: string[];
  /** Why the session could not start at all. */
  failure: string | null;
  /** Bumped whenever the weights change in a way the inspection views should show. */
  weightsVersion: number;
  savedAt: number | null;
  busy: boolean;
}

const initial: TrainingState = {
  phase: 'off', dataProgress: 0, backend: null, fallbackReason: null, model: null, trainCount: 0, testCount: 0,
  divergence: null, notes: [], failure: null, weightsVersion: 0, savedAt: null, busy: false,
};

export const trainingStore = createStore<TrainingState>(() => initial);
export const metrics = new MetricsLog();
export const filters = new FilterFeed();

export function useTraining<T>(select: (s: TrainingState) => T): T {
  return useStore(trainingStore, select);
}

let client: TrainingClient | null = null;
let starting: Promise<TrainingClient | null> | null = null;
let storage: ModelStorage | null = null;

const set = (patch: Partial<TrainingState>) => trainingStore.setState(patch);
const note = (text: string) => {
  const { notes } = trainingStore.getState();
  if (!notes.includes(text)) set({ notes: [...notes, text] });
};
const bump = () => set({ weightsVersion: trainingStore.getState().weightsVersion + 1 });

function onEvent(e: TrainingEvent) {
  switch (e.type) {
    case 'data-progress':
      set({ dataProgress: e.fraction });
      break;
    case 'batch':
      metrics.pushBatch(e);
      break;
    case 'test':
      metrics.pushTest(e.epochs, e.loss, e.accuracy);
      break;
    case 'filters':
      filters.set(e.kernel);
      break;
    case 'running':
      set({ phase: e.running ? 'running' : e.info.diverged ? 'diverged' : 'ready', model: e.info });
      if (!e.running) bump();
      break;
    case 'diverged':
      set({ phase: 'diverged', model: e.info, divergence: { explanation: e.result.explanation, step: e.result.step } });
      break;
    case 'model':
      set({ model: e.info, divergence: e.info.diverged ? trainingStore.getState().divergence : null });
      bump();
      break;
    case 'checkpoint':
      void (async () => {
        if (!storage) return;
        const problem = await saveModel(storage, { weights: e.weights, info: e.info, history: metrics.export() });
        if (problem) note(problem);
        else set({ savedAt: Date.now() });
      })();
      break;
    case 'error':
      note(e.message);
      if (trainingStore.getState().phase === 'running') set({ phase: 'ready' });
      break;
  }
}

/** Starts the session once (later calls share it); null when it could not start. */
export function ensureSession(): Promise<TrainingClient | null> {
  if (starting) return starting;
  set({ phase: 'starting' });
  starting = (async () => {
    try {
      const forceMainThread = new URLSearchParams(location.search).get('training') === 'main';
      const started = await startTraining({ ...pageSessionOptions(), forceMainThread, onEvent });
      client = started.client;
      const { init } = started;
      set({ backend: init.backend, fallbackReason: client.fallbackReason, model: init.model, trainCount: init.trainCount, testCount: init.testCount });
      init.notes.forEach(note);
      storage = indexedDbStorage();
      const saved = await loadSavedModel(storage);
      if (saved.note) note(saved.note);
      if (saved.model) {
        const { info, weights, history } = saved.model;
        try {
          await client.configure(info.config, weights, { origin: 'restored', samplesSeen: info.samplesSeen, step: info.step });
          metrics.load(history);
          set({ savedAt: saved.model.savedAt });
        } catch (e) {
          note(`The model saved in this browser could not be loaded (${(e as Error).message}); the shipped model is shown instead.`);
        }
      }
      set({ phase: 'ready' });
      return client;
    } catch (e) {
      set({ phase: 'failed', failure: `Training could not start: ${(e as Error).message}` });
      return null;
    }
  })();
  return starting;
}

/** Runs one session request, marking the store busy meanwhile; errors become notes. */
async function act<T>(what: (c: TrainingClient) => Promise<T>): Promise<T | null> {
  const c = await ensureSession();
  if (!c) return null;
  set({ busy: true });
  try {
    return await what(c);
  } catch (e) {
    note((e as Error).message);
    return null;
  } finally {
    set({ busy: false });
  }
}

/** Architecture, optimizer or seed differ: these need a new model (learning rate and batch size don't). */
export function needsNewModel(model: ModelInfo, config: TrainingConfig): boolean {
  return !sameSpec(model.config.spec, config.spec) || model.config.optimizer !== config.optimizer || model.config.seed !== config.seed;
}

export const training = {
  /**
   * Trains with the editor's settings. The shipped model, or an untrained one with other
   * settings, is first replaced by a fresh model from the seed; a model in progress continues.
   */
  start: (config: TrainingConfig) =>
    act(async (c) => {
      const model = trainingStore.getState().model;
      if (!model || model.origin === 'default' || (model.step === 0 && needsNewModel(model, config))) {
        metrics.clear();
        await c.configure(config);
      } else if (model.config.learningRate !== config.learningRate || model.config.batchSize !== config.batchSize) {
        await c.tune({ learningRate: config.learningRate, batchSize: config.batchSize });
      }
      return c.start();
    }),
  pause: () => act((c) => c.pause()),
  /** A fresh model from the editor's settings: new random weights from the seed, curves cleared. */
  reset: (config: TrainingConfig) =>
    act(async (c) => {
      metrics.clear();
      set({ divergence: null });
      return c.configure(config);
    }),
  /** Learning rate or batch size, applied to the model in progress (even while it trains). */
  tune: (change: { learningRate?: number; batchSize?: number }) => act((c) => c.tune(change)),
  loadDefault: () =>
    act(async (c) => {
      metrics.clear();
      set({ divergence: null });
      return c.loadDefault();
    }),
  client: () => client,
};
