// The Toeplitz matrix of a small convolution, in 1D (a signal and a short kernel: a band with
// constant diagonals) or 2D (the doubly block-Toeplitz matrix, 4 × 16 for the worked example). Each
// entry is coloured by which kernel weight it holds; hover links T's rows to windows and outputs, its
// columns to input cells, and an entry to every other copy of the same weight. T · vec(x) (matMul) is
// checked against conv2d.
import { useCallback, useMemo } from 'react';
import { toeplitzSlot } from '../../engine';
import { useGridHighlight } from '../../viz/gridHighlight';
import { useWidgetState } from '../../store/useWidgetState';
import { AgreementCheck } from '../../viz/AgreementCheck';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { RowLabels } from '../im2col/parts';
import { describeSmall, type SmallFocus } from './hover';
import { SparsityFigures, weightClass } from './parts';
import { checkSmall, smallSchema } from './schema';
import { useToeplitz } from './useToeplitz';
import './toeplitz.css';

export interface ToeplitzSmallProps {
  id?: string;
  input?: string;
  kernel?: string;
  stride?: number;
  padding?: number;
  title?: string;
}

function ToeplitzSmall({ dims, ...props }: ToeplitzSmallProps & { dims: 1 | 2 }) {
  const id = props.id ?? (dims === 1 ? 'toeplitz1d' : 'toeplitz2d');
  const schema = useMemo(() => smallSchema(dims, props), [dims, props.input, props.kernel, props.stride, props.padding]); // eslint-disable-line react-hooks/exhaustive-deps
  const check = useMemo(() => checkSmall(dims), [dims]);
  const [state, update, notes] = useWidgetState(id, schema, check);
  const { input, kernel, stride, padding } = state;
  const inputEdits = useMatrixEdits(dims === 1 ? 'Signal' : 'Input', input, useCallback((m: number[][]) => update({ input: m }), [update]));
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));
  const s: [number, number] = dims === 1 ? [1, stride] : [stride, stride];
  const p: [number, number] = dims === 1 ? [0, padding] : [padding, padding];
  const result = useToeplitz(input, kernel, s, p);
  const c = result.value;

  const colour = useMemo(() => signedScale(Math.max(maxAbsOf([c?.output ?? [0]]), 1)), [c]);
  const idle = 'Hover over T, the input, vec(x) or an output to see how they are linked.';
  const { root, note, show } = useGridHighlight<SmallFocus>((f) => (c ? describeSmall(c, f, id, dims, kernel[0].length) : null), idle);
  const onT = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y, col: cell.x } : null), [show]);
  const onRow = useCallback((cell: GridCell | null) => show(cell ? { row: cell.y } : null), [show]);
  const onOut = useCallback((cell: GridCell | null) => show(cell && c ? { row: cell.y * c.g.outW + cell.x } : null), [c, show]);
  const onX = useCallback((cell: GridCell | null) => show(cell ? { col: cell.x } : null), [show]);
  const onInput = useCallback(
    (cell: GridCell | null) => show(cell && c && cell.y >= 0 && cell.x >= 0 && cell.y < c.g.inH && cell.x < c.g.inW ? { col: cell.y * c.g.inW + cell.x } : null),
    [c, show],
  );

  const fits = (patch: Partial<typeof state>) => check({ ...state, ...patch });
  const big = c ? c.layout.cols > 16 || c.layout.rows > 12 : false;
  const outName = (r: number) => (dims === 1 ? `y${r + 1}` : `output row ${Math.floor(r / (c?.g.outW ?? 1)) + 1}, column ${(r % (c?.g.outW ?? 1)) + 1}`);

  return (
    <WidgetFrame title={props.title ?? (dims === 1 ? 'A 1D convolution as a banded matrix' : 'The Toeplitz matrix of a 2D convolution')} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className={`toeplitz${big ? ' compact' : ''}`} ref={root} data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          {dims === 1 ? (
            <>
              <NumberField label="Signal length" value={input[0].length} min={2} max={10} refuse={(n) => fits({ input: resize(input, 1, n) })} onChange={(n) => { inputEdits.clear(); update({ input: resize(input, 1, n) }); }} />
              <NumberField label="Kernel length" value={kernel[0].length} min={1} max={5} refuse={(n) => fits({ kernel: resize(kernel, 1, n) })} onChange={(n) => { kernelEdits.clear(); update({ kernel: resize(kernel, 1, n) }); }} />
            </>
          ) : (
            <>
              <SizeControl label="Input" rows={input.length} cols={input[0].length} min={2} max={5} onResize={(r, k) => { inputEdits.clear(); update({ input: resize(input, r, k), kernel: resize(kernel, Math.min(kernel.length, r + 2 * padding), Math.min(kernel[0].length, k + 2 * padding)) }); }} />
              <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={3} onResize={(r, k) => { kernelEdits.clear(); update({ kernel: resize(kernel, Math.min(r, input.length + 2 * padding), Math.min(k, input[0].length + 2 * padding)) }); }} />
            </>
          )}
          <NumberField label="Stride" value={stride} min={1} max={dims === 1 ? 3 : 2} onChange={(n) => update({ stride: n })} />
          <NumberField label="Padding" value={padding} min={0} max={dims === 1 ? 2 : 1} onChange={(n) => update({ padding: n })} refuse={(n) => fits({ padding: n })} />
        </div>
        <div className="equation">
          <figure>
            <figcaption>{dims === 1 ? `Signal x, length ${input[0].length}` : `Input ${input.length}×${input[0].length}`}{padding ? `, padded by ${padding}` : ''}</figcaption>
            <MatrixGrid label={dims === 1 ? 'Signal' : 'Input'} testId={`${id}-input`} values={input} editable drafts={inputEdits.drafts} invalid={inputEdits.invalid} onEdit={inputEdits.onEdit} onCell={onInput}
              pads={c?.g.pads ?? { top: dims === 1 ? 0 : padding, bottom: dims === 1 ? 0 : padding, left: padding, right: padding }} />
          </figure>
          <figure>
            <figcaption>Kernel: each weight has its colour</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit}
              mark={(y, x) => weightClass(y * kernel[0].length + x)} />
          </figure>
        </div>
        {(inputEdits.message || kernelEdits.message || result.error) && (
          <p className="inline-error" role="alert">{inputEdits.message ?? kernelEdits.message ?? `${result.error} The last valid result is still shown.`}</p>
        )}
        {c && (
          <>
            <div className="equation toeplitz-product">
              <figure>
                <figcaption>T: {c.layout.rows} outputs × {c.layout.cols} inputs, with vec(x) written above its columns</figcaption>
                <div className="t-with-x">
                  <span className="t-x-label">vec(x)ᵀ</span>
                  <MatrixGrid label="vec(x), the input flattened row by row" testId={`${id}-x`} values={[c.x]} focusable onCell={onX} />
                  <RowLabels count={c.layout.rows} />
                  <MatrixGrid label="Toeplitz matrix T" testId={`${id}-T`} values={c.T} focusable onCell={onT}
                    mark={(r, j) => {
                      const sl = toeplitzSlot(c.layout, r, j);
                      const cls = [sl >= 0 ? weightClass(c.layout.weight[sl]) : 'zero'];
                      if (dims === 2 && j > 0 && j % c.g.inW === 0) cls.push('tblock-l');
                      if (dims === 2 && r > 0 && r % c.g.outW === 0) cls.push('tblock-t');
                      return cls.join(' ');
                    }} />
                </div>
              </figure>
              <span className="operator" aria-hidden="true">=</span>
              <figure>
                <figcaption>T·vec(x)</figcaption>
                <MatrixGrid label="Product T·vec(x)" testId={`${id}-product`} values={c.product.map((v) => [v])} colour={colour} focusable onCell={onRow} />
              </figure>
              <span className="operator" aria-hidden="true">⟷</span>
              <figure>
                <figcaption>conv2d output</figcaption>
                <MatrixGrid label="Convolution output" testId={`${id}-output`} values={Array.from({ length: c.g.outH }, (_, y) => c.output.slice(y * c.g.outW, (y + 1) * c.g.outW))} colour={colour} focusable onCell={onOut} />
              </figure>
            </div>
            <AgreementCheck testId={`${id}-agreement`} unit="output cell" results={[{ name: 'T·vec(x) (matMul)', values: c.product }, { name: 'conv2d', values: c.output }]} describe={outName} />
            <p className="focus-note" aria-live="polite" data-testid={`${id}-focus`} ref={note}>{idle}</p>
            <SparsityFigures layout={c.layout} testId={`${id}-sparsity`} />
          </>
        )}
      </div>
    </WidgetFrame>
  );
}

export const Toeplitz1D = (props: ToeplitzSmallProps) => <ToeplitzSmall dims={1} {...props} />;
export const Toeplitz2D = (props: ToeplitzSmallProps) => <ToeplitzSmall dims={2} {...props} />;
