// im2col, linked cell to cell: the patch matrix X (one row per window) beside the input, the kernel
// as a column w, the product X·w (tfjs matMul) next to conv2d's output, and a check that they agree.
// Hover a row: its window lights up on the input and its cell on the output; hover an input cell:
// every entry of X that copies it lights up. Index maps come from the engine's geometry.
import { useCallback, useMemo, useState } from 'react';
import { conv2d, droppedCells, im2col, im2colLayout, matMul, readersOfInput, windowCells, windowGeometry, type Im2colLayout, type WindowGeometry } from '../../engine';
import { useGridHighlight } from '../../viz/gridHighlight';
import { useWidgetState } from '../../store/useWidgetState';
import { AgreementCheck } from '../../viz/AgreementCheck';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { Transport, transportKeys, type Speed } from '../common/Transport';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { describeIm2col, type Im2colFocus } from './hover';
import { NumberField } from '../common/NumberField';
import { RowLabels, SizeFigures } from './parts';
import { checkFits, im2colSchema } from './schema';
import './im2col.css';

export interface Im2colProps {
  id?: string;
  /** Starting input and kernel as `"2,1,0,0;3,2,1,1;…"`. */
  input?: string;
  kernel?: string;
  stride?: number;
  padding?: number;
  title?: string;
}

interface Computed {
  g: WindowGeometry;
  layout: Im2colLayout;
  patches: number[][];
  kernelColumn: number[][];
  product: number[][];
  output: number[][];
  readers: number[][];
  dropped: Set<string>;
}

