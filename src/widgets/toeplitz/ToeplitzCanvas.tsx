// The Toeplitz matrix at full size: a 28×28 input and a 3×3 kernel give T of 676 × 784, drawn on a
// canvas (one pixel per entry, coloured by kernel weight), zoomable, with a hover read-out linked to
// the input and output pictures. Hover only redraws highlight layers and a text node (refs, no React
// render); the index maps come from the geometry once per setting.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useWidgetState } from '../../store/useWidgetState';
import { AgreementCheck } from '../../viz/AgreementCheck';
import { MatrixCanvas, type CanvasCell, type CanvasZoom, type MatrixCanvasHandle } from '../../viz/MatrixCanvas';
import { MatrixGrid } from '../../viz/MatrixGrid';
import { magnitudeScale, maxAbsOf, signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { colourBytes, weightColour } from '../../viz/weightColours';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { linkedHighlights, type CanvasFocus } from './links';
import { SparsityFigures, weightClass } from './parts';
import { canvasSchema, checkCanvas, patternInput, PATTERNS, type Pattern } from './schema';
import { useToeplitz, type ToeplitzResult } from './useToeplitz';
import './toeplitz.css';

export interface ToeplitzCanvasProps {
  id?: string;
  size?: number;
  kernel?: string;
  title?: string;
}

/** Counts results, so tests and benchmarks can see when a new one is on screen (data-result). */
let results = 0;

function paint(rows: number, cols: number, colour: (i: number) => [number, number, number]): Uint8ClampedArray {
  const px = new Uint8ClampedArray(rows * cols * 4);
  for (let i = 0; i < rows * cols; i++) {
    const [r, g, b] = colour(i);
    px.set([r, g, b, 255], i * 4);
  }
  return px;
}

function toeplitzPixels(c: ToeplitzResult, weights: number): Uint8ClampedArray {
  const px = new Uint8ClampedArray(c.layout.entries * 4).fill(255);
  const colours = Array.from({ length: weights }, (_, w) => colourBytes(weightColour(w, weights)));
  for (let s = 0; s < c.layout.nonzero; s++) px.set(colours[c.layout.weight[s]], (c.layout.row[s] * c.layout.cols + c.layout.col[s]) * 4);
  return px;
}

export function ToeplitzCanvas(props: ToeplitzCanvasProps) {
  const id = props.id ?? 'big';
  const schema = useMemo(() => canvasSchema(props), [props.size, props.kernel]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkCanvas);
  const { size, pattern, kernel, stride, padding } = state;
  const input = useMemo(() => patternInput(pattern as Pattern, size), [pattern, size]);
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));
  const result = useToeplitz(input, kernel, stride, padding);
  const c = result.value;
  const weights = kernel.length * kernel[0].length;
  const resultId = useMemo(() => (c ? ++results : 0), [c]);

  const tPixels = useMemo(() => (c ? toeplitzPixels(c, c.g.kH * c.g.kW) : null), [c]);
  const inPixels = useMemo(() => {
    if (!c) return null;
    const scale = magnitudeScale(Math.max(...c.x, 1));
    return paint(c.g.inH, c.g.inW, (i) => colourBytes(scale(c.x[i])));
  }, [c]);
  const outPixels = useMemo(() => {
    if (!c) return null;
    const scale = signedScale(Math.max(maxAbsOf([c.output]), 1));
    return paint(c.g.outH, c.g.outW, (i) => colourBytes(scale(c.output[i])));
  }, [c]);

  // Hover state lives in refs: a pointer move redraws three highlight layers and one text node.
  const tCanvas = useRef<MatrixCanvasHandle>(null);
  const inCanvas = useRef<MatrixCanvasHandle>(null);
  const outCanvas = useRef<MatrixCanvasHandle>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const latest = useRef({ c, state });
  latest.current = { c, state };
  const show = useCallback((f: CanvasFocus | null) => {
    const { c: r, state: s } = latest.current;
    if (!r) return;
    const picked = s.row >= 0 && s.row < r.layout.rows && s.col >= 0 && s.col < r.layout.cols ? ({ on: 'T', row: s.row, col: s.col } as const) : null;
    const focus = f ?? picked;
    const linked = focus ? linkedHighlights(r, focus, s.kernel[0].length) : null;
    tCanvas.current?.highlight(linked?.T ?? null);
    inCanvas.current?.highlight(linked?.input ?? null);
    outCanvas.current?.highlight(linked?.output ?? null);
    if (readout.current) readout.current.textContent = linked ? linked.text : 'Hover over T, the input or the output (or tab to them and use the arrow keys) to read an entry.';
  }, []);
  useEffect(() => show(null), [c, state.row, state.col, show]);

  const onT = useCallback((cell: CanvasCell | null) => show(cell && { on: 'T', ...cell }), [show]);
  const onInput = useCallback((cell: CanvasCell | null) => show(cell && latest.current.c ? { on: 'input', col: cell.row * latest.current.c.g.inW + cell.col } : null), [show]);
  const onOutput = useCallback((cell: CanvasCell | null) => show(cell && latest.current.c ? { on: 'output', row: cell.row * latest.current.c.g.outW + cell.col } : null), [show]);
  const onPick = useCallback((cell: CanvasCell) => update({ row: cell.row, col: cell.col }), [update]);
  const onZoomEnd = useCallback((z: CanvasZoom) => update({ zoom: Math.round(z.k * 100) / 100, zoomRow: Math.max(0, Math.round(z.row * 10) / 10), zoomCol: Math.max(0, Math.round(z.col * 10) / 10) }), [update]);
  const tText = useCallback((r: number, j: number) => {
    const v = latest.current.c?.flatT[r * (latest.current.c?.layout.cols ?? 0) + j];
    return v ? formatNumber(v) : null;
  }, []);
  const xText = useCallback((r: number, j: number) => formatNumber(latest.current.c?.x[r * (latest.current.c?.g.inW ?? 0) + j] ?? 0), []);
  const yText = useCallback((r: number, j: number) => formatNumber(latest.current.c?.output[r * (latest.current.c?.g.outW ?? 0) + j] ?? 0), []);
  const cell = Math.max(6, Math.min(40, Math.floor(260 / size)));
  const fits = (patch: Partial<typeof state>) => checkCanvas({ ...state, ...patch });

  return (
    <WidgetFrame title={props.title ?? 'The full Toeplitz matrix of a 28×28 input'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="toeplitz toeplitz-big" data-state={result.busy ? 'busy' : 'ready'} data-result={resultId}>
        <div className="controls-row">
          <NumberField label="Input size" value={size} min={4} max={28} onChange={(n) => update({ size: n, row: -1, col: -1, zoom: 1 })} refuse={(n) => fits({ size: n })} />
          <label>
            Input picture{' '}
            <select value={pattern} onChange={(e) => update({ pattern: e.target.value as Pattern })}>
              {PATTERNS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={3} onResize={(r, k) => { kernelEdits.clear(); update({ kernel: resize(kernel, r, k), row: -1, col: -1, zoom: 1 }); }} />
          <NumberField label="Stride" value={stride} min={1} max={3} onChange={(n) => update({ stride: n, row: -1, col: -1, zoom: 1 })} />
          <NumberField label="Padding" value={padding} min={0} max={2} onChange={(n) => update({ padding: n, row: -1, col: -1, zoom: 1 })} refuse={(n) => fits({ padding: n })} />
        </div>
        <div className="canvas-row">
          <figure>
            <figcaption>Kernel (colours as in T)</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit}
              mark={(y, x) => weightClass(y * kernel[0].length + x)} />
          </figure>
          {c && inPixels && (
            <figure>
              <figcaption>Input x, {c.g.inH}×{c.g.inW}</figcaption>
              <MatrixCanvas handle={inCanvas} testId={`${id}-input`} rows={c.g.inH} cols={c.g.inW} pixels={inPixels} cellSize={cell} label={`Input, ${c.g.inH} by ${c.g.inW}`} onHover={onInput} text={xText} />
            </figure>
          )}
          {c && outPixels && (
            <figure>
              <figcaption>Output y = conv2d(x), {c.g.outH}×{c.g.outW}</figcaption>
              <MatrixCanvas handle={outCanvas} testId={`${id}-output`} rows={c.g.outH} cols={c.g.outW} pixels={outPixels} cellSize={cell} label={`Output, ${c.g.outH} by ${c.g.outW}`} onHover={onOutput} text={yText} />
            </figure>
          )}
        </div>
        {(kernelEdits.message || result.error) && <p className="inline-error" role="alert">{kernelEdits.message ?? `${result.error} The last valid result is still shown.`}</p>}
        <p className="readout" ref={readout} aria-live="polite" data-testid={`${id}-readout`} />
        {c && tPixels && (
          <>
            <div className="zoom-buttons">
              <strong>T: {c.layout.rows.toLocaleString('en')} × {c.layout.cols.toLocaleString('en')}</strong>
              <button type="button" onClick={() => tCanvas.current?.zoomBy(2)} aria-label="Zoom in on T">Zoom in</button>
              <button type="button" onClick={() => tCanvas.current?.zoomBy(0.5)} aria-label="Zoom out of T">Zoom out</button>
              <button type="button" onClick={() => tCanvas.current?.resetZoom()}>Whole matrix</button>
              <span className="hint">Drag to pan; Ctrl + wheel or pinch to zoom; click an entry to keep it in the link.</span>
            </div>
            <MatrixCanvas key={`${c.layout.rows}x${c.layout.cols}`} handle={tCanvas} testId={`${id}-T`} rows={c.layout.rows} cols={c.layout.cols} pixels={tPixels} zoomable
              initialZoom={{ k: state.zoom, row: state.zoomRow, col: state.zoomCol }} onZoomEnd={onZoomEnd} onHover={onT} onSelect={onPick} text={tText}
              label={`Toeplitz matrix T, ${c.layout.rows} by ${c.layout.cols}, entries coloured by kernel weight`} />
            <ul className="weight-legend" aria-label="Kernel weights and their colours">
              {kernel.flat().map((w, i) => (
                <li key={i}><span className="swatch" style={{ background: weightColour(i, weights) }} />({Math.floor(i / kernel[0].length) + 1}, {(i % kernel[0].length) + 1}) = {formatNumber(w)}</li>
              ))}
              <li><span className="swatch" style={{ background: '#fff' }} />always 0</li>
            </ul>
            <AgreementCheck testId={`${id}-agreement`} unit="output cell" results={[{ name: 'T·vec(x) (matMul)', values: c.product }, { name: 'conv2d', values: c.output }]}
              describe={(i) => `output row ${Math.floor(i / c.g.outW) + 1}, column ${(i % c.g.outW) + 1}`} />
            <SparsityFigures layout={c.layout} testId={`${id}-sparsity`} />
          </>
        )}
      </div>
    </WidgetFrame>
  );
}
