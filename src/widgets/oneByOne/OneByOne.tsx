// A 1×1 convolution: every pixel of a C-channel volume is a vector of C numbers, and each 1×1×C filter
// takes its dot product with that vector, pixel by pixel; K filters turn C channels into K. The terms
// are the engine's windowProducts and the outputs its conv2d.
import { useMemo, useState } from 'react';
import { conv2d, windowProducts } from '../../engine';
import type { MatrixField, Schema } from '../../store/schema';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { seededVolume } from './seeded';
import './oneByOne.css';

const SIZE = 4;
const weightsField: MatrixField = { kind: 'matrix', label: '1×1 filter weights', default: [[1, 1, 1, 1], [1, 0, -1, 0]], minSize: 1, maxSize: 6, maxAbs: 1000 };
const schema = {
  weights: weightsField,
  seed: { kind: 'int', label: 'input numbers', default: 7, min: 1, max: 99999 },
} satisfies Schema;

interface Computed {
  output: number[][][];
  /** terms[k][position][c] */
  terms: number[][][];
}

export function OneByOne({ id = 'onebyone', title }: { id?: string; title?: string }) {
  const [state, update, notes] = useWidgetState(id, schema);
  const { weights, seed } = state;
  const K = weights.length;
  const C = weights[0].length;
  const input = useMemo(() => seededVolume(seed, C, SIZE, SIZE, 0, 4), [seed, C]);
  const [hover, setHover] = useState<GridCell | null>(null);
  const edits = useMatrixEdits('Weights', weights, (m) => update({ weights: m }));

  const result = useEngineResult<Computed>(async () => {
    const filters = weights.map((row) => row.map((w) => [[w]]));
    const output = await conv2d(input, filters);
    const terms = await Promise.all(filters.map((_, k) => windowProducts(input, filters, { filter: k })));
    return { output, terms };
  }, [weights, input]);
  const c = result.value;
  const focus = hover && hover.y >= 0 && hover.x >= 0 && hover.y < SIZE && hover.x < SIZE ? hover : { y: 0, x: 0 };
  const pos = focus.y * SIZE + focus.x;
  const inColour = useMemo(() => signedScale(Math.max(1, maxAbsOf(input.flat()))), [input]);
  const outColour = useMemo(() => signedScale(Math.max(1, ...(c?.output ?? [[[1]]]).map(maxAbsOf))), [c]);
  const mark = (y: number, x: number) => (y === focus.y && x === focus.x ? 'hovered' : undefined);

  return (
    <WidgetFrame title={title ?? '1×1 convolution: a dot product at every pixel'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="onebyone" data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <SizeControl
            label="Weights (filters × channels)"
            rows={K}
            cols={C}
            min={1}
            max={6}
            onResize={(rows, cols) => {
              edits.clear();
              update({ weights: resize(weights, rows, cols) });
            }}
          />
          <button type="button" onClick={() => update({ seed: (seed % 99999) + 1 })}>
            New input numbers
          </button>
        </div>
        <Problems inputs={[edits.message]} engine={result.error} />
        <div className="obo-row">
          <figure>
            <figcaption>
              Input {SIZE}×{SIZE}×{C}: {C} channels
            </figcaption>
            <div className="obo-channels">
              {input.map((ch, i) => (
                <figure key={i}>
                  <figcaption>channel {i + 1}</figcaption>
                  <MatrixGrid label={`Input channel ${i + 1}`} testId={`${id}-in-${i}`} values={ch} size="small" colour={inColour} focusable onCell={setHover} mark={mark} />
                </figure>
              ))}
            </div>
          </figure>
          <figure>
            <figcaption>Filters: one row of {C} weights per filter</figcaption>
            <MatrixGrid label="Weights" testId={`${id}-weights`} values={weights} size="small" editable drafts={edits.drafts} invalid={edits.invalid} onEdit={edits.onEdit} />
          </figure>
        </div>
        {c && (
          <ol className="obo-dots" data-testid={`${id}-dots`} aria-live="polite">
            {c.terms.map((t, k) => (
              <li key={k}>
                Filter {k + 1} at row {focus.y + 1}, column {focus.x + 1}:{' '}
                {weights[k].map((w, ch) => `${formatNumber(input[ch][focus.y][focus.x])}×${formatNumber(w)}`).join(' + ')} = {t[pos].map(formatNumber).join(' + ')} ={' '}
                <strong>{formatNumber(c.output[k][focus.y][focus.x])}</strong>
              </li>
            ))}
          </ol>
        )}
        {c && (
          <figure className="obo-out">
            <figcaption>
              Output {SIZE}×{SIZE}×{c.output.length}: one map per filter, each value a {C}-term dot product
            </figcaption>
            <div className="obo-channels">
              {c.output.map((map, k) => (
                <figure key={k}>
                  <figcaption>map {k + 1}</figcaption>
                  <MatrixGrid label={`Output map ${k + 1}`} testId={`${id}-out-${k}`} values={map} size="small" colour={outColour} focusable onCell={setHover} mark={mark} />
                </figure>
              ))}
            </div>
          </figure>
        )}
        <p className="hint">Hover over or tab to any pixel: the same position is marked in every channel and every map.</p>
      </div>
    </WidgetFrame>
  );
}
