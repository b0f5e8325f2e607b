// Receptive fields through a stack of layers: hover any cell of any layer to see, layer by layer, the
// cells it depends on below (traced with the engine's windowCells) and the cells it reaches above
// (readersOfInput); with the receptive-field formula and the weights of small stacked kernels vs one large.
import { useMemo, useState } from 'react';
import { format } from 'd3';
import { describeLayer, layerStack, receptiveFieldSizes, stackWeights, traceInfluence, traceReceptiveField, type StackLayer, type WindowGeometry } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import type { GridCell } from '../../viz/MatrixGrid';
import { useEngineResult } from '../common/useEngineResult';
import { Presets } from '../common/Presets';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { LayerGrid } from './LayerGrid';
import { CHOICE_IDS, LAYER_CHOICES, SLOTS, checkReceptive, chosenLayers, receptiveSchema, type LayerChoice } from './schema';
import './receptiveField.css';

export interface ReceptiveFieldProps {
  id?: string;
  title?: string;
  n?: number;
  /** Up to four layers, e.g. "c3,c3,c3" or "c5,p2" (see LAYER_CHOICES). */
  layers?: string;
}

interface Computed {
  stack: WindowGeometry[];
  layers: StackLayer[];
  sizes: { size: number; jump: number }[];
  weights: number;
  single: number;
  channels: number;
}

const count = format(',');
const PRESETS: { label: string; n: number; layers: LayerChoice[] }[] = [
  { label: 'Three 3×3', n: 11, layers: ['c3', 'c3', 'c3'] },
  { label: 'One 7×7', n: 11, layers: ['c7'] },
  { label: '3×3 conv + 2×2 pool', n: 12, layers: ['c3', 'p2'] },
  { label: '5×5 conv + 2×2 pool', n: 12, layers: ['c5', 'p2'] },
  { label: 'conv, pool, conv', n: 14, layers: ['c3', 'p2', 'c3'] },
  { label: 'Two 3×3 with stride 2', n: 15, layers: ['c3s2', 'c3s2'] },
];

