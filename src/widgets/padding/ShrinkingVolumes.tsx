// The same convolution applied layer after layer: without padding a 32×32 volume shrinks 32 → 28 → 24…
// until the kernel no longer fits; with "same" padding (F − 1)/2 it keeps its size. Each size is the
// shape of a real tfjs conv2d output, and the arithmetic under it is the engine's outputSize.
import { useMemo, useState } from 'react';
import { scaleLinear } from 'd3';
import { conv2d, outputSize, samePadding } from '../../engine';
import type { Schema } from '../../store/schema';
import { useWidgetState } from '../../store/useWidgetState';
import { formatNumber } from '../../viz/format';
import { explain, useEngineResult } from '../common/useEngineResult';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import './padding.css';

export interface ShrinkingVolumesProps {
  id?: string;
  title?: string;
  n?: number;
  f?: number;
  p?: number;
  layers?: number;
}

const LIMITS = { n: [1, 128], f: [1, 11], p: [0, 5], s: [1, 4], layers: [1, 8] } as const;

function shrinkSchema(props: ShrinkingVolumesProps) {
  const pick = (v: number | undefined, [lo, hi]: readonly [number, number], d: number) => (v !== undefined && Number.isInteger(v) && v >= lo && v <= hi ? v : d);
  return {
    n: { kind: 'int', label: 'input size', default: pick(props.n, LIMITS.n, 32), min: LIMITS.n[0], max: LIMITS.n[1] },
    f: { kind: 'int', label: 'kernel size', default: pick(props.f, LIMITS.f, 5), min: LIMITS.f[0], max: LIMITS.f[1] },
    p: { kind: 'int', label: 'padding', default: pick(props.p, LIMITS.p, 0), min: LIMITS.p[0], max: LIMITS.p[1] },
    s: { kind: 'int', label: 'stride', default: 1, min: LIMITS.s[0], max: LIMITS.s[1] },
    layers: { kind: 'int', label: 'number of layers', default: pick(props.layers, LIMITS.layers, 6), min: LIMITS.layers[0], max: LIMITS.layers[1] },
  } satisfies Schema;
}

interface Step {
  size: number;
  /** The arithmetic that produced this size from the one before. */
  exact: number;
}

interface Chain {
  n: number;
  f: number;
  p: number;
  s: number;
  steps: Step[];
  /** Why the chain stopped before the requested number of layers, if it did. */
  stopped: string | null;
}

const ones = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(1));

export function ShrinkingVolumes(props: ShrinkingVolumesProps) {
  const id = props.id ?? 'shrink';
  const schema = useMemo(() => shrinkSchema(props), [props.n, props.f, props.p, props.layers]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema);
  const { n, f, p, s, layers } = state;
  const [sameError, setSameError] = useState<string | null>(null);

  const result = useEngineResult<Chain>(async () => {
    const steps: Step[] = [];
    let size = n;
    let stopped: string | null = null;
    for (let i = 0; i < layers; i++) {
      if (f > size + 2 * p) {
        stopped = `The ${f}×${f} kernel no longer fits in the ${size}×${size}${p ? ` (padded ${size + 2 * p}×${size + 2 * p})` : ''} volume: layer ${i + 1} is impossible.`;
        break;
      }
      // The next size is the shape of a real convolution's output.
      const [out] = await conv2d([ones(size)], [[ones(f)]], { stride: s, padding: p });
      steps.push({ size: out.length, exact: outputSize(size, f, p, s).exact });
      size = out.length;
    }
    return { n, f, p, s, steps, stopped };
  }, [n, f, p, s, layers]);
  const chain = result.value;

  const useSame = () => {
    try {
      update({ p: samePadding(f), s: 1 });
      setSameError(null);
    } catch (e) {
      setSameError(explain(e));
    }
  };

  const sizes = chain ? [chain.n, ...chain.steps.map((st) => st.size)] : [];
  const side = scaleLinear().domain([0, Math.max(1, ...sizes)]).range([0, 110]);

  return (
    <WidgetFrame title={props.title ?? 'Volumes shrinking layer by layer'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="shrinking" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <NumberField label="Input N" name="the input size" value={n} min={LIMITS.n[0]} max={LIMITS.n[1]} onChange={(v) => update({ n: v })} testId={`${id}-n`} />
          <NumberField label="Kernel F" name="the kernel size" value={f} min={LIMITS.f[0]} max={LIMITS.f[1]} onChange={(v) => update({ f: v })} testId={`${id}-f`} />
          <NumberField label="Padding P" name="the padding" value={p} min={LIMITS.p[0]} max={LIMITS.p[1]} onChange={(v) => update({ p: v })} testId={`${id}-p`} />
          <NumberField label="Stride S" name="the stride" value={s} min={LIMITS.s[0]} max={LIMITS.s[1]} minReason="the window has to move" onChange={(v) => update({ s: v })} testId={`${id}-s`} />
          <NumberField label="Layers" name="the number of layers" value={layers} min={LIMITS.layers[0]} max={LIMITS.layers[1]} onChange={(v) => update({ layers: v })} testId={`${id}-layers`} />
          <button type="button" onClick={useSame}>
            Same padding: P = (F − 1) / 2
          </button>
          <button type="button" onClick={() => update({ p: 0 })}>
            No padding
          </button>
        </div>
        <Problems inputs={[sameError]} engine={result.error} />
        {chain && (
          <>
            <ol className="steps" aria-label="Volume sizes, layer by layer" data-testid={`${id}-sizes`}>
              {sizes.map((size, i) => {
                const a = side(size);
                const pad = i < sizes.length - 1 ? side(chain.p) : 0;
                return (
                  <li key={i}>
                    <svg width={a + 2 * pad + 4} height={a + 2 * pad + 4} aria-hidden="true">
                      {pad > 0 && <rect className="pad" x={2} y={2} width={a + 2 * pad} height={a + 2 * pad} />}
                      <rect x={2 + pad} y={2 + pad} width={Math.max(a, 1)} height={Math.max(a, 1)} />
                    </svg>
                    <span className="size-label" data-testid={`${id}-size`}>
                      {size}×{size}
                    </span>
                    <span className="layer-label">{i === 0 ? 'input' : `after layer ${i}`}</span>
                  </li>
                );
              })}
            </ol>
            <ul className="arith" aria-label="The arithmetic">
              {chain.steps.map((st, i) => (
                <li key={i}>
                  Layer {i + 1}: ({sizes[i]} − {chain.f} + 2·{chain.p}) / {chain.s} + 1 = {formatNumber(st.exact)}
                  {Number.isInteger(st.exact) ? '' : ` → ${st.size}`}
                </li>
              ))}
            </ul>
            {chain.stopped && <p className="stop">{chain.stopped}</p>}
            <p className="computed-note">
              {chain.p ? `Dashed: the ${chain.p}-cell ring of zero padding around each volume before the next layer. ` : ''}Sizes are the shapes of tfjs conv2d outputs.
            </p>
          </>
        )}
      </div>
    </WidgetFrame>
  );
}