export function Im2col(props: Im2colProps) {
  const id = props.id ?? 'im2col';
  const schema = useMemo(() => im2colSchema(props), [props.input, props.kernel, props.stride, props.padding]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkFits);
  const { input, kernel, stride, padding } = state;
  const [playing, setPlaying] = useState(false);
  const inputEdits = useMatrixEdits('Input', input, useCallback((m: number[][]) => update({ input: m }), [update]));
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));

  const result = useEngineResult<Computed>(async () => {
    const g = windowGeometry(input.length, input[0].length, [kernel.length, kernel[0].length], { stride, padding });
    const kernelColumn = kernel.flat().map((w) => [w]);
    const [patches, [output]] = await Promise.all([im2col([input], { kernel: [g.kH, g.kW], stride, padding }), conv2d([input], [[kernel]], { stride, padding })]);
    const product = await matMul(patches, kernelColumn);
    const dropped = new Set(droppedCells(g).map((c) => `${c.y},${c.x}`));
    return { g, layout: im2colLayout(g, 1), patches, kernelColumn, product, output, readers: readersOfInput(g), dropped };
  }, [input, kernel, stride, padding]);
  const c = result.value;

  const count = c ? c.layout.rows : 0;
  const step = Math.min(state.step, Math.max(0, count - 1));
  const onStep = useCallback((s: number) => update({ step: s }), [update]);
  const onSpeed = useCallback((speed: Speed) => update({ speed }), [update]);

  // The window the transport is on (React marks); hover is drawn on top without re-rendering.
  const row = step;
  const windowSet = useMemo(() => {
    if (!c || row >= c.layout.rows) return new Set<string>();
    return new Set(windowCells(c.g, Math.floor(row / c.g.outW), row % c.g.outW).map((w) => `${w.y},${w.x}`));
  }, [c, row]);
  const rowText = c && row < c.layout.rows ? `row ${row + 1} of X is output row ${Math.floor(row / c.g.outW) + 1}, column ${(row % c.g.outW) + 1}` : '';
  const idle = c ? `Highlighted: ${rowText}; its ${c.layout.cols} values are the window on the input. Hover over X, the input or the output to see the links.` : '';
  const { root, note, show } = useGridHighlight<Im2colFocus>((f) => (c ? describeIm2col(c, f, id, input) : null), idle);
  const colour = useMemo(() => signedScale(Math.max(maxAbsOf(c?.output ?? [[0]]), maxAbsOf(c?.product ?? [[0]]), 1)), [c]);
  const kernelColour = useMemo(() => signedScale(Math.max(maxAbsOf(kernel), 1)), [kernel]);
  const onRowCell = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y } : null), [show]);
  const onEntry = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y, entry: cell.x } : null), [show]);
  const onOutput = useCallback((cell: GridCell | null) => show(cell && c ? { row: cell.y * c.g.outW + cell.x } : null), [c, show]);
  const onInput = useCallback(
    (cell: GridCell | null) => show(cell && c && cell.y >= 0 && cell.x >= 0 && cell.y < c.g.inH && cell.x < c.g.inW ? { input: cell.y * c.g.inW + cell.x } : null),
    [c, show],
  );

  const resizeInput = (rows: number, cols: number) => {
    inputEdits.clear();
    const next = resize(input, rows, cols);
    const fitted = resize(kernel, Math.min(kernel.length, rows + 2 * padding), Math.min(kernel[0].length, cols + 2 * padding));
    update({ input: next, kernel: fitted, step: 0 });
  };
  const fits = (k: number[][], p: number, x = input) => checkFits({ input: x, kernel: k, padding: p });

  const describe = c ? `Window ${step + 1} of ${count}` : 'Computing…';

  return (
    <WidgetFrame title={props.title ?? 'im2col: every window becomes a row'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="im2col" ref={root} data-state={result.busy ? 'busy' : 'ready'} onKeyDown={(e) => transportKeys(e, { step, count, onStep, playing, onPlaying: setPlaying })}>
        <div className="controls-row">
          <SizeControl label="Input" rows={input.length} cols={input[0].length} min={1} max={6} onResize={resizeInput} />
          <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={4} onResize={(r, k) => { kernelEdits.clear(); update({ kernel: resize(kernel, r, k), step: 0 }); }} />
          <NumberField label="Stride" value={stride} min={1} max={3} onChange={(n) => update({ stride: n, step: 0 })} />
          <NumberField label="Padding" value={padding} min={0} max={2} onChange={(n) => update({ padding: n, step: 0 })} refuse={(p) => fits(kernel, p)} />
        </div>
        <div className="equation">
          <figure>
            <figcaption>Input {input.length}×{input[0].length}{padding ? `, padded by ${padding}` : ''}</figcaption>
            <MatrixGrid
              label="Input" testId={`${id}-input`} values={input} editable drafts={inputEdits.drafts} invalid={inputEdits.invalid} onEdit={inputEdits.onEdit} onCell={onInput}
              pads={c?.g.pads ?? { top: padding, bottom: padding, left: padding, right: padding }}
              mark={(y, x) => (windowSet.has(`${y},${x}`) ? 'window' : c?.dropped.has(`${y},${x}`) ? 'dropped' : undefined)}
            />
          </figure>
          <figure>
            <figcaption>Kernel {kernel.length}×{kernel[0].length}</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" colour={kernelColour} editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit} />
          </figure>
        </div>
        {(inputEdits.message || kernelEdits.message || result.error) && (
          <p className="inline-error" role="alert">
            {inputEdits.message ?? kernelEdits.message ?? `${result.error} The last valid result is still shown.`}
          </p>
        )}
        {c && (
          <div className="equation im2col-product">
            <figure>
              <figcaption>X: {c.layout.rows} windows × {c.layout.cols} values</figcaption>
              <div className="with-row-labels">
                <RowLabels count={c.layout.rows} />
                <MatrixGrid
                  label="Patch matrix X" testId={`${id}-patches`} values={c.patches} focusable onCell={onEntry}
                  mark={(r, j) => [c.layout.source[r * c.layout.cols + j] < 0 ? 'pad-copy' : '', r === row ? 'window' : ''].filter(Boolean).join(' ') || undefined}
                />
              </div>
            </figure>
            <span className="operator" aria-hidden="true">·</span>
            <figure>
              <figcaption>w</figcaption>
              <MatrixGrid label="Kernel as a column w" testId={`${id}-w`} values={c.kernelColumn} colour={kernelColour} size="small" />
            </figure>
            <span className="operator" aria-hidden="true">=</span>
            <figure>
              <figcaption>X·w</figcaption>
              <MatrixGrid label="Product X·w" testId={`${id}-product`} values={c.product} colour={colour} focusable onCell={onRowCell}
                mark={(r) => (r === row ? 'current' : undefined)} />
            </figure>
            <span className="operator" aria-hidden="true">⟷</span>
            <figure>
              <figcaption>conv2d output {c.g.outH}×{c.g.outW}</figcaption>
              <MatrixGrid label="Convolution output" testId={`${id}-output`} values={c.output} colour={colour} focusable onCell={onOutput}
                mark={(y, x) => (y * c.g.outW + x === row ? 'current' : undefined)} />
            </figure>
          </div>
        )}
        {c && (
          <>
            <AgreementCheck testId={`${id}-agreement`} unit="output cell" results={[{ name: 'X·w (matMul)', values: c.product.flat() }, { name: 'conv2d', values: c.output.flat() }]}
              describe={(i) => `output row ${Math.floor(i / c.g.outW) + 1}, column ${(i % c.g.outW) + 1}`} />
            <p className="focus-note" aria-live="polite" data-testid={`${id}-focus`} ref={note}>{idle}</p>
            <SizeFigures layout={c.layout} testId={`${id}-sizes`} />
          </>
        )}
        <Transport step={step} count={count} onStep={onStep} playing={playing} onPlaying={setPlaying} speed={state.speed as Speed} onSpeed={onSpeed} describe={describe} />
      </div>
    </WidgetFrame>
  );
}
