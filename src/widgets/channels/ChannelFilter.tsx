// A filter spans every input channel: each slice is correlated with its channel (three maps), the maps
// are summed and the bias added (one output map); K filters stack into a K-deep output volume.
// Per-channel maps, the output and the volume are all tfjs conv2d results.
import { useMemo, useState } from 'react';
import { format } from 'd3';
import { conv2d, convLayer, windowCells, windowGeometry, type WindowGeometry } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { parseCell, useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { CHANNEL_NAMES, CHANNELS, channelSchema, checkChannels, fixedFilter } from './schema';
import './channels.css';

export interface ChannelFilterProps {
  id?: string;
  title?: string;
  /** Number of filters to start with (1–4). */
  filters?: number;
}

interface Computed {
  g: WindowGeometry;
  /** perChannel[c]: channel c correlated with slice c (no bias). */
  perChannel: number[][][];
  /** volume[k]: output map of filter k (filter 0 is the student's, with its bias). */
  volume: number[][][];
  params: number;
  terms: number;
}

const count = format(',');

export function ChannelFilter(props: ChannelFilterProps) {
  const id = props.id ?? 'rgb';
  const schema = useMemo(() => channelSchema(props), [props.filters]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkChannels);
  const input = [state.r, state.g, state.b];
  const filter = [state.wr, state.wg, state.wb];
  const { bias, k, padding } = state;
  const [hover, setHover] = useState<GridCell | null>(null);
  const [biasText, setBiasText] = useState<string | null>(null);

  const inputKeys = ['r', 'g', 'b'] as const;
  const sliceKeys = ['wr', 'wg', 'wb'] as const;
  const inputEdits = [
    useMatrixEdits('Red input', state.r, (m) => update({ r: m })),
    useMatrixEdits('Green input', state.g, (m) => update({ g: m })),
    useMatrixEdits('Blue input', state.b, (m) => update({ b: m })),
  ];
  const sliceEdits = [
    useMatrixEdits('Filter red slice', state.wr, (m) => update({ wr: m })),
    useMatrixEdits('Filter green slice', state.wg, (m) => update({ wg: m })),
    useMatrixEdits('Filter blue slice', state.wb, (m) => update({ wb: m })),
  ];

  const result = useEngineResult<Computed>(async () => {
    const fh = filter[0].length;
    const fw = filter[0][0].length;
    const g = windowGeometry(input[0].length, input[0][0].length, [fh, fw], { padding });
    const perChannel = await Promise.all([0, 1, 2].map(async (c) => (await conv2d([input[c]], [[filter[c]]], { padding }))[0]));
    const bank = [filter, ...[1, 2, 3].map((i) => fixedFilter(i, fh, fw))].slice(0, k);
    const volume = await conv2d(input, bank, { padding, bias: bank.map((_, i) => (i === 0 ? bias : 0)) });
    const layer = convLayer({ inH: g.inH, inW: g.inW, inC: 3, kernel: [fh, fw], filters: k, padding });
    return { g, perChannel, volume, params: layer.params, terms: layer.weightsPerFilter };
  }, [state.r, state.g, state.b, state.wr, state.wg, state.wb, bias, k, padding]);
  const c = result.value;

  const focus = c && hover && hover.y >= 0 && hover.x >= 0 && hover.y < c.g.outH && hover.x < c.g.outW ? hover : { y: 0, x: 0 };
  const windowSet = useMemo(() => new Set(c ? windowCells(c.g, focus.y, focus.x).map((w) => `${w.y},${w.x}`) : []), [c, focus.y, focus.x]);
  const colour = useMemo(() => signedScale(Math.max(1, ...(c ? [...c.perChannel, ...c.volume].map(maxAbsOf) : [1]))), [c]);
  const sliceColour = useMemo(() => signedScale(Math.max(1, ...filter.map(maxAbsOf))), [state.wr, state.wg, state.wb]); // eslint-disable-line react-hooks/exhaustive-deps
  const mark = (y: number, x: number) => (y === focus.y && x === focus.x ? 'hovered' : undefined);

  const resizeInput = (rows: number, cols: number) => {
    inputEdits.forEach((e) => e.clear());
    const patch = { r: resize(state.r, rows, cols), g: resize(state.g, rows, cols), b: resize(state.b, rows, cols) };
    const fh = Math.min(filter[0].length, rows + 2 * padding);
    const fw = Math.min(filter[0][0].length, cols + 2 * padding);
    update({ ...patch, wr: resize(state.wr, fh, fw), wg: resize(state.wg, fh, fw), wb: resize(state.wb, fh, fw) });
  };
  const resizeFilter = (rows: number, cols: number) => {
    sliceEdits.forEach((e) => e.clear());
    update({ wr: resize(state.wr, rows, cols), wg: resize(state.wg, rows, cols), wb: resize(state.wb, rows, cols) });
  };
  const biasParsed = biasText === null ? bias : parseCell(biasText, 1000);
  const editMessage = [...inputEdits, ...sliceEdits].map((e) => e.message).find(Boolean);

  return (
    <WidgetFrame title={props.title ?? 'One filter, three channels'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="channels" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <SizeControl label="Input" rows={state.r.length} cols={state.r[0].length} min={1} max={7} onResize={resizeInput} />
          <SizeControl label="Filter" rows={state.wr.length} cols={state.wr[0].length} min={1} max={5} onResize={resizeFilter} />
          <span className="number-field">
            <label htmlFor={`${id}-bias`}>Bias</label>
            <input
              id={`${id}-bias`}
              type="text"
              inputMode="decimal"
              size={4}
              value={biasText ?? String(bias)}
              aria-invalid={typeof biasParsed === 'string' || undefined}
              onChange={(e) => {
                const v = parseCell(e.target.value, 1000);
                setBiasText(e.target.value);
                if (typeof v === 'number') update({ bias: v });
              }}
              onBlur={() => typeof biasParsed === 'number' && setBiasText(null)}
            />
            {typeof biasParsed === 'string' && (
              <span className="inline-error" role="alert">
                The bias {biasParsed}. Still using {formatNumber(bias)}.
              </span>
            )}
          </span>
          <NumberField label="Padding" name="the padding" value={padding} min={0} max={2} onChange={(v) => update({ padding: v })} testId={`${id}-padding`} />
        </div>
        <Problems inputs={[editMessage]} engine={result.error} />
        <div className="channel-rows">
          {CHANNELS.map((name, ch) => (
            <div className={`channel-row channel-${CHANNEL_NAMES[ch]}`} key={name}>
              <figure>
                <figcaption>
                  <span className="channel-tag">{name}</span> {CHANNEL_NAMES[ch]} channel
                </figcaption>
                <MatrixGrid
                  label={`${CHANNEL_NAMES[ch][0].toUpperCase()}${CHANNEL_NAMES[ch].slice(1)} input`}
                  testId={`${id}-in-${inputKeys[ch]}`}
                  values={input[ch]}
                  pads={c?.g.pads}
                  size="small"
                  editable
                  drafts={inputEdits[ch].drafts}
                  invalid={inputEdits[ch].invalid}
                  onEdit={inputEdits[ch].onEdit}
                  mark={(y, x) => (windowSet.has(`${y},${x}`) ? 'receptive' : undefined)}
                />
              </figure>
              <span className="operator" aria-hidden="true">⊛</span>
              <figure>
                <figcaption>filter, {name} slice</figcaption>
                <MatrixGrid
                  label={`Filter ${CHANNEL_NAMES[ch]} slice`}
                  testId={`${id}-w-${sliceKeys[ch]}`}
                  values={filter[ch]}
                  size="small"
                  colour={sliceColour}
                  editable
                  drafts={sliceEdits[ch].drafts}
                  invalid={sliceEdits[ch].invalid}
                  onEdit={sliceEdits[ch].onEdit}
                />
              </figure>
              <span className="operator" aria-hidden="true">=</span>
              <figure>
                <figcaption>{name} part</figcaption>
                {c && (
                  <MatrixGrid label={`${name} part`} testId={`${id}-part-${ch}`} values={c.perChannel[ch]} size="small" colour={colour} focusable onCell={setHover} mark={mark} />
                )}
              </figure>
            </div>
          ))}
          <div className="channel-sum">
            <span className="operator" aria-hidden="true">Σ + bias</span>
            <figure>
              <figcaption>Output map (filter 1)</figcaption>
              {c && <MatrixGrid label="Output map" testId={`${id}-out`} values={c.volume[0]} colour={colour} focusable onCell={setHover} mark={mark} />}
            </figure>
          </div>
        </div>
        {c && (
          <p className="channel-sum-line" data-testid={`${id}-sum`} aria-live="polite">
            Row {focus.y + 1}, column {focus.x + 1}: {CHANNELS.map((n, ch) => `${n} ${formatNumber(c.perChannel[ch][focus.y][focus.x])}`).join(' + ')} + bias {formatNumber(bias)} ={' '}
            <strong>{formatNumber(c.volume[0][focus.y][focus.x])}</strong>
          </p>
        )}
        <h4 className="volume-title">
          {k} filter{k === 1 ? '' : 's'} → an output volume of {c ? `${c.g.outH}×${c.g.outW}×${c.volume.length}` : '…'}
        </h4>
        <div className="controls-row">
          <NumberField label="Filters K" name="the number of filters" value={k} min={1} max={4} onChange={(v) => update({ k: v })} testId={`${id}-k`} />
          {c && (
            <span data-testid={`${id}-params`}>
              Parameters: ({c.g.kH}·{c.g.kW}·3 + 1)·{c.volume.length} = <strong>{count(c.params)}</strong> (each output: a {c.terms}-term dot product plus a bias)
            </span>
          )}
        </div>
        {c && (
          <div className="volume-stack" data-testid={`${id}-volume`}>
            {c.volume.map((map, i) => (
              <figure key={i} style={{ zIndex: c.volume.length - i }}>
                <figcaption>
                  Map {i + 1}
                  {i === 0 ? ' (your filter)' : ' (fixed weights)'}
                </figcaption>
                <MatrixGrid label={`Output map ${i + 1}`} values={map} size="small" colour={colour} />
              </figure>
            ))}
          </div>
        )}
        <p className="hint">Hover over or tab to a cell of any map: the window is marked on all three channels and the sum is written out.</p>
      </div>
    </WidgetFrame>
  );
}
