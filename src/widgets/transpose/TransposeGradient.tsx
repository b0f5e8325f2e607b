// Tᵀ carries the output's gradient back to the input: Tᵀ · g (tfjs matMul with the engine's T),
// convTranspose2d(g) and the gradient tf.grad computes through conv2d, side by side and checked to
// agree. Hover a cell of g: its column of Tᵀ and the kernel "stamp" it leaves on the input light up;
// hover an input cell: its row of Tᵀ and the outputs whose gradient reaches it.
import { useCallback, useMemo } from 'react';
import { convInputGradient, convTranspose2d, matMul, readersOfInput, toeplitz, toeplitzLayout, toeplitzSlot, windowGeometry, type ToeplitzLayout, type WindowGeometry } from '../../engine';
import { useGridHighlight } from '../../viz/gridHighlight';
import { useWidgetState } from '../../store/useWidgetState';
import { AgreementCheck } from '../../viz/AgreementCheck';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { RowLabels } from '../im2col/parts';
import { weightClass } from '../toeplitz/parts';
import { describeGradient, type GradFocus } from './hover';
import { checkGradient, fitGradient, gradientSchema } from './schema';
import '../toeplitz/toeplitz.css';
import './transpose.css';

export interface TransposeGradientProps {
  id?: string;
  kernel?: string;
  g?: string;
  title?: string;
}

interface Computed {
  g: WindowGeometry;
  layout: ToeplitzLayout;
  Tt: number[][];
  grad: number[];
  viaT: number[][];
  viaTranspose: number[][];
  viaAutodiff: number[][];
  readers: number[][];
}

