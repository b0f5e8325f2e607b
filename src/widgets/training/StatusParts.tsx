// Slow-changing status shared by the CNN widgets: where training runs (backend, worker or page
// thread, and why the other backends were not used), the download of the digits, which model is
// loaded, and notes (storage, a stopped worker, the shipped model missing).
import { useTraining } from './trainingSession';

const BACKEND_NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (CPU)' };
const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

export function WhereItRuns() {
  const phase = useTraining((s) => s.phase);
  const backend = useTraining((s) => s.backend);
  const fallback = useTraining((s) => s.fallbackReason);
  const progress = useTraining((s) => s.dataProgress);
  const failure = useTraining((s) => s.failure);
  if (failure) return <p className="inline-error" role="alert">{failure}</p>;
  if (!backend) {
    return (
      <p className="where-it-runs" data-testid="backend-line">
        <label>
          Loading 10,000 handwritten digits… <progress max={1} value={progress} data-testid="data-progress" /> {Math.round(progress * 100)}%
        </label>
        {phase === 'starting' && progress >= 1 && ' Starting the training engine…'}
      </p>
    );
  }
  return (
    <div className="where-it-runs" data-testid="backend-line" data-backend={backend.backend} data-mode={backend.mode}>
      <p>
        Training runs on <strong>{BACKEND_NAMES[backend.backend] ?? backend.backend}</strong>{' '}
        {backend.mode === 'worker' ? 'in a Web Worker, so this page stays responsive while it trains.' : 'on this page’s own thread, one batch per frame.'}
        {backend.registered.length > 0 && backend.backend === 'wasm' && ' (ConvLab adds the filter-gradient kernel tfjs lacks for WebAssembly.)'}
      </p>
      {fallback && (
        <p className="fallback-note" role="status" data-testid="fallback-note">
          No Web Worker: {fallback}. Training shares the page’s thread and yields after every batch, so scrolling may stutter while it runs.
        </p>
      )}
      {backend.skipped.length > 0 && (
        <details>
          <summary>Why not the other backends?</summary>
          <ul>
            {backend.skipped.map((s, i) => (
              <li key={i}><strong>{BACKEND_NAMES[s.backend] ?? s.backend}</strong>: {s.reason}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ModelStatus() {
  const model = useTraining((s) => s.model);
  const savedAt = useTraining((s) => s.savedAt);
  const testCount = useTraining((s) => s.testCount);
  if (!model) return null;
  const c = model.config;
  const settings = `${c.optimizer === 'sgd' ? 'SGD' : c.optimizer === 'momentum' ? 'SGD with momentum' : 'Adam'}, learning rate ${c.learningRate}, batches of ${c.batchSize}, seed ${c.seed}`;
  const trained = `${model.epochs.toFixed(2)} epochs (${model.step.toLocaleString('en-US')} batches)`;
  let text: string;
  if (model.origin === 'default') {
    text = `The shipped trained model is loaded: ${model.totalParams.toLocaleString('en-US')} parameters, trained for ${Math.round(model.epochs)} epochs (${settings})`
      + `${model.recordedAccuracy !== undefined ? `, ${pct(model.recordedAccuracy)} right on the ${testCount.toLocaleString('en-US')} test digits` : ''}. Start trains a new model from random weights.`;
  } else if (model.step === 0) {
    text = `A new model with random weights: ${model.totalParams.toLocaleString('en-US')} parameters (${settings}).`;
  } else {
    text = `${model.origin === 'restored' ? 'Your model, restored from this browser' : 'Your model'}: ${model.totalParams.toLocaleString('en-US')} parameters, trained for ${trained} (${settings}).`;
  }
  return (
    <p className="model-status" data-testid="model-status" data-origin={model.origin} data-step={model.step}>
      {text}
      {savedAt && model.origin !== 'default' && model.step > 0 && <span className="saved" data-testid="model-saved"> Saved in this browser.</span>}
    </p>
  );
}

export function SessionNotes() {
  const notes = useTraining((s) => s.notes);
  if (!notes.length) return null;
  return (
    <div className="session-notes" role="status">
      {notes.map((n) => <p key={n}>{n}</p>)}
    </div>
  );
}
