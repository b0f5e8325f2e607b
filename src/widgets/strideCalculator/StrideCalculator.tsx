// Stride and output size: (N − F + 2P) / S + 1 written out with the student's numbers, the floor when
// the stride doesn't fit, the input cells no window reaches (hatched), SAME/VALID as the frameworks
// say it, and the common settings one click away. The output is a real tfjs conv2d of an all-ones input.
import { useMemo, useState } from 'react';
import { conv2d, droppedCells, paddedOutputSize, paddingsThatFit, windowCells, windowGeometry, type WindowGeometry } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { magnitudeScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { Presets } from '../common/Presets';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { checkStride, LIMITS, strideSchema, type PaddingMode } from './schema';
import './strideCalculator.css';

export interface StrideCalculatorProps {
  id?: string;
  title?: string;
  n?: number;
  f?: number;
  s?: number;
  p?: number;
}

interface Computed {
  g: WindowGeometry;
  axis: { size: number; exact: number; fits: boolean; span: number };
  counts: number[][];
  dropped: Set<string>;
  droppedLines: number;
}

/** Largest padded input and output drawn as grids (bigger ones are described in words). */
const DRAW_INPUT = 24;
const DRAW_OUTPUT = 16;

const ones = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(1));

export function StrideCalculator(props: StrideCalculatorProps) {
  const id = props.id ?? 'stride';
  const schema = useMemo(() => strideSchema(props), [props.n, props.f, props.s, props.p]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkStride);
  const { n, f, s, p, mode } = state;
  const [hover, setHover] = useState<GridCell | null>(null);
  const padding = mode === 'explicit' ? p : mode;

  const result = useEngineResult<Computed>(async () => {
    const g = windowGeometry(n, n, f, { stride: s, padding });
    const axis = paddedOutputSize(n, f, g.pads.top, g.pads.bottom, s);
    const [counts] = await conv2d([ones(n)], [[ones(f)]], { stride: s, padding });
    const dropped = droppedCells(g);
    const perRow = new Map<number, number>();
    for (const c of dropped) perRow.set(c.y, (perRow.get(c.y) ?? 0) + 1);
    const droppedLines = [...perRow.values()].filter((k) => k === n).length;
    return { g, axis, counts, dropped: new Set(dropped.map((c) => `${c.y},${c.x}`)), droppedLines };
  }, [n, f, s, p, mode]);
  const c = result.value;

  const focus = c ? (hover && hover.y >= 0 && hover.x >= 0 && hover.y < c.g.outH && hover.x < c.g.outW ? hover : { y: c.g.outH - 1, x: c.g.outW - 1 }) : null;
  const windowSet = useMemo(() => new Set(c && focus ? windowCells(c.g, focus.y, focus.x).map((w) => `${w.y},${w.x}`) : []), [c, focus?.y, focus?.x]); // eslint-disable-line react-hooks/exhaustive-deps
  const colour = useMemo(() => magnitudeScale(f * f), [f]);

  const presets = [
    { label: 'F=3, S=1, P=1', f: 3, s: 1, p: 1 },
    { label: 'F=5, S=1, P=2', f: 5, s: 1, p: 2 },
    { label: 'F=5, S=2, P that fits', f: 5, s: 2, p: -1 },
    { label: 'F=1, S=1, P=0', f: 1, s: 1, p: 0 },
    { label: '7×7, F=3, S=3 (doesn’t fit)', f: 3, s: 3, p: 0, n: 7 },
  ];
  const apply = (pr: (typeof presets)[number]) => {
    const size = pr.n ?? n;
    const fit = pr.p >= 0 ? pr.p : (paddingsThatFit(size, pr.f, pr.s, LIMITS.p[1])[0] ?? 0);
    update({ n: size, f: pr.f, s: pr.s, p: fit, mode: 'explicit' });
  };

  return (
    <WidgetFrame title={props.title ?? 'Output size calculator'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="stride-calc" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <NumberField label="Input N" name="the input size N" value={n} min={LIMITS.n[0]} max={LIMITS.n[1]} onChange={(v) => update({ n: v })} testId={`${id}-n`} />
          <NumberField label="Kernel F" name="the kernel size F" value={f} min={LIMITS.f[0]} max={LIMITS.f[1]} onChange={(v) => update({ f: v })} testId={`${id}-f`} />
          <NumberField
            label="Stride S"
            name="the stride S"
            value={s}
            min={LIMITS.s[0]}
            max={LIMITS.s[1]}
            minReason="the window has to move"
            onChange={(v) => update({ s: v })}
            testId={`${id}-s`}
          />
          {mode === 'explicit' && (
            <NumberField label="Padding P" name="the padding P" value={p} min={LIMITS.p[0]} max={LIMITS.p[1]} onChange={(v) => update({ p: v })} testId={`${id}-p`} />
          )}
          <fieldset className="padding-mode">
            <legend>Padding</legend>
            {(
              [
                ['explicit', 'P cells'],
                ['same', 'SAME'],
                ['valid', 'VALID'],
              ] as [PaddingMode, string][]
            ).map(([m, label]) => (
              <label key={m}>
                <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => update({ mode: m })} /> {label}
              </label>
            ))}
          </fieldset>
        </div>
        <Presets label="Common settings" items={presets.map((pr) => ({ label: pr.label, value: pr }))} onPick={apply} />
        <Problems engine={result.error} />
        {c && <Formula c={c} mode={mode} />}
        {c && (
          <div className="equation">
            <figure>
              <figcaption>
                Input {c.g.inH}×{c.g.inW} of ones
                {c.g.pads.top + c.g.pads.bottom ? `, padded to ${c.g.paddedH}×${c.g.paddedW}` : ''}
              </figcaption>
              {c.g.paddedH <= DRAW_INPUT ? (
                <MatrixGrid
                  label="Input"
                  testId={`${id}-input`}
                  values={ones(c.g.inH)}
                  pads={c.g.pads}
                  size="small"
                  mark={(y, x) => (windowSet.has(`${y},${x}`) ? (hover ? 'receptive' : 'window') : c.dropped.has(`${y},${x}`) ? 'dropped' : undefined)}
                />
              ) : (
                <p className="too-big">Drawn up to {DRAW_INPUT}×{DRAW_INPUT}.</p>
              )}
            </figure>
            <span className="operator" aria-hidden="true">→</span>
            <figure>
              <figcaption>
                Output {c.counts.length}×{c.counts[0].length} (tfjs conv2d): real input cells under each window
              </figcaption>
              {c.counts.length <= DRAW_OUTPUT ? (
                <MatrixGrid
                  label="Output"
                  testId={`${id}-output`}
                  values={c.counts}
                  colour={colour}
                  size="small"
                  focusable
                  onCell={setHover}
                  mark={(y, x) => (focus && y === focus.y && x === focus.x ? (hover ? 'hovered' : 'current') : undefined)}
                />
              ) : (
                <p className="too-big">Drawn up to {DRAW_OUTPUT}×{DRAW_OUTPUT}.</p>
              )}
            </figure>
          </div>
        )}
        <p className="hint">Hover over or tab to an output cell to see its window. The last window is shown otherwise.</p>
      </div>
    </WidgetFrame>
  );
}

