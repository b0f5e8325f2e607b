// im2col with channels and several filters: rows of X grow to C·F·F values (one block per channel),
// the filters become the columns of W, and one product H = X·W (tfjs matMul) gives every output
// map at once, checked against conv2d. The numbers are small whole numbers from a seed in the link.
import { useCallback, useMemo } from 'react';
import { conv2d, im2col, im2colLayout, matMul, readersOfInput, windowGeometry, type Im2colLayout, type WindowGeometry } from '../../engine';
import { useGridHighlight } from '../../viz/gridHighlight';
import { useWidgetState } from '../../store/useWidgetState';
import { AgreementCheck } from '../../viz/AgreementCheck';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { useEngineResult } from '../common/useEngineResult';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { describeFilters, type FiltersFocus } from './hover';
import { NumberField } from '../common/NumberField';
import { RowLabels, SizeFigures } from './parts';
import { checkFiltersFit, filtersSchema, seededInts } from './schema';
import './im2col.css';

export interface Im2colFiltersProps {
  id?: string;
  channels?: number;
  filters?: number;
  size?: number;
  kernelSize?: number;
  title?: string;
}

interface Computed {
  g: WindowGeometry;
  layout: Im2colLayout;
  input: number[][][];
  filters: number[][][][];
  X: number[][];
  W: number[][];
  H: number[][];
  output: number[][][];
  readers: number[][];
}

