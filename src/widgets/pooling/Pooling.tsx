// Pooling: a window slides over each channel (the same geometry and widgets as kernel sliding) and
// keeps the maximum, the average or the L2 norm of what it covers; for max pooling the "switches"
// (where each maximum came from) are marked. Quiz mode hides the output until the student has
// filled it in and checked it against the engine. Every result comes from the engine's pool2d.
import { useCallback, useMemo, useState } from 'react';
import { droppedCells, pool2d, windowCells, windowGeometry, type WindowGeometry } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { Transport, transportKeys, type Speed } from '../common/Transport';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { PoolQuiz, useQuiz } from './PoolQuiz';
import { checkPooling, poolingSchema, type PoolingProps, type PoolingState } from './schema';
import './pooling.css';

export interface PoolingWidgetProps extends PoolingProps {
  id?: string;
  /** Extra controls: any of "mode", "size", "stride", "channels" (comma-separated). */
  controls?: string;
  /** "1": hide the output until the student has typed and checked an answer (channel 1 only). */
  quiz?: string;
  title?: string;
}

interface Computed {
  g: WindowGeometry;
  output: number[][][];
  switches?: number[][][];
  dropped: Set<string>;
}

const MODE_NAMES = { max: 'max pooling', avg: 'average pooling', l2: 'L2 pooling' } as const;
const CHANNEL_KEYS = ['c1', 'c2', 'c3'] as const;

