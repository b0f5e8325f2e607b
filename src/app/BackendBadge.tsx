// Which tfjs backend computes the numbers, and why: a badge in the header that opens into the
// reasons each faster backend was skipped, any lost-device events, and how to force one.
import { useConvLab } from '../store/store';

export const BACKEND_NAMES: Record<string, string> = {
  webgpu: 'WebGPU (GPU)',
  webgl: 'WebGL (GPU)',
  wasm: 'WebAssembly (CPU)',
  cpu: 'plain JavaScript (CPU)',
};

export function BackendBadge() {
  const status = useConvLab((s) => s.engine);
  if (!status) {
    return (
      <span className="backend-badge starting" data-testid="backend-badge" data-backend="">
        Engine starting…
      </span>
    );
  }
  return (
    <details className={`backend-badge ${status.backend}`} data-testid="backend-badge" data-backend={status.backend}>
      <summary>
        Engine: <strong>{BACKEND_NAMES[status.backend]}</strong>
        {status.forced ? ' (forced)' : ''}
      </summary>
      <div className="backend-details">
        <p>
          Every number on these pages is computed by TensorFlow.js on the <strong>{status.backend}</strong> backend
          {status.device ? ` (${status.device})` : ''}.
          {status.forced ? ' It was chosen by the link’s ?backend= setting.' : ' It is the fastest one that works on this machine.'}
        </p>
        {status.skipped.length > 0 && (
          <>
            <p>Tried first, and skipped:</p>
            <ul>
              {status.skipped.map((s, i) => (
                <li key={i}>
                  <strong>{BACKEND_NAMES[s.backend] ?? s.backend}</strong>: {s.reason}
                </li>
              ))}
            </ul>
          </>
        )}
        {status.events.length > 0 && (
          <ul className="backend-events">
            {status.events.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        )}
        <p className="hint">
          To compare, add <code>?backend=webgpu</code>, <code>webgl</code>, <code>wasm</code> or <code>cpu</code> to the address, before the #.
        </p>
      </div>
    </details>
  );
}