export function Im2colFilters(props: Im2colFiltersProps) {
  const id = props.id ?? 'filters';
  const schema = useMemo(() => filtersSchema(props), [props.channels, props.filters, props.size, props.kernelSize]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkFiltersFit);
  const { channels: C, filters: K, size: N, kernelSize: F, stride, padding, seed } = state;

  const result = useEngineResult<Computed>(async () => {
    const g = windowGeometry(N, N, F, { stride, padding });
    const xs = seededInts(seed, C * N * N, 0, 4);
    const ws = seededInts(seed * 7919 + 1, K * C * F * F, -1, 2);
    const input = Array.from({ length: C }, (_, c) => Array.from({ length: N }, (_, y) => xs.slice((c * N + y) * N, (c * N + y + 1) * N)));
    const filters = Array.from({ length: K }, (_, k) => Array.from({ length: C }, (_, c) => Array.from({ length: F }, (_, dy) => ws.slice(((k * C + c) * F + dy) * F, ((k * C + c) * F + dy + 1) * F))));
    // W's column k is filter k laid out in X's column order (c, dy, dx).
    const W = Array.from({ length: C * F * F }, (_, j) => filters.map((f) => f.flat(2)[j]));
    const [X, output] = await Promise.all([im2col(input, { kernel: F, stride, padding }), conv2d(input, filters, { stride, padding })]);
    const H = await matMul(X, W);
    return { g, layout: im2colLayout(g, C), input, filters, X, W, H, output, readers: readersOfInput(g) };
  }, [C, K, N, F, stride, padding, seed]);
  const c = result.value;

  const idle = 'Hover over X, W, H or an output map to see which window and which filter each number comes from.';
  const { root, note, show } = useGridHighlight<FiltersFocus>((f) => (c ? describeFilters({ ...c, channels: c.input.length, filters: c.filters.length }, f, id) : null), idle);
  const colour = useMemo(() => signedScale(Math.max(maxAbsOf(c?.H ?? [[0]]), 1)), [c]);
  const weightColour = useMemo(() => signedScale(2), []);
  const onX = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y, filter: null } : null), [show]);
  const onH = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y, filter: cell.x } : null), [show]);
  const onW = useCallback((cell: GridCell | null) => show(cell ? { row: null, filter: cell.x } : null), [show]);
  const FF = F * F;
  const fits = (p: Partial<typeof state>) => checkFiltersFit({ ...state, ...p });

  return (
    <WidgetFrame title={props.title ?? 'Channels and filters: H = X · W'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="im2col compact" ref={root} data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <NumberField label="Channels" value={C} min={1} max={3} onChange={(n) => update({ channels: n })} />
          <NumberField label="Filters" value={K} min={1} max={4} onChange={(n) => update({ filters: n })} />
          <NumberField label="Input size" value={N} min={2} max={5} onChange={(n) => update({ size: n })} refuse={(n) => fits({ size: n })} />
          <NumberField label="Kernel size" value={F} min={1} max={3} onChange={(n) => update({ kernelSize: n })} refuse={(n) => fits({ kernelSize: n })} />
          <NumberField label="Stride" value={stride} min={1} max={2} onChange={(n) => update({ stride: n })} />
          <NumberField label="Padding" value={padding} min={0} max={1} onChange={(n) => update({ padding: n })} />
          <button type="button" onClick={() => update({ seed: (seed % 9999) + 1 })}>New numbers</button>
        </div>
        {result.error && <p className="inline-error" role="alert">{result.error} The last valid result is still shown.</p>}
        {c && (
          <>
            <div className="equation">
              <div className="channel-stack" role="group" aria-label="Input channels">
                {c.input.map((m, ch) => (
                  <figure key={ch}>
                    <figcaption>Input channel {ch + 1}</figcaption>
                    <MatrixGrid label={`Input channel ${ch + 1}`} testId={`${id}-input-${ch}`} values={m} pads={c.g.pads} />
                  </figure>
                ))}
              </div>
              <div className="filter-bank" role="group" aria-label="Filters" style={{ gridTemplateColumns: `repeat(${C}, auto)` }}>
                {c.filters.map((f, k) =>
                  f.map((m, ch) => (
                    <figure key={`${k},${ch}`}>
                      <figcaption>Filter {k + 1}, channel {ch + 1}</figcaption>
                      <MatrixGrid label={`Filter ${k + 1}, channel ${ch + 1}`} testId={`${id}-f-${k}-${ch}`} values={m} size="small" colour={weightColour} />
                    </figure>
                  )),
                )}
              </div>
            </div>
            <div className="equation im2col-product">
              <figure>
                <figcaption>X: {c.layout.rows} windows × {c.layout.cols} values ({C} channel block{C > 1 ? 's' : ''} of {FF})</figcaption>
                <div className="with-row-labels im2col-scroll">
                  <RowLabels count={c.layout.rows} />
                  <MatrixGrid label="Patch matrix X" testId={`${id}-X`} values={c.X} focusable onCell={onX}
                    mark={(r, j) => [c.layout.source[r * c.layout.cols + j] < 0 ? 'pad-copy' : '', j > 0 && j % FF === 0 ? 'block-start' : ''].filter(Boolean).join(' ') || undefined} />
                </div>
              </figure>
              <span className="operator" aria-hidden="true">·</span>
              <figure>
                <figcaption>W: {c.layout.cols} × {K}</figcaption>
                <MatrixGrid label="Filter matrix W" testId={`${id}-W`} values={c.W} colour={weightColour} focusable onCell={onW}
                  mark={(j) => (j > 0 && j % FF === 0 ? 'block-top' : undefined)} />
              </figure>
              <span className="operator" aria-hidden="true">=</span>
              <figure>
                <figcaption>H: {c.layout.rows} × {K}</figcaption>
                <MatrixGrid label="Product H = X·W" testId={`${id}-H`} values={c.H} colour={colour} focusable onCell={onH} />
              </figure>
            </div>
            <div className="equation">
              {c.output.map((m, k) => (
                <figure key={k}>
                  <figcaption>conv2d, filter {k + 1}</figcaption>
                  <MatrixGrid label={`Output map ${k + 1}`} testId={`${id}-out-${k}`} values={m} colour={colour} focusable
                    onCell={(cell) => show(cell ? { row: cell.y * c.g.outW + cell.x, filter: k } : null)} />
                </figure>
              ))}
            </div>
            <AgreementCheck testId={`${id}-agreement`} unit="output value"
              results={[{ name: 'H = X·W (matMul)', values: c.output.flatMap((_, k) => c.H.map((r) => r[k])) }, { name: 'conv2d', values: c.output.flat(2) }]}
              describe={(i) => { const per = c.g.outH * c.g.outW; return `filter ${Math.floor(i / per) + 1}, output cell ${(i % per) + 1}`; }} />
            <p className="focus-note" aria-live="polite" data-testid={`${id}-focus`} ref={note}>{idle}</p>
            <SizeFigures layout={c.layout} channels={C} testId={`${id}-sizes`} />
            <p className="size-figures">
              W is {c.layout.cols} × {K}: one column per filter, each the filter's {C} × {F} × {F} weights in X’s column order. H = X·W is {c.layout.rows} × {K}: column k, read row by row, is output map k.
            </p>
          </>
        )}
      </div>
    </WidgetFrame>
  );
}
