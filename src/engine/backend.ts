// The one place that chooses where tfjs runs: WebGPU ▸ WebGL ▸ WebAssembly ▸ CPU. A backend is
// accepted only when tf.setBackend resolves true, its GPU is real hardware (SwiftShader/llvmpipe
// are software: the CPU paths beat them), it has every kernel the engine uses, and a self-check
// reproduces known numbers. Reports why each other backend was skipped, and falls back when a GPU
// device is lost.
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface Skipped {
  backend: string;
  reason: string;
}

export interface EngineStatus {
  backend: BackendName;
  skipped: Skipped[];
  /** True when the backend was forced (e.g. `?backend=webgl`). */
  forced: boolean;
  /** Human-readable events since start, e.g. a lost GPU device and the fallback that followed. */
  events: string[];
  /** The GPU adapter or renderer description, when one was examined. */
  device?: string;
}

export interface InitOptions {
  /** Force one backend; on failure the engine falls back along the usual order and says why. */
  backend?: string;
  /** URLs of the tfjs WebAssembly binaries (the app passes its bundled copies; nothing is downloaded). */
  wasmPaths?: Record<string, string>;
  /** Accept a software-rendered GPU without forcing (tests of the GPU path). Default false. */
  allowSoftwareGpu?: boolean;
}

/** Kernels every engine operation relies on; a backend missing one is skipped. */
export const REQUIRED_KERNELS = [
  'Conv2D', 'Conv2DBackpropInput', 'DepthwiseConv2dNative', 'MaxPool', 'AvgPool', 'PadV2', 'Transpose',
  'GatherV2', 'ArgMax', 'ScatterNd', 'BatchMatMul', 'Sum', 'Max', 'Sqrt', 'Multiply', 'Slice', 'Reshape',
] as const;

const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render driver|microsoft basic/i;

let status: EngineStatus | null = null;
let initializing: Promise<EngineStatus> | null = null;
let lastOptions: InitOptions = {};
const listeners = new Set<(s: EngineStatus) => void>();

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_ORDER as readonly string[]).includes(name);
}

/** The engine's current status, or null before initEngine has finished. */
export function engineStatus(): EngineStatus | null {
  return status;
}

/** Calls `fn` whenever the backend changes (initialisation, fallback after a lost device). Returns an unsubscribe. */
export function onEngineStatus(fn: (s: EngineStatus) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function publish(s: EngineStatus): EngineStatus {
  status = s;
  for (const fn of listeners) fn(s);
  return s;
}

const inBrowser = () => typeof window !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

async function describeWebGpuAdapter(): Promise<{ ok: false; reason: string } | { ok: true; device: string; software: boolean }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return { ok: false, reason: 'This browser has no WebGPU (navigator.gpu is missing).' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `Asking for a WebGPU adapter failed: ${(e as Error).message}` };
  }
  if (!adapter) return { ok: false, reason: 'The browser offers no WebGPU adapter on this machine (WebGPU disabled, or no supported GPU).' };
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const device = info ? [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') : 'unknown adapter';
  return { ok: true, device: device || 'unknown adapter', software: SOFTWARE_GPU.test(device) };
}

function describeWebGlRenderer(): { ok: false; reason: string } | { ok: true; device: string; software: boolean } {
  if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
    return { ok: false, reason: 'WebGL needs a browser page or worker with a canvas.' };
  }
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return { ok: false, reason: 'This browser could not create a WebGL context (WebGL disabled or unsupported).' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ok: true, device: renderer, software: SOFTWARE_GPU.test(renderer) };
}

async function registerOptional(name: BackendName, opts: InitOptions): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths);
  }
}

/** Runs a few ops whose answers are known and compares; returns a reason when the backend gets them wrong. */
async function selfCheck(): Promise<string | null> {
  const conv = tf.tidy(() =>
    tf.conv2d(
      tf.tensor4d([2, 1, 0, 0, 3, 2, 1, 1, 4, 3, 2, 1, 2, 2, 1, 0], [1, 4, 4, 1]),
      tf.tensor4d([-1, -1, -1, -1, 8, -1, -1, -1, -1], [3, 3, 1, 1]),
      1,
      'valid',
    ),
  );
  const got = Array.from(await conv.data());
  conv.dispose();
  if (got.join() !== '0,-2,7,5') return `conv2d gave ${got.join(', ')} instead of 0, −2, 7, 5 on the worked example.`;
  // Two channels with negative values: the case where tfjs 4.22's wasm maxPoolWithArgmax goes wrong.
  const pooled = tf.tidy(() => tf.maxPool(tf.tensor4d([-1, -8, -3, -2, -5, -6, -7, -4], [1, 2, 2, 2]), 2, 2, 'valid'));
  const p = Array.from(await pooled.data());
  pooled.dispose();
  if (p.join() !== '-1,-2') return `max pooling gave ${p.join(', ')} instead of −1, −2 on a two-channel test.`;
  return null;
}

