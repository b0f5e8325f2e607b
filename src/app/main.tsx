// Entry point: starts the engine on the best backend (or the one `?backend=` forces), keeps the
// store in step with the address bar, exposes the engine API to tests and outside checks as
// `window.convlab`, and renders the app.
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as engine from '../engine';
import { useConvLab } from '../store/store';
import { App } from './App';

const forced = new URLSearchParams(location.search).get('backend') ?? undefined;
engine.onEngineStatus((s) => useConvLab.getState().setEngine(s));
void engine.initEngine({
  backend: forced,
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  },
});

window.addEventListener('hashchange', () => useConvLab.getState().syncRoute(location.hash));
(window as unknown as { convlab: typeof engine }).convlab = engine;

createRoot(document.getElementById('root')!).render(<App />);
