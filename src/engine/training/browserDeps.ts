// What a training session needs in a browser, in the worker and on the main thread: the backend
// (the engine's usual chain, then the fastest CPU path if that backend cannot train), the digits
// and model files over fetch, and a way to let other work run between batches.
import { initEngine, ensureEngine, type EngineStatus } from '../backend';
import { fetchMnist, missingTrainingKernels, registerWasmTrainingKernels } from '../cnn';
import type { BackendInfo, SessionOptions } from './protocol';
import type { SessionDeps } from './session';

/**
 * Starts the engine's chain (WebGPU ▸ WebGL ▸ WebAssembly ▸ CPU, software GPUs skipped) and, if the
 * chosen backend lacks a kernel training needs, moves on to WebAssembly, then CPU.
 * `own`: this realm belongs to training (the worker), so wasm may also swap in the faster
 * Conv2DBackpropInput; on the main thread the page's other widgets keep tfjs' own kernel.
 */
export async function chooseTrainingBackend(opts: SessionOptions, own: boolean): Promise<Omit<BackendInfo, 'mode'>> {
  // Load the wasm backend's kernels first, so the faster Conv2DBackpropInput has one to replace.
  if (own) await import('@tensorflow/tfjs-backend-wasm');
  const registered = registerWasmTrainingKernels({ fastBackpropInput: own });
  let status: EngineStatus = own ? await initEngine({ backend: opts.backend, wasmPaths: opts.wasmPaths }) : await ensureEngine();
  const skipped = [...status.skipped];
  for (const next of ['wasm', 'cpu'] as const) {
    const missing = missingTrainingKernels(status.backend);
    if (!missing.length) break;
    skipped.push({ backend: status.backend, reason: `It cannot train this network: it lacks the kernels ${missing.join(', ')}.` });
    if (!own) throw new Error(`The page's ${status.backend} backend cannot train (it lacks ${missing.join(', ')}), and no worker could start.`);
    if (status.backend !== next) status = await initEngine({ backend: next, wasmPaths: opts.wasmPaths });
  }
  const missing = missingTrainingKernels(status.backend);
  if (missing.length) throw new Error(`No backend can train here: ${status.backend} lacks ${missing.join(', ')}.`);
  return { backend: status.backend, skipped, device: status.device, registered };
}

async function loadJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.json();
}

/** A macrotask without setTimeout's 4 ms clamp, so incoming messages are handled between batches. */
function macrotask(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((r) => setTimeout(r, 0));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => new Promise<void>((r) => {
    waiting.push(r);
    channel.port2.postMessage(null);
  });
}

/** After the next frame is painted (or soon, when the tab is hidden and frames stop). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else {
      setTimeout(resolve, 0);
    }
  });
}

export function workerDeps(): SessionDeps {
  return {
    mode: 'worker',
    chooseBackend: (opts) => chooseTrainingBackend(opts, true),
    loadData: (url, onProgress) => fetchMnist(url, onProgress),
    loadJson,
    yieldNow: macrotask(),
  };
}

/** The fallback: same session on the page's own engine, one batch per frame. */
export function mainThreadDeps(): SessionDeps {
  return {
    mode: 'main-thread',
    chooseBackend: (opts) => chooseTrainingBackend(opts, false),
    loadData: (url, onProgress) => fetchMnist(url, onProgress),
    loadJson,
    yieldNow: nextFrame,
  };
}