export function TransposeGradient(props: TransposeGradientProps) {
  const id = props.id ?? 'grad';
  const schema = useMemo(() => gradientSchema(props), [props.kernel, props.g]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkGradient);
  const { rows, cols, kernel, stride, padding } = state;
  const geometry = useMemo(() => {
    try {
      return windowGeometry(rows, cols, [kernel.length, kernel[0].length], { stride, padding });
    } catch {
      return null;
    }
  }, [rows, cols, kernel, stride, padding]);
  const g = useMemo(() => fitGradient(state.g, geometry?.outH ?? state.g.length, geometry?.outW ?? state.g[0].length), [state.g, geometry]);
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));
  const gEdits = useMatrixEdits('Gradient g', g, useCallback((m: number[][]) => update({ g: m }), [update]));

  const result = useEngineResult<Computed>(async () => {
    const geo = windowGeometry(rows, cols, [kernel.length, kernel[0].length], { stride, padding });
    const T = await toeplitz([[kernel]], [1, rows, cols], { stride, padding });
    const Tt = T[0].map((_, j) => T.map((r) => r[j]));
    const grad = g.flat();
    // The input size a stride dropped is recovered with output padding, as frameworks do.
    const outputPadding: [number, number] = [rows - ((geo.outH - 1) * stride - 2 * padding + geo.kH), cols - ((geo.outW - 1) * stride - 2 * padding + geo.kW)];
    const zeros = [Array.from({ length: rows }, () => new Array(cols).fill(0))];
    const [product, [viaTranspose], [viaAutodiff]] = await Promise.all([
      matMul(Tt, grad.map((v) => [v])),
      convTranspose2d([g], [[kernel]], { stride, padding, outputPadding }),
      convInputGradient(zeros, [[kernel]], [g], { stride, padding }),
    ]);
    const viaT = Array.from({ length: rows }, (_, y) => product.slice(y * cols, (y + 1) * cols).map((r) => r[0]));
    return { g: geo, layout: toeplitzLayout(geo, 1, 1), Tt, grad, viaT, viaTranspose, viaAutodiff, readers: readersOfInput(geo) };
  }, [rows, cols, kernel, stride, padding, g]);
  const c = result.value;

  const colour = useMemo(() => signedScale(Math.max(maxAbsOf(c?.viaAutodiff ?? [[0]]), 1)), [c]);
  const gColour = useMemo(() => signedScale(Math.max(maxAbsOf(g), 1)), [g]);
  const idle = 'Hover over g, Tᵀ or a result to follow the gradient.';
  const { root, note, show } = useGridHighlight<GradFocus>((f) => (c ? describeGradient(c, f, id) : null), idle);
  const onOut = useCallback((cell: GridCell | null) => show(cell && c ? { out: cell.y * c.g.outW + cell.x } : null), [c, show]);
  const onIn = useCallback((cell: GridCell | null) => show(cell && c ? { in: cell.y * c.g.inW + cell.x } : null), [c, show]);
  const onTt = useCallback((cell: GridCell | null) => show(cell ? { in: cell.y, out: cell.x } : null), [show]);
  const fits = (p: Partial<typeof state>) => checkGradient({ ...state, ...p });
  const results = c ? [{ name: 'Tᵀ·g (matMul)', m: c.viaT, t: 'viaT' }, { name: 'convTranspose2d(g)', m: c.viaTranspose, t: 'transposed' }, { name: 'tf.grad of conv2d', m: c.viaAutodiff, t: 'autodiff' }] : [];

  return (
    <WidgetFrame title={props.title ?? 'Tᵀ · g = transposed convolution = gradient'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="toeplitz transpose compact" ref={root} data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <SizeControl label="Input" rows={rows} cols={cols} min={2} max={5} onResize={(r, k) => update({ rows: r, cols: k, kernel: resize(kernel, Math.min(kernel.length, r + 2 * padding), Math.min(kernel[0].length, k + 2 * padding)) })} />
          <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={3} onResize={(r, k) => { kernelEdits.clear(); update({ kernel: resize(kernel, Math.min(r, rows + 2 * padding), Math.min(k, cols + 2 * padding)) }); }} />
          <NumberField label="Stride" value={stride} min={1} max={2} onChange={(n) => update({ stride: n })} />
          <NumberField label="Padding" value={padding} min={0} max={1} onChange={(n) => update({ padding: n })} refuse={(n) => fits({ padding: n })} />
        </div>
        <div className="equation">
          <figure>
            <figcaption>Kernel (forward convolution)</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit}
              mark={(y, x) => weightClass(y * kernel[0].length + x)} />
          </figure>
          <figure>
            <figcaption>g = ∂L/∂y at the {g.length}×{g[0].length} output</figcaption>
            <MatrixGrid label="Output gradient g" testId={`${id}-g`} values={g} colour={gColour} editable drafts={gEdits.drafts} invalid={gEdits.invalid} onEdit={gEdits.onEdit} onCell={onOut} />
          </figure>
        </div>
        {(kernelEdits.message || gEdits.message || result.error) && (
          <p className="inline-error" role="alert">{kernelEdits.message ?? gEdits.message ?? `${result.error} The last valid result is still shown.`}</p>
        )}
        {c && (
          <>
            <div className="equation tt-row">
              <figure className="tt-figure">
                <figcaption>Tᵀ: {c.layout.cols} inputs × {c.layout.rows} outputs, with g written above its columns. Row j of Tᵀ·g is input cell j’s gradient.</figcaption>
                <div className="t-with-x">
                  <span className="t-x-label">vec(g)ᵀ</span>
                  <MatrixGrid label="vec(g)" testId={`${id}-gvec`} values={[c.grad]} colour={gColour} focusable onCell={(cell) => show(cell ? { out: cell.x } : null)} />
                  <RowLabels count={c.layout.cols} />
                  <MatrixGrid label="Transposed Toeplitz matrix Tᵀ" testId={`${id}-Tt`} values={c.Tt} focusable onCell={onTt}
                    mark={(j, o) => {
                      const sl = toeplitzSlot(c.layout, o, j);
                      return sl >= 0 ? weightClass(c.layout.weight[sl]) : 'zero';
                    }} />
                </div>
              </figure>
              <div className="equation tt-results">
                {results.map((r) => (
                  <figure key={r.t}>
                    <figcaption>{r.name}</figcaption>
                    <MatrixGrid label={r.name} testId={`${id}-${r.t}`} values={r.m} colour={colour} focusable onCell={onIn} />
                  </figure>
                ))}
              </div>
            </div>
            <AgreementCheck testId={`${id}-agreement`} unit="input cell" results={results.map((r) => ({ name: r.name, values: r.m.flat() }))}
              describe={(i) => `input row ${Math.floor(i / cols) + 1}, column ${(i % cols) + 1}`} />
            <p className="focus-note" aria-live="polite" data-testid={`${id}-focus`} ref={note}>{idle}</p>
          </>
        )}
      </div>
    </WidgetFrame>
  );
}