/** The formula with the student's numbers, the floor, and what a stride that doesn't fit leaves out. */
function Formula({ c, mode }: { c: Computed; mode: PaddingMode }) {
  const { g, axis } = c;
  const even = g.pads.top === g.pads.bottom;
  const padText = even ? `2·${g.pads.top}` : `${g.pads.top} + ${g.pads.bottom}`;
  const travel = axis.span;
  const exact = formatNumber(axis.exact);
  const lines = c.droppedLines === 1 ? '1 row and 1 column' : `${c.droppedLines} rows and ${c.droppedLines} columns`;
  return (
    <div className="formula" data-testid="stride-formula" aria-live="polite">
      <p className="formula-symbols">
        Output size = (N − F + {even ? '2P' : 'P_before + P_after'}) / S + 1
      </p>
      <p className="formula-numbers">
        = ({g.inH} − {g.kH} + {padText}) / {g.strideH} + 1 = {travel} / {g.strideH} + 1 = <strong>{exact}</strong>
        {!axis.fits && (
          <>
            {' '}
            → ⌊{exact}⌋ = <strong>{axis.size}</strong>
          </>
        )}
      </p>
      {mode === 'same' && (
        <p>
          SAME (TensorFlow, Keras) adds just enough zeros that the output is ⌈N / S⌉ = {g.outH}: here {g.pads.top} before and {g.pads.bottom} after
          {even ? '' : ' (the extra cell goes after)'}.
        </p>
      )}
      {mode === 'valid' && <p>VALID means no padding at all: windows only where the kernel fits inside the input.</p>}
      <p className={axis.fits ? 'verdict-fit' : 'verdict-nofit'} data-testid="stride-verdict">
        {axis.fits ? '✓ It fits: the last window ends exactly at the border' : `✗ It doesn’t fit: ${travel} / ${g.strideH} is not a whole number, so the frameworks round down`}
        {c.droppedLines === 0
          ? axis.fits
            ? '.'
            : '. The cells left over are only padding, so no input cell is lost.'
          : `${axis.fits ? ', but the stride is larger than the kernel' : ''}: ${lines} of the input ${c.droppedLines === 1 ? 'is' : 'are'} never read (hatched).`}
      </p>
    </div>
  );
}
