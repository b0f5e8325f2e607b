// A fully connected layer is a convolution whose kernel covers its whole input: the same K numbers
// come out of tfjs conv2d (H×W×C filters on an H×W×C input → 1×1×K) and of a matrix product of the
// weights with the flattened input. Both are computed by the engine and shown side by side.
import { useMemo, useState } from 'react';
import { conv2d, fullyConnectedAsConv, matMul } from '../../engine';
import type { Schema } from '../../store/schema';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { seededVolume } from './seeded';
import './oneByOne.css';

const schema = {
  h: { kind: 'int', label: 'input height and width', default: 2, min: 1, max: 3 },
  c: { kind: 'int', label: 'input channels', default: 3, min: 1, max: 3 },
  k: { kind: 'int', label: 'number of outputs', default: 3, min: 1, max: 4 },
  seed: { kind: 'int', label: 'example numbers', default: 5, min: 1, max: 99999 },
} satisfies Schema;

interface Computed {
  conv: number[];
  product: number[];
  inputs: number;
  params: number;
}

export function FullyConnectedAsConv({ id = 'fc', title }: { id?: string; title?: string }) {
  const [state, update, notes] = useWidgetState(id, schema);
  const { h, c, k, seed } = state;
  const input = useMemo(() => seededVolume(seed, c, h, h, -2, 3), [seed, c, h]);
  const filters = useMemo(() => Array.from({ length: k }, (_, i) => seededVolume(seed * 31 + i + 1, c, h, h, -2, 2)), [seed, c, h, k]);
  // Flattening in (channel, row, column) order: the order of the filters' weights too.
  const vector = useMemo(() => [input.flat(2)], [input]);
  const weights = useMemo(() => filters.map((f) => f.flat(2)), [filters]);
  const [hover, setHover] = useState<GridCell | null>(null);

  const result = useEngineResult<Computed>(async () => {
    const out = await conv2d(input, filters);
    const prod = await matMul(weights, vector[0].map((v) => [v]));
    const fc = fullyConnectedAsConv(h, h, c, k);
    return { conv: out.map((m) => m[0][0]), product: prod.map((r) => r[0]), inputs: fc.inputs, params: fc.params };
  }, [input, filters, weights, vector]);
  const r = result.value;

  // The input cell behind a hovered entry of the flattened vector (or column of the weights).
  const index = hover && hover.x >= 0 && hover.x < vector[0].length ? hover.x : null;
  const source = index === null ? null : { c: Math.floor(index / (h * h)), y: Math.floor((index % (h * h)) / h), x: index % h };
  const colour = useMemo(() => signedScale(3), []);

  return (
    <WidgetFrame title={title ?? 'A fully connected layer is a convolution'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="fcconv" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <NumberField label="Input H = W" name="the input size" value={h} min={1} max={3} onChange={(v) => update({ h: v })} testId={`${id}-h`} />
          <NumberField label="Channels C" name="the number of channels" value={c} min={1} max={3} onChange={(v) => update({ c: v })} testId={`${id}-c`} />
          <NumberField label="Outputs K" name="the number of outputs" value={k} min={1} max={4} onChange={(v) => update({ k: v })} testId={`${id}-k`} />
          <button type="button" onClick={() => update({ seed: (seed % 99999) + 1 })}>
            New numbers
          </button>
        </div>
        <Problems engine={result.error} />
        <figure>
          <figcaption>
            Input {h}×{h}×{c}
          </figcaption>
          <div className="fc-channels">
            {input.map((ch, i) => (
              <MatrixGrid
                key={i}
                label={`Input channel ${i + 1}`}
                values={ch}
                size="small"
                colour={colour}
                mark={(y, x) => (source && source.c === i && source.y === y && source.x === x ? 'hovered' : undefined)}
              />
            ))}
          </div>
        </figure>
        <figure className="fc-scroll">
          <figcaption>Flattened into a vector of {r?.inputs ?? '…'} values (channel by channel, row by row)</figcaption>
          <MatrixGrid label="Flattened input" testId={`${id}-vector`} values={vector} size="small" colour={colour} focusable onCell={setHover} mark={(_, x) => (x === index ? 'hovered' : undefined)} />
        </figure>
        <figure className="fc-scroll">
          <figcaption>
            Weights: {k} rows (one per output, or one {h}×{h}×{c} filter each), {r?.inputs ?? '…'} columns
          </figcaption>
          <MatrixGrid label="Weights" testId={`${id}-weights`} values={weights} size="small" colour={colour} focusable onCell={setHover} mark={(_, x) => (x === index ? 'receptive' : undefined)} />
        </figure>
        {r && (
          <ul className="fc-results" data-testid={`${id}-results`}>
            <li>
              As a convolution ({k} filters of {h}×{h}×{c}, output 1×1×{k}): <strong>{r.conv.map(formatNumber).join(', ')}</strong>
            </li>
            <li>
              As a matrix product (weights × flattened input): <strong>{r.product.map(formatNumber).join(', ')}</strong>
            </li>
            <li className={r.conv.every((v, i) => v === r.product[i]) ? 'agree' : 'disagree'}>
              {r.conv.every((v, i) => v === r.product[i]) ? '✓ The same numbers.' : '✗ The two differ (rounding on this backend).'} With a bias per output, such a layer has ({r.inputs} + 1)·{k} = {r.params} parameters either way.
            </li>
          </ul>
        )}
        <p className="hint">Hover over an entry of the flattened vector or a column of the weights to see which input cell it is.</p>
      </div>
    </WidgetFrame>
  );
}
