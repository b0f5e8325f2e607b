// A convolution layer's arithmetic with the student's numbers: output volume H′×W′×K, the length of
// each dot product, the parameter count (F·F·C + 1)·K and the multiply-adds, with the input, one
// filter and the output drawn as boxes. Every count comes from the engine's convLayer / outputSize.
import { useMemo } from 'react';
import { format, scaleLinear, scaleLog } from 'd3';
import { convLayer, outputSize, type ConvLayerSummary } from '../../engine';
import type { Schema } from '../../store/schema';
import { useWidgetState } from '../../store/useWidgetState';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { Presets } from '../common/Presets';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import './channels.css';

const LIMITS = { h: [1, 512], w: [1, 512], c: [1, 4096], f: [1, 512], k: [1, 4096], s: [1, 16], p: [0, 64] } as const;
type Key = keyof typeof LIMITS;
const NAMES: Record<Key, [string, string]> = {
  h: ['Height H', 'the input height'],
  w: ['Width W', 'the input width'],
  c: ['Channels C', 'the number of input channels'],
  f: ['Kernel F', 'the kernel size'],
  k: ['Filters K', 'the number of filters'],
  s: ['Stride S', 'the stride'],
  p: ['Padding P', 'the padding'],
};

export type LayerCalculatorProps = { id?: string; title?: string } & Partial<Record<Key, number>>;

function layerSchema(props: LayerCalculatorProps) {
  const base: Record<Key, number> = { h: 32, w: 32, c: 3, f: 5, k: 10, s: 1, p: 2 };
  const out: Record<string, { kind: 'int'; label: string; default: number; min: number; max: number }> = {};
  for (const key of Object.keys(LIMITS) as Key[]) {
    const [lo, hi] = LIMITS[key];
    const v = props[key];
    out[key] = { kind: 'int', label: NAMES[key][1], default: v !== undefined && Number.isInteger(v) && v >= lo && v <= hi ? v : base[key], min: lo, max: hi };
  }
  return out as Record<Key, (typeof out)[string]> & Schema;
}

const PRESETS: { label: string; values: Record<Key, number> }[] = [
  { label: '32×32×3, ten 5×5, pad 2', values: { h: 32, w: 32, c: 3, f: 5, k: 10, s: 1, p: 2 } },
  { label: '32×32×3, six 5×5, no pad', values: { h: 32, w: 32, c: 3, f: 5, k: 6, s: 1, p: 0 } },
  { label: 'AlexNet CONV1', values: { h: 227, w: 227, c: 3, f: 11, k: 96, s: 4, p: 0 } },
  { label: '1×1: 56×56×64 → 32', values: { h: 56, w: 56, c: 64, f: 1, k: 32, s: 1, p: 0 } },
  { label: 'FC as conv: 32×32×3 → 10', values: { h: 32, w: 32, c: 3, f: 32, k: 10, s: 1, p: 0 } },
  { label: 'VGG16 FC6 as conv: 7×7×512 → 4096', values: { h: 7, w: 7, c: 512, f: 7, k: 4096, s: 1, p: 0 } },
];

const count = format(',');

export function LayerCalculator(props: LayerCalculatorProps) {
  const id = props.id ?? 'layer';
  const schema = useMemo(() => layerSchema(props), [props.h, props.w, props.c, props.f, props.k, props.s, props.p]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema);
  const { h, w, c, f, k, s, p } = state;

  // Arithmetic from the engine; a combination that cannot slide keeps the last good result on screen.
  const result = useEngineResult<Good>(
    async () => ({ layer: convLayer({ inH: h, inW: w, inC: c, kernel: f, filters: k, stride: s, padding: p }), rows: outputSize(h, f, p, s), cols: outputSize(w, f, p, s) }),
    [h, w, c, f, k, s, p],
  );

  return (
    <WidgetFrame title={props.title ?? 'Layer calculator'} id={id} busy={result.busy}>
      <LinkNotes notes={notes} />
      <div className="layer-calc">
        <div className="controls-row">
          {(Object.keys(LIMITS) as Key[]).map((key) => (
            <NumberField
              key={key}
              label={NAMES[key][0]}
              name={NAMES[key][1]}
              value={state[key]}
              min={LIMITS[key][0]}
              max={LIMITS[key][1]}
              minReason={key === 's' ? 'the window has to move' : undefined}
              onChange={(v) => update({ [key]: v })}
              testId={`${id}-${key}`}
            />
          ))}
        </div>
        <Presets label="Examples" items={PRESETS.map((pr) => ({ label: pr.label, value: pr.values }))} onPick={update} />
        <Problems engine={result.error} />
        {result.value && <Lines {...result.value} />}
      </div>
    </WidgetFrame>
  );
}

