// <ConfusionMatrix>: the model's answers on all 2,000 test digits, true digit by predicted digit,
// and a gallery of the digits it got wrong (most confident mistakes first; pick a cell to see only
// those). Evaluated by the training session, again whenever the weights change.
import { useEffect, useMemo, useRef } from 'react';
import { magnitudeScale, textOn } from '../../viz/colorScales';
import { INK, PixelCanvas } from '../../viz/PixelCanvas';
import { useWidgetState } from '../../store/useWidgetState';
import { useEngineResult } from '../common/useEngineResult';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { ensureSession, useTraining } from '../training/trainingSession';
import { confusionSchema } from './schema';
import './cnnInspect.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

export function ConfusionMatrix({ id = 'confusion', title = 'Where the network goes wrong' }: { id?: string; title?: string }) {
  const [state, update, notes] = useWidgetState(id, confusionSchema);
  const phase = useTraining((s) => s.phase);
  const version = useTraining((s) => s.weightsVersion);
  useEffect(() => void ensureSession(), []);
  const ready = phase === 'ready' || phase === 'diverged';
  const last = useRef<Awaited<ReturnType<typeof evaluate>> | null>(null);
  async function evaluate() {
    const c = await ensureSession();
    if (!c) throw new Error('the training session could not start');
    const evaluation = await c.evaluate('test', 2000);
    const shown = evaluation.misclassified.slice(0, 400);
    const { pixels } = shown.length ? await c.images('test', shown.map((m) => m.index)) : { pixels: new Uint8Array(0) };
    return { evaluation, pixels: Float32Array.from(pixels, (p) => p / 255), shown };
  }
  // Evaluated when training pauses, not at every batch; meanwhile the last evaluation stays.
  const result = useEngineResult(async () => (last.current = ready ? await evaluate() : last.current), [version, ready]);
  const value = result.value;
  const e = value?.evaluation;
  const offMax = useMemo(() => {
    let m = 0;
    e?.confusion.forEach((row, t) => row.forEach((n, p) => t !== p && n > m && (m = n)));
    return m;
  }, [e]);
  const colour = useMemo(() => magnitudeScale(Math.max(offMax, 1)), [offMax]);
  const selected = state.truth >= 0 && state.said >= 0 && state.truth !== state.said ? { t: state.truth, p: state.said } : null;
  const gallery = value ? value.shown.map((m, i) => ({ m, i })).filter(({ m }) => !selected || (m.label === selected.t && m.predicted === selected.p)) : [];

  return (
    <WidgetFrame title={title} id={id} busy={result.busy || phase === 'starting' || phase === 'off'}>
      <LinkNotes notes={notes} />
      {phase === 'running' && <p className="hint">Training is running: pause it to evaluate the current weights.</p>}
      <Problems engine={result.error} />
      {e && (
        <>
          <p className="confusion-accuracy" data-testid="confusion-accuracy" data-accuracy={e.accuracy}>
            <strong>{(e.accuracy * 100).toFixed(2)}%</strong> of the {e.count.toLocaleString('en-US')} test digits are read correctly
            ({(e.count - Math.round(e.accuracy * e.count)).toLocaleString('en-US')} mistakes; test loss {e.loss.toFixed(3)}).
          </p>
          <div className="confusion-wrap">
            <table className="confusion" data-testid="confusion-matrix">
              <caption>Rows: the true digit. Columns: what the network said. The diagonal counts right answers; choose any other cell to see those mistakes.</caption>
              <thead>
                <tr><th scope="col">true ↓ said →</th>{DIGITS.map((d) => <th key={d} scope="col">{d}</th>)}</tr>
              </thead>
              <tbody>
                {e.confusion.map((row, t) => (
                  <tr key={t}>
                    <th scope="row">{t}</th>
                    {row.map((n, p) => {
                      if (t === p) return <td key={p} className="diag">{n}</td>;
                      const fill = n ? colour(n) : '#fff';
                      const isSel = selected?.t === t && selected.p === p;
                      return (
                        <td key={p} style={{ background: fill, color: textOn(fill) }} className={isSel ? 'selected' : undefined}>
                          {n ? (
                            <button type="button" aria-pressed={isSel} aria-label={`${n} times a ${t} was read as ${p}`} onClick={() => (isSel ? update({ truth: -1, said: -1 }) : update({ truth: t, said: p }))}>
                              {n}
                            </button>
                          ) : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h4 className="gallery-title">
            {selected ? `Every ${selected.t} read as a ${selected.p}` : 'The mistakes, most confident first'} ({gallery.length})
            {selected && <button type="button" onClick={() => update({ truth: -1, said: -1 })}>Show all mistakes</button>}
          </h4>
          <ul className="gallery" data-testid="misclassified">
            {gallery.slice(0, 120).map(({ m, i }) => (
              <li key={m.index}>
                <PixelCanvas width={28} height={28} values={value!.pixels} offset={i * 784} table={INK} scale={2} label={`test digit ${m.index + 1}: a ${m.label} read as ${m.predicted}`} />
                <span><strong>{m.label}</strong> → {m.predicted} <small>{Math.round(m.confidence * 100)}%</small></span>
              </li>
            ))}
          </ul>
        </>
      )}
    </WidgetFrame>
  );
}