export function ReceptiveField(props: ReceptiveFieldProps) {
  const id = props.id ?? 'rf';
  const schema = useMemo(() => receptiveSchema(props), [props.n, props.layers]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkReceptive);
  const [hover, setHover] = useState<{ level: number; y: number; x: number } | null>(null);

  const result = useEngineResult<Computed>(async () => {
    const layers = chosenLayers(state).map((l) => l.layer);
    if (!layers.length) throw new RangeError('Choose at least one layer.');
    const stack = layerStack(state.n, layers);
    const sizes = receptiveFieldSizes(layers);
    const weights = stackWeights(layers, state.channels);
    const single = stackWeights([{ kind: 'conv', kernel: sizes[sizes.length - 1].size }], state.channels);
    return { stack, layers, sizes, weights, single, channels: state.channels };
  }, [state.n, state.l1, state.l2, state.l3, state.l4, state.channels]);
  const c = result.value;

  const levels = c ? [c.stack[0].inH, ...c.stack.map((g) => g.outH)] : [];
  const top = levels.length - 1;
  const valid = (f: { level: number; y: number; x: number } | null) => !!f && f.level <= top && f.y < levels[f.level] && f.x < levels[f.level];
  const focus = valid(hover) ? hover! : { level: top, y: Math.floor((levels[top] ?? 1) / 2), x: Math.floor((levels[top] ?? 1) / 2) };

  const traced = useMemo(() => {
    if (!c) return null;
    const below = traceReceptiveField(c.stack, focus.level, { y: focus.y, x: focus.x });
    const above = traceInfluence(c.stack, focus.level, { y: focus.y, x: focus.x });
    const sets = levels.map((_, l) => new Set((l < focus.level ? below[l] : l > focus.level ? above[l] : []).map((p) => `${p.y},${p.x}`)));
    return { sets, region: below[0], reach: above[top] };
  }, [c, focus.level, focus.y, focus.x]); // eslint-disable-line react-hooks/exhaustive-deps

  const markFor = (level: number) => (y: number, x: number) => {
    if (level === focus.level && y === focus.y && x === focus.x) return 'hovered';
    if (!traced?.sets[level].has(`${y},${x}`)) return undefined;
    return level < focus.level ? 'receptive' : 'window';
  };
  const onCellFor = (level: number) => (cell: GridCell | null) => cell && setHover({ level, ...cell });

  const extent = (cells: { y: number; x: number }[]) =>
    cells.length ? `${Math.max(...cells.map((p) => p.y)) - Math.min(...cells.map((p) => p.y)) + 1}×${Math.max(...cells.map((p) => p.x)) - Math.min(...cells.map((p) => p.x)) + 1}` : '0×0';
  const convs = c ? c.layers.filter((l) => l.kind === 'conv') : [];
  const rf = c ? c.sizes[c.sizes.length - 1].size : 0;

  return (
    <WidgetFrame title={props.title ?? 'Receptive field through a stack of layers'} id={id} busy={result.busy}>
      <LinkNotes notes={notes} />
      <div className="receptive-field" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="layer-slots">
          <NumberField label="Input size" name="the input size" value={state.n} min={3} max={20} onChange={(v) => update({ n: v })} testId={`${id}-n`} />
          {SLOTS.map((slot, i) => (
            <label key={slot}>
              Layer {i + 1}
              <select value={state[slot]} onChange={(e) => update({ [slot]: e.target.value as LayerChoice })} data-testid={`${id}-${slot}`}>
                {CHOICE_IDS.map((ch) => (
                  <option key={ch} value={ch}>
                    {LAYER_CHOICES[ch].label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <Presets
          label="Examples"
          items={PRESETS.map((pr) => ({ label: pr.label, value: pr }))}
          onPick={(pr) => update({ n: pr.n, l1: pr.layers[0], l2: pr.layers[1] ?? 'none', l3: pr.layers[2] ?? 'none', l4: pr.layers[3] ?? 'none' })}
        />
        <Problems engine={result.error} />
        {c && traced && (
          <>
            <div className="levels">
              {levels.map((size, l) => (
                <div key={l} className="level">
                  {l > 0 && (
                    <span className="arrow" aria-hidden="true">
                      →{' '}
                    </span>
                  )}
                  <figure>
                    <figcaption>{l === 0 ? `Input ${size}×${size}` : `Layer ${l}: ${describeLayer(c.layers[l - 1])} → ${size}×${size}`}</figcaption>
                    <LayerGrid label={l === 0 ? 'Input' : `Layer ${l}`} size={size} mark={markFor(l)} onCell={onCellFor(l)} testId={`${id}-level-${l}`} />
                  </figure>
                </div>
              ))}
            </div>
            <p className="legend" aria-hidden="true">
              <span className="swatch hovered" />
              the cell in focus
              <span className="swatch receptive" />
              what it depends on (below)
              <span className="swatch window" />
              what it reaches (above)
            </p>
            <div className="rf-facts" data-testid={`${id}-facts`} aria-live="polite">
              {focus.level > 0 ? (
                <p>
                  {focus.level === top ? 'Output' : `Layer ${focus.level}`} row {focus.y + 1}, column {focus.x + 1} depends on a <strong>{extent(traced.region)}</strong> patch of the input (
                  {traced.region.length} cells{traced.region.length < rf * rf ? ', cut off by the border' : ''}).
                </p>
              ) : (
                <p>
                  Input row {focus.y + 1}, column {focus.x + 1} reaches {traced.reach.length} cell{traced.reach.length === 1 ? '' : 's'} of the last layer.
                </p>
              )}
              <p>
                Receptive field after each layer (r ← r + (F − 1)·jump): {c.sizes.map((s) => `${s.size}×${s.size}`).join(' → ')}.
              </p>
              {convs.length > 0 && (
                <p data-testid={`${id}-weights`}>
                  With {c.channels} channels in and out: {convs.length === 1 ? 'this convolution has' : 'these convolutions have'} ({convs.map((l) => `${l.kernel}·${l.kernel}`).join(' + ')})·{c.channels}² ={' '}
                  <strong>{count(c.weights)}</strong> weights; one {rf}×{rf} convolution would have {rf}·{rf}·{c.channels}² = <strong>{count(c.single)}</strong>.
                </p>
              )}
              <NumberField label="Channels C" name="the number of channels" value={state.channels} min={1} max={2048} onChange={(v) => update({ channels: v })} testId={`${id}-channels`} />
            </div>
          </>
        )}
        <p className="legend">Hover over or tab to any cell of any layer; arrow keys move inside a layer.</p>
      </div>
    </WidgetFrame>
  );
}