export function Pooling(props: PoolingWidgetProps) {
  const id = props.id ?? 'pool';
  const schema = useMemo(() => poolingSchema(props), [props.input, props.size, props.stride, props.mode]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkPooling);
  const { size, stride, mode } = state;
  const controls = new Set((props.controls ?? '').split(',').map((s) => s.trim()));
  const quizMode = props.quiz === '1' || props.quiz === 'true';
  // One array per change of the channels (not per render): the engine call below depends on it.
  const channels = useMemo(() => CHANNEL_KEYS.slice(0, state.channels).map((k) => state[k]), [state.c1, state.c2, state.c3, state.channels]); // eslint-disable-line react-hooks/exhaustive-deps
  const [H, W] = [state.c1.length, state.c1[0].length];
  const [playing, setPlaying] = useState(false);
  const [hover, setHover] = useState<GridCell | null>(null);
  const [numberMessage, setNumberMessage] = useState<string | null>(null);

  const edits = [
    useMatrixEdits('Channel 1', state.c1, useCallback((m: number[][]) => update({ c1: m }), [update])),
    useMatrixEdits('Channel 2', state.c2, useCallback((m: number[][]) => update({ c2: m }), [update])),
    useMatrixEdits('Channel 3', state.c3, useCallback((m: number[][]) => update({ c3: m }), [update])),
  ];

  const result = useEngineResult<Computed>(async () => {
    const g = windowGeometry(H, W, size, { stride });
    const r = await pool2d(channels, { size, stride, mode });
    return { g, output: r.output, switches: r.switches, dropped: new Set(droppedCells(g).map((c) => `${c.y},${c.x}`)) };
  }, [channels, size, stride, mode]); // eslint-disable-line react-hooks/exhaustive-deps
  const computed = result.value;
  const quiz = useQuiz(computed?.output[0] ?? null);

  const count = computed ? computed.g.outH * computed.g.outW : 0;
  const step = Math.min(state.step, Math.max(0, count - 1));
  const onStep = useCallback((s: number) => update({ step: s }), [update]);
  const onSpeed = useCallback((speed: Speed) => update({ speed }), [update]);
  const hovered = hover && computed && hover.y >= 0 && hover.x >= 0 && hover.y < computed.g.outH && hover.x < computed.g.outW ? hover : null;
  const focus = computed ? (hovered ?? { y: Math.floor(step / computed.g.outW), x: step % computed.g.outW }) : null;
  const focusIndex = focus && computed ? focus.y * computed.g.outW + focus.x : 0;
  const windowSet = useMemo(
    () => (computed && focus ? new Set(windowCells(computed.g, focus.y, focus.x).map((c) => `${c.y},${c.x}`)) : new Set<string>()),
    [computed, focus?.y, focus?.x], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const showOutputs = !quizMode || quiz.revealed;

  const setNumber = (key: 'size' | 'stride', raw: string) => {
    const n = Number(raw);
    const label = key === 'size' ? 'Window size' : 'Stride';
    if (raw.trim() === '' || !Number.isInteger(n) || n < 1 || n > 4) return setNumberMessage(`${label} must be a whole number from 1 to 4${n === 0 ? ': with stride 0 the window would never move' : ''}.`);
    setNumberMessage(null);
    update({ [key]: n, step: 0 } as Partial<PoolingState>);
  };
  const resizeInput = (rows: number, cols: number) => {
    edits.forEach((e) => e.clear());
    update({ c1: resize(state.c1, rows, cols), c2: resize(state.c2, rows, cols), c3: resize(state.c3, rows, cols), step: 0 });
    quiz.reset();
  };
  const editMessage = edits.slice(0, state.channels).map((e) => e.message).find(Boolean);
  const describe = computed && focus ? `Position ${focusIndex + 1} of ${count}` : 'Computing…';

  return (
    <WidgetFrame title={props.title ?? 'Pooling'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="sliding pooling" onKeyDown={(e) => transportKeys(e, { step, count, onStep, playing, onPlaying: setPlaying })} data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <SizeControl label="Input" rows={H} cols={W} min={1} max={8} onResize={resizeInput} />
          {controls.has('size') && (
            <label className="number-control">
              Window <input type="number" min={1} max={4} value={size} onChange={(e) => setNumber('size', e.target.value)} aria-label="Window size" />
            </label>
          )}
          {controls.has('stride') && (
            <label className="number-control">
              Stride <input type="number" min={1} max={4} value={stride} onChange={(e) => setNumber('stride', e.target.value)} aria-label="Stride" />
            </label>
          )}
          {controls.has('mode') && (
            <label>
              Mode{' '}
              <select value={mode} onChange={(e) => update({ mode: e.target.value as PoolingState['mode'] })}>
                <option value="max">max</option>
                <option value="avg">average</option>
                <option value="l2">L2 norm</option>
              </select>
            </label>
          )}
          {controls.has('channels') && (
            <label>
              Channels{' '}
              <select value={state.channels} onChange={(e) => update({ channels: Number(e.target.value), step: 0 })}>
                {[1, 2, 3].map((c) => (
                  <option key={c} value={c}>{c}</option>
                ))}
              </select>
            </label>
          )}
          {numberMessage && <span className="inline-error" role="alert">{numberMessage}</span>}
        </div>
        {channels.map((input, c) => {
          const out = computed?.output[c];
          const switchOf = (i: number) => computed?.switches?.[c][Math.floor(i / computed.g.outW)][i % computed.g.outW];
          const switchesDone = new Set<number>();
          if (computed?.switches && showOutputs) for (let i = 0; i <= (hovered ? count - 1 : step); i++) switchesDone.add(switchOf(i)!);
          const focusSwitch = computed?.switches ? switchOf(focusIndex) : undefined;
          const shown = out ? out.map((row, y) => row.map((v, x) => (showOutputs && y * computed!.g.outW + x <= step ? v : null))) : [[null]];
          return (
            <div className="equation pool-channel" key={c}>
              <figure>
                <figcaption>{state.channels > 1 ? `Channel ${c + 1}, ` : 'Input '}{H}×{W}</figcaption>
                <MatrixGrid
                  label={state.channels > 1 ? `Channel ${c + 1}` : 'Input'}
                  testId={`${id}-input${c ? c + 1 : ''}`}
                  values={input}
                  editable
                  drafts={edits[c].drafts}
                  invalid={edits[c].invalid}
                  onEdit={edits[c].onEdit}
                  mark={(y, x) => {
                    const k = `${y},${x}`;
                    const marks = [];
                    if (windowSet.has(k)) marks.push(hovered ? 'receptive' : 'window');
                    if (mode === 'max' && switchesDone.has(y * W + x)) marks.push(showOutputs && focusSwitch === y * W + x ? 'switch switch-now' : 'switch');
                    if (computed?.dropped.has(k)) marks.push('dropped');
                    return marks.join(' ') || undefined;
                  }}
                />
              </figure>
              <span className="operator" aria-hidden="true">→</span>
              <figure>
                <figcaption>{MODE_NAMES[mode]} {size}×{size}, stride {stride}{computed ? ` → ${computed.g.outH}×${computed.g.outW}` : ''}</figcaption>
                {quizMode && c === 0 && !quiz.revealed ? (
                  <PoolQuiz id={id} quiz={quiz} rows={computed?.g.outH ?? 1} cols={computed?.g.outW ?? 1} onCell={setHover} focus={focus} />
                ) : (
                  <MatrixGrid
                    label={state.channels > 1 ? `Pooled channel ${c + 1}` : 'Output'}
                    testId={`${id}-output${c ? c + 1 : ''}`}
                    values={quizMode && c > 0 && !quiz.revealed ? shown.map((r) => r.map(() => null)) : shown}
                    focusable
                    onCell={setHover}
                    mark={(y, x) => (focus && y === focus.y && x === focus.x ? (hovered ? 'hovered' : 'current') : quiz.revealed ? quiz.markOf(y, x) : undefined)}
                  />
                )}
              </figure>
              {computed && focus && <WindowSum g={computed.g} input={input} focus={focus} mode={mode} value={showOutputs ? out![focus.y][focus.x] : null} />}
            </div>
          );
        })}
        {(editMessage || result.error) && (
          <p className="inline-error" role="alert">
            {editMessage ?? `${result.error} The last valid result is still shown.`}
          </p>
        )}
        {quizMode && <PoolQuiz.Buttons quiz={quiz} />}
        <Transport step={step} count={count} onStep={onStep} playing={playing} onPlaying={setPlaying} speed={state.speed as Speed} onSpeed={onSpeed} describe={describe} />
        {mode === 'max' && showOutputs && (
          <p className="pool-legend">
            <span className="legend-switch" aria-hidden="true" /> A corner mark shows a <strong>switch</strong>: where the maximum of a window came from. Only those cells reach the output, and
            only they receive a gradient when the network learns.
          </p>
        )}
      </div>
    </WidgetFrame>
  );
}

/** The current window's values and what the mode makes of them; the result comes from the engine (null: hidden in a quiz). */
function WindowSum({ g, input, focus, mode, value }: { g: WindowGeometry; input: number[][]; focus: GridCell; mode: 'max' | 'avg' | 'l2'; value: number | null }) {
  const vals = windowCells(g, focus.y, focus.x).map((c) => input[c.y][c.x]);
  const shown = vals.map((v) => (v < 0 ? `(${formatNumber(v)})` : formatNumber(v)));
  const body =
    mode === 'max' ? `max(${vals.map(formatNumber).join(', ')})` : mode === 'avg' ? `(${shown.join(' + ')}) / ${vals.length}` : `√(${shown.map((v) => `${v}²`).join(' + ')})`;
  return (
    <p className="window-sum" data-testid="window-sum">
      {body} = <strong>{value === null ? '?' : formatNumber(value)}</strong>
    </p>
  );
}
