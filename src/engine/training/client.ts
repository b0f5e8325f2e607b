// What the page holds to train the CNN: a typed client over protocol.ts. It starts the training
// worker; if the worker cannot start, it runs the same session on the main thread (one batch per
// frame) and says why. Replies and events are plain data, copied as a worker would copy them.
import type { ModelWeights } from '../cnn';
import {
  reviveError, serialiseError,
  type ArgOf, type FromSession, type InitReply, type ReplyOf, type RequestMessage, type RequestType,
  type SessionOptions, type TrainingConfig, type TrainingEvent,
} from './protocol';
import type { Session } from './session';

/** A two-way channel to a session: a Worker, or a session in this thread. */
export interface Link {
  send(message: RequestMessage): void;
  /** `onFailure`: the other side died or never started (a worker's error event). */
  listen(onMessage: (m: FromSession) => void, onFailure: (reason: string) => void): void;
  close(): void;
}

/** The worker could not start or stopped: the session behind the link is gone. */
export class LinkFailure extends Error {
  override name = 'LinkFailure';
}

/** A minimal Worker, so tests can pass a fake one. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

export function workerLink(worker: WorkerLike): Link {
  return {
    send: (m) => worker.postMessage(m),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (e) => onMessage((e as MessageEvent<FromSession>).data));
      worker.addEventListener('error', (e) => {
        const message = (e as ErrorEvent).message;
        e.preventDefault?.();
        onFailure(message ? `the training worker failed: ${message}` : 'the training worker could not be loaded');
      });
      worker.addEventListener('messageerror', () => onFailure('a message from the training worker could not be read'));
    },
    close: () => worker.terminate(),
  };
}

/** A session in this thread, behind the same asynchronous, copying interface as a worker. */
export function localLink(makeSession: (emit: (e: TrainingEvent) => void) => Session): Link {
  let deliver: (m: FromSession) => void = () => undefined;
  let closed = false;
  const session = makeSession((event) => {
    if (!closed) deliver({ event: structuredClone(event) });
  });
  return {
    send({ id, type, arg }) {
      session.handle(type, structuredClone(arg)).then(
        (result) => !closed && deliver({ id, ok: true, result: structuredClone(result) }),
        (error: unknown) => !closed && deliver({ id, ok: false, error: serialiseError(error) }),
      );
    },
    listen(onMessage) {
      deliver = onMessage;
    },
    close() {
      if (!closed) void session.handle('dispose', null);
      closed = true;
    },
  };
}

export class TrainingClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(e: TrainingEvent) => void>();
  private failure: string | null = null;

  constructor(
    private readonly link: Link,
    /** 'worker', or 'main-thread' when training shares the page's thread. */
    readonly mode: 'worker' | 'main-thread',
    /** Why no worker is used (null in worker mode). */
    readonly fallbackReason: string | null = null,
  ) {
    link.listen(
      (m) => {
        if ('event' in m) {
          for (const fn of this.listeners) fn(m.event);
          return;
        }
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        this.pending.delete(m.id);
        if (m.ok) waiting.resolve(m.result);
        else waiting.reject(reviveError(m.error));
      },
      (reason) => this.fail(reason),
    );
  }

  private fail(reason: string) {
    if (this.failure) return;
    this.failure = reason;
    for (const { reject } of this.pending.values()) reject(new LinkFailure(reason));
    this.pending.clear();
    for (const fn of this.listeners) fn({ type: 'error', message: `Training stopped: ${reason}.` });
  }

  /** Sends one request; resolves with its reply, rejects with the session's error. */
  call<K extends RequestType>(type: K, arg: ArgOf<K>): Promise<ReplyOf<K>> {
    if (this.failure) return Promise.reject(new LinkFailure(this.failure));
    const id = this.nextId++;
    return new Promise<ReplyOf<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.link.send({ id, type, arg });
    });
  }

  /** Every training event (metrics at batch rate, filters, checkpoints…). Returns an unsubscribe. */
  on(listener: (e: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  init = (options: SessionOptions) => this.call('init', options);
  configure = (config: TrainingConfig, weights?: ModelWeights, extra: { origin?: 'restored' | 'new'; samplesSeen?: number; step?: number } = {}) =>
    this.call('configure', { config, weights, ...extra });
  tune = (change: { learningRate?: number; batchSize?: number }) => this.call('tune', change);
  start = () => this.call('start', null);
  pause = () => this.call('pause', null);
  /** Same as start: training continues from the current weights. */
  resume = () => this.call('start', null);
  reset = () => this.call('reset', null);
  loadDefault = () => this.call('loadDefault', null);
  evaluate = (split: 'train' | 'test' = 'test', misclassifiedLimit?: number) => this.call('evaluate', { split, misclassifiedLimit });
  predict = (images: Float32Array) => this.call('predict', { images });
  featureMaps = (image: Float32Array) => this.call('featureMaps', { image });
  images = (split: 'train' | 'test', indices: number[]) => this.call('images', { split, indices });
  weights = () => this.call('weights', null);
  memory = () => this.call('memory', null);

  dispose(): void {
    this.fail('the training session was closed');
    this.listeners.clear();
    this.link.close();
  }
}

export interface StartOptions extends SessionOptions {
  /** Skip the worker (e.g. `?training=main`), to try the fallback. */
  forceMainThread?: boolean;
  /** Creates the worker; default: the bundled trainingWorker.ts as a module worker. */
  createWorker?: () => WorkerLike;
  /** Creates the in-thread session for the fallback; default: session.ts with browser deps. */
  createLocalSession?: (emit: (e: TrainingEvent) => void) => Promise<Session> | Session;
  /** Events during init (data-progress) go here too. */
  onEvent?: (e: TrainingEvent) => void;
}

const defaultWorker = (): WorkerLike => new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' });

async function defaultLocalSession(emit: (e: TrainingEvent) => void): Promise<Session> {
  const [{ createSession }, { mainThreadDeps }] = await Promise.all([import('./session'), import('./browserDeps')]);
  return createSession(emit, mainThreadDeps());
}

/**
 * Starts a training session in a worker, or on the main thread if the worker fails to start.
 * Rejects only when the session itself fails (e.g. the digits cannot be downloaded).
 */
export async function startTraining(options: StartOptions): Promise<{ client: TrainingClient; init: InitReply }> {
  const { forceMainThread, createWorker = defaultWorker, createLocalSession = defaultLocalSession, onEvent, ...session } = options;
  let reason = 'it was turned off for this page (?training=main)';
  if (!forceMainThread) {
    let client: TrainingClient | null = null;
    try {
      client = new TrainingClient(workerLink(createWorker()), 'worker');
      if (onEvent) client.on(onEvent);
      return { client, init: await client.init(session) };
    } catch (e) {
      client?.dispose();
      if (client && !(e instanceof LinkFailure)) throw e; // the worker ran, the session failed: so would the fallback
      reason = e instanceof LinkFailure ? e.message : `the browser refused to start a worker (${(e as Error).message})`;
    }
  }
  let forward: (e: TrainingEvent) => void = () => undefined;
  const local = await createLocalSession((e) => forward(e));
  const client = new TrainingClient(localLink((emit) => ((forward = emit), local)), 'main-thread', reason);
  if (onEvent) client.on(onEvent);
  return { client, init: await client.init(session) };
}
