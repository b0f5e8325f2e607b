// Where the page's files are, as absolute URLs: a worker resolves relative URLs against its own
// script (dist/assets/…), not the page, so the page works them out and sends them.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { SessionOptions } from './protocol';

/** The digits, the shipped model, the wasm binaries and the page's `?backend=` choice. */
export function pageSessionOptions(base: string = location.href): SessionOptions {
  const abs = (path: string) => new URL(path, base).href;
  const backend = new URL(base).searchParams.get('backend') ?? undefined;
  return {
    dataUrl: abs('data/mnist.bin'),
    defaultModelUrl: abs('models/default-mnist.json'),
    wasmPaths: {
      'tfjs-backend-wasm.wasm': abs(wasmPlain),
      'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
      'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded),
    },
    ...(backend ? { backend } : {}),
  };
}