type Good = { layer: ConvLayerSummary; rows: { size: number; exact: number; fits: boolean }; cols: { size: number; exact: number; fits: boolean } };

function Lines({ layer, rows, cols }: Good) {
  const g = layer.geometry;
  const sizeLine = (n: number, r: Good['rows']) =>
    `(${n} − ${g.kH} + 2·${g.pads.top}) / ${g.strideH} + 1 = ${formatNumber(r.exact)}${r.fits ? '' : ` → ⌊${formatNumber(r.exact)}⌋ = ${r.size} (the stride doesn’t fit)`}`;
  const C = layer.inC;
  return (
    <>
      <ul className="calc-lines" data-testid="layer-lines">
        <li>
          Output {g.inW === g.inH ? 'height and width' : 'height'} {sizeLine(g.inH, rows)}
          {g.inW !== g.inH && `; width ${sizeLine(g.inW, cols)}`}.
        </li>
        <li data-testid="layer-volume">
          Output volume: <strong>{`${layer.outH}×${layer.outW}×${layer.outC}`}</strong> (one {layer.outH}×{layer.outW} map per filter).
        </li>
        <li>
          Each output value: a {g.kH}·{g.kW}·{C} = <strong>{count(layer.weightsPerFilter)}</strong>-term dot product, plus a bias.
        </li>
        <li data-testid="layer-params">
          Parameters: ({g.kH}·{g.kW}·{C} + 1)·{layer.outC} = <strong>{count(layer.params)}</strong> ({count(layer.weights)} weights and {count(layer.biases)} biases).
        </li>
        <li>
          Multiply-adds for one input: {count(layer.outputs)} outputs × {count(layer.weightsPerFilter)} = <strong>{count(layer.multiplyAdds)}</strong>.
        </li>
      </ul>
      <Boxes layer={layer} channels={C} />
    </>
  );
}

/** Input, one filter and the output as boxes: height and width to one scale, depth on a log scale. */
function Boxes({ layer, channels }: { layer: ConvLayerSummary; channels: number }) {
  const g = layer.geometry;
  const side = scaleLinear().domain([0, Math.max(g.inH, g.inW, g.kH)]).range([0, 130]);
  const depth = scaleLog().domain([1, Math.max(channels, layer.outC, 2)]).range([6, 60]);
  const box = (hh: number, ww: number, d: number, label: string, cls?: string) => {
    const H = Math.max(side(hh), 6), W = Math.max(side(ww), 6), D = depth(Math.max(d, 1)), o = D * 0.6;
    return (
      <figure className={cls} key={label}>
        <svg width={W + o + 4} height={H + o + 4} aria-hidden="true">
          <polygon className="top" points={`2,${o + 2} ${o + 2},2 ${W + o + 2},2 ${W + 2},${o + 2}`} />
          <polygon className="side" points={`${W + 2},${o + 2} ${W + o + 2},2 ${W + o + 2},${H + 2} ${W + 2},${H + o + 2}`} />
          <rect className="face" x={2} y={o + 2} width={W} height={H} />
        </svg>
        <figcaption>{label}</figcaption>
      </figure>
    );
  };
  return (
    <div className="boxes" aria-hidden="true">
      {box(g.inH, g.inW, channels, `input ${g.inH}×${g.inW}×${channels}`)}
      {box(g.kH, g.kW, channels, `one filter ${g.kH}×${g.kW}×${channels}`, 'filter')}
      {box(layer.outH, layer.outW, layer.outC, `output ${layer.outH}×${layer.outW}×${layer.outC}`)}
    </div>
  );
}
