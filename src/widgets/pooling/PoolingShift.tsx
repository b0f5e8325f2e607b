// The shift demo: move the input by one cell and compare how much its convolution changes with how
// much the max-pooled convolution changes. Inputs, outputs and the counts all come from the engine.
import { useCallback, useMemo } from 'react';
import { format } from 'd3';
import { shiftComparison, type ShiftComparison } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { checkShift, shiftSchema } from './schema';
import './pooling.css';

const MOVES = [
  { label: '→ right', dy: 0, dx: 1 },
  { label: '← left', dy: 0, dx: -1 },
  { label: '↓ down', dy: 1, dx: 0 },
  { label: '↑ up', dy: -1, dx: 0 },
] as const;
const percent = format('.0%');

export function PoolingShift(props: { id?: string; input?: string; kernel?: string; title?: string }) {
  const id = props.id ?? 'shift';
  const schema = useMemo(() => shiftSchema(props), [props.input, props.kernel]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkShift);
  const { input, kernel, dy, dx, pool } = state;
  const inputEdits = useMatrixEdits('Input', input, useCallback((m: number[][]) => update({ input: m }), [update]));
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));
  const result = useEngineResult<ShiftComparison>(() => shiftComparison(input, kernel, { dy, dx, pool }), [input, kernel, dy, dx, pool]);
  const r = result.value;
  const convColour = useMemo(() => signedScale(Math.max(maxAbsOf(r?.conv ?? [[1]]), maxAbsOf(r?.convShifted ?? [[1]]), 1)), [r]);
  const changed = (m: number[][] | undefined) => (y: number, x: number) => (m?.[y]?.[x] ? 'changed' : undefined);
  const grid = (label: string, testId: string, values: number[][] | undefined, mark?: (y: number, x: number) => string | undefined, colour?: (v: number) => string) => (
    <figure>
      <figcaption>{label}</figcaption>
      <MatrixGrid label={label} testId={`${id}-${testId}`} values={values ?? [[null]]} size="small" mark={mark} colour={colour} />
    </figure>
  );

  return (
    <WidgetFrame title={props.title ?? 'Shift the input by one cell'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="pool-shift" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <span id={`${id}-move`}>Move the input one cell:</span>
          <div role="group" aria-labelledby={`${id}-move`} className="shift-buttons">
            {MOVES.map((m) => (
              <button key={m.label} type="button" aria-pressed={m.dy === dy && m.dx === dx} onClick={() => update({ dy: m.dy, dx: m.dx })}>
                {m.label}
              </button>
            ))}
          </div>
          <label>
            Max pooling{' '}
            <select value={pool} onChange={(e) => update({ pool: Number(e.target.value) })}>
              <option value={2}>2×2, stride 2</option>
              <option value={3}>3×3, stride 3</option>
            </select>
          </label>
        </div>
        <div className="shift-grid">
          <figure>
            <figcaption>Input (type to change it)</figcaption>
            <MatrixGrid label="Input" testId={`${id}-input`} values={input} size="small" editable drafts={inputEdits.drafts} invalid={inputEdits.invalid} onEdit={inputEdits.onEdit} />
          </figure>
          {grid('Input moved', 'shifted', r?.shifted)}
          <figure>
            <figcaption>Kernel</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit} />
          </figure>
          {grid('Convolution of the input', 'conv', r?.conv, undefined, convColour)}
          {grid('Convolution of the moved input', 'conv-shifted', r?.convShifted, changed(r?.convChanged), convColour)}
          <span />
          {grid('Max pooled', 'pooled', r?.pooled, undefined, convColour)}
          {grid('Max pooled, moved input', 'pooled-shifted', r?.pooledShifted, changed(r?.pooledChanged), convColour)}
        </div>
        {(inputEdits.message || kernelEdits.message || result.error) && (
          <p className="inline-error" role="alert">
            {inputEdits.message ?? kernelEdits.message ?? `${result.error} The last valid result is still shown.`}
          </p>
        )}
        {r && (
          <p className="shift-summary" data-testid={`${id}-summary`} aria-live="polite">
            Convolution: <strong>{r.convCount[0]} of {r.convCount[1]}</strong> cells changed ({percent(r.convCount[2])}). After max pooling:{' '}
            <strong>{r.pooledCount[0]} of {r.pooledCount[1]}</strong> ({percent(r.pooledCount[2])}). Changed cells are outlined and hatched.
          </p>
        )}
      </div>
    </WidgetFrame>
  );
}