async function tryBackend(name: BackendName, opts: InitOptions, forced: boolean): Promise<{ ok: true; device?: string } | { ok: false; reason: string }> {
  let device: string | undefined;
  if (name !== 'cpu' && !inBrowser()) {
    return { ok: false, reason: 'Not in a browser: the CPU backend is the reference here.' };
  }
  if (name === 'webgpu' || name === 'webgl') {
    const probe = name === 'webgpu' ? await describeWebGpuAdapter() : describeWebGlRenderer();
    if (!probe.ok) return probe;
    device = probe.device;
    if (probe.software && !forced && !opts.allowSoftwareGpu) {
      return {
        ok: false,
        reason: `The ${name === 'webgpu' ? 'WebGPU adapter' : 'WebGL renderer'} is ${probe.device}: software rendering on the CPU, several times slower than the CPU paths. Add ?backend=${name} to use it anyway.`,
      };
    }
  }
  try {
    await registerOptional(name, opts);
    const accepted = await tf.setBackend(name);
    if (!accepted) return { ok: false, reason: `tfjs could not start the ${name} backend on this machine.` };
    await tf.ready();
  } catch (e) {
    return { ok: false, reason: `Starting ${name} failed: ${(e as Error).message}` };
  }
  const missing = REQUIRED_KERNELS.filter((k) => !tf.getKernel(k, name));
  if (missing.length) return { ok: false, reason: `The ${name} backend lacks kernels the engine needs: ${missing.join(', ')}.` };
  // Make small ops really run on the chosen GPU backend, so the numbers shown are that backend's.
  if (name === 'webgpu') tf.env().set('WEBGPU_CPU_FORWARD', false);
  if (name === 'webgl') tf.env().set('WEBGL_CPU_FORWARD', false);
  const wrong = await selfCheck();
  if (wrong) return { ok: false, reason: `The ${name} backend failed the self-check: ${wrong}` };
  return { ok: true, device };
}

function watchForLoss(name: BackendName): void {
  const backend = tf.findBackend(name) as unknown as { device?: GPUDevice; gpgpu?: { gl?: WebGLRenderingContext } } | undefined;
  if (name === 'webgpu' && backend?.device) {
    void backend.device.lost.then((info) => {
      if (status?.backend === 'webgpu') void fallBack('webgpu', `The GPU device was lost (${info.message || info.reason || 'no reason given'}).`);
    });
  }
  const canvas = name === 'webgl' ? (backend?.gpgpu?.gl?.canvas as HTMLCanvasElement | undefined) : undefined;
  canvas?.addEventListener?.('webglcontextlost', () => {
    if (status?.backend === 'webgl') void fallBack('webgl', 'The WebGL context was lost.');
  });
}

async function choose(order: readonly BackendName[], opts: InitOptions, forcedName: BackendName | null, carried: Skipped[], events: string[]): Promise<EngineStatus> {
  const skipped = [...carried];
  for (const name of order) {
    const forced = name === forcedName;
    const result = await tryBackend(name, opts, forced);
    if (result.ok) {
      watchForLoss(name);
      return publish({ backend: name, skipped, forced, events, device: result.device });
    }
    skipped.push({ backend: name, reason: forced ? `Forced, but it did not work: ${result.reason}` : result.reason });
  }
  throw new Error('No tfjs backend could be started, not even the CPU one.');
}

/**
 * Chooses and starts the tfjs backend. Calling it again returns the same status unless
 * options force a different backend. Never rejects in practice: the CPU backend always works.
 */
export function initEngine(opts: InitOptions = {}): Promise<EngineStatus> {
  if (initializing && (opts.backend === undefined || opts.backend === lastOptions.backend)) return initializing;
  lastOptions = opts;
  const notes: Skipped[] = [];
  let forcedName: BackendName | null = null;
  if (opts.backend !== undefined) {
    if (isBackendName(opts.backend)) forcedName = opts.backend;
    else notes.push({ backend: String(opts.backend), reason: `“${opts.backend}” is not a backend; use webgpu, webgl, wasm or cpu.` });
  }
  const order = forcedName ? [forcedName, ...BACKEND_ORDER.filter((b) => b !== forcedName)] : BACKEND_ORDER;
  initializing = choose(order, opts, forcedName, notes, []);
  return initializing;
}

/** Resolves once a backend runs (starting the default choice if nobody called initEngine). */
export function ensureEngine(): Promise<EngineStatus> {
  return initializing ?? initEngine();
}

/** After a lost device: move to the next backend in order that works, and tell every listener. */
export async function fallBack(lost: BackendName, why: string): Promise<EngineStatus> {
  const previous = status;
  const rest = BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(lost) + 1);
  const events = [...(previous?.events ?? []), why];
  const carried = [...(previous?.skipped ?? []), { backend: lost, reason: why }];
  initializing = choose(rest, lastOptions, null, carried, events).then((s) => {
    s.events.push(`Switched to ${s.backend}.`);
    return publish({ ...s });
  });
  return initializing;
}

/** For tests and the debug panel: destroys the GPU device (WebGPU) or loses the context (WebGL). */
export function simulateDeviceLoss(): boolean {
  const name = status?.backend;
  const backend = name ? (tf.findBackend(name) as unknown as { device?: GPUDevice; gpgpu?: { gl?: WebGLRenderingContext } }) : undefined;
  if (name === 'webgpu' && backend?.device) {
    backend.device.destroy();
    return true;
  }
  const lose = name === 'webgl' ? backend?.gpgpu?.gl?.getExtension('WEBGL_lose_context') : null;
  if (lose) {
    lose.loseContext();
    return true;
  }
  return false;
}
