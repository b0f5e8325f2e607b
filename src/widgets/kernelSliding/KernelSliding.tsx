// Kernel sliding: the window moves over the input, the dot product is written out term by term,
// the output fills in cell by cell, and any output cell shows its receptive field. Every number
// shown after the inputs comes from the engine (conv2d for outputs, windowProducts for terms).
import { useCallback, useMemo, useState } from 'react';
import { conv2d, droppedCells, outputSize, windowCells, windowGeometry, windowProducts, type WindowGeometry } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { Transport, transportKeys, type Speed } from '../common/Transport';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { Problems } from '../common/Problems';
import { NumberField } from '../common/NumberField';
import { DotProduct } from './DotProduct';
import { checkSliding, slidingSchema } from './schema';

export interface KernelSlidingProps {
  /** Prefix of this widget's values in links; unique on a page. */
  id?: string;
  /** Starting input and kernel as `"2,1,0,0;3,2,1,1;…"` (rows split by `;`). */
  input?: string;
  kernel?: string;
  stride?: number;
  padding?: number;
  /** Extra controls to show: any of "stride", "padding" (comma-separated). Sizes are always adjustable. */
  controls?: string;
  title?: string;
}

interface Computed {
  /** The input and kernel these results were computed from (the widget's may have moved on). */
  input: number[][];
  kernel: number[][];
  g: WindowGeometry;
  output: number[][];
  terms: number[][];
  dropped: Set<string>;
}

export function KernelSliding(props: KernelSlidingProps) {
  const id = props.id ?? 'slide';
  const schema = useMemo(() => slidingSchema(props), [props.input, props.kernel, props.stride, props.padding]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkSliding);
  const { input, kernel, stride, padding } = state;
  const controls = new Set((props.controls ?? '').split(',').map((s) => s.trim()));
  const [playing, setPlaying] = useState(false);
  const [hover, setHover] = useState<GridCell | null>(null);

  const setInput = useCallback((m: number[][]) => update({ input: m }), [update]);
  const setKernel = useCallback((m: number[][]) => update({ kernel: m }), [update]);
  const inputEdits = useMatrixEdits('Input', input, setInput);
  const kernelEdits = useMatrixEdits('Kernel', kernel, setKernel);

  const result = useEngineResult<Computed>(async () => {
    const g = windowGeometry(input.length, input[0].length, [kernel.length, kernel[0].length], { stride, padding });
    const [output] = await conv2d([input], [[kernel]], { stride, padding });
    const terms = await windowProducts([input], [[kernel]], { stride, padding });
    return { input, kernel, g, output, terms, dropped: new Set(droppedCells(g).map((c) => `${c.y},${c.x}`)) };
  }, [input, kernel, stride, padding]);

  const computed = result.value;
  const count = computed ? computed.g.outH * computed.g.outW : 0;
  const step = Math.min(state.step, Math.max(0, count - 1));
  const onStep = useCallback((s: number) => update({ step: s }), [update]);
  const onSpeed = useCallback((speed: Speed) => update({ speed }), [update]);

  // The position being explained: the hovered output cell, else the playback cursor.
  const hoveredOutput = hover && computed && hover.y >= 0 && hover.x >= 0 && hover.y < computed.g.outH && hover.x < computed.g.outW ? hover : null;
  const focus = computed ? (hoveredOutput ?? { y: Math.floor(step / computed.g.outW), x: step % computed.g.outW }) : null;
  const focusIndex = focus && computed ? focus.y * computed.g.outW + focus.x : 0;
  const windowSet = useMemo(() => {
    if (!computed || !focus) return new Set<string>();
    return new Set(windowCells(computed.g, focus.y, focus.x).map((c) => `${c.y},${c.x}`));
  }, [computed, focus?.y, focus?.x]); // eslint-disable-line react-hooks/exhaustive-deps

  const outputShown = computed ? computed.output.map((row, y) => row.map((v, x) => (y * computed.g.outW + x <= step ? v : null))) : [[null]];
  const colour = useMemo(() => signedScale(Math.max(maxAbsOf(computed?.output ?? [[0]]), 1)), [computed]);
  const kernelColour = useMemo(() => signedScale(Math.max(maxAbsOf(kernel), 1)), [kernel]);

  const resizeInput = (rows: number, cols: number) => {
    inputEdits.clear();
    const next = resize(input, rows, cols);
    const problem = checkSliding({ ...state, input: next });
    if (problem) return update({ input: next, kernel: resize(kernel, Math.min(kernel.length, rows + 2 * padding), Math.min(kernel[0].length, cols + 2 * padding)), step: 0 });
    update({ input: next, step: 0 });
  };
  const resizeKernel = (rows: number, cols: number) => {
    kernelEdits.clear();
    update({ kernel: resize(kernel, rows, cols), step: 0 });
  };

  const describe = computed && focus
    ? `Position ${focusIndex + 1} of ${count}: window at row ${focus.y * computed.g.strideH + 1 - computed.g.pads.top}, column ${focus.x * computed.g.strideW + 1 - computed.g.pads.left}`
    : 'Computing…';

  return (
    <WidgetFrame title={props.title ?? 'Kernel sliding'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div
        className="sliding"
        onKeyDown={(e) => transportKeys(e, { step, count, onStep, playing, onPlaying: setPlaying })}
        data-state={result.busy ? 'busy' : 'ready'}
      >
        <div className="controls-row">
          <SizeControl label="Input" rows={input.length} cols={input[0].length} min={1} max={10} onResize={resizeInput} />
          <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={7} onResize={resizeKernel} />
          {controls.has('stride') && (
            <NumberField label="Stride" name="the stride" testId={`${id}-stride`} value={stride} min={1} max={4} minReason="the window has to move" onChange={(n) => update({ stride: n, step: 0 })} />
          )}
          {controls.has('padding') && (
            <NumberField label="Padding" name="the padding" testId={`${id}-padding`} value={padding} min={0} max={3} onChange={(n) => update({ padding: n, step: 0 })} />
          )}
        </div>
        <div className="equation">
          <figure>
            <figcaption>Input {input.length}×{input[0].length}{padding ? `, padded by ${padding}` : ''}</figcaption>
            <MatrixGrid
              label="Input"
              testId={`${id}-input`}
              values={input}
              pads={computed?.g.pads ?? { top: padding, bottom: padding, left: padding, right: padding }}
              editable
              drafts={inputEdits.drafts}
              invalid={inputEdits.invalid}
              onEdit={inputEdits.onEdit}
              mark={(y, x) => {
                const k = `${y},${x}`;
                if (windowSet.has(k)) return hoveredOutput ? 'receptive' : 'window';
                if (computed?.dropped.has(k)) return 'dropped';
                return undefined;
              }}
            />
          </figure>
          <span className="operator" aria-hidden="true">⊛</span>
          <figure>
            <figcaption>Kernel {kernel.length}×{kernel[0].length}</figcaption>
            <MatrixGrid
              label="Kernel"
              testId={`${id}-kernel`}
              values={kernel}
              size="small"
              colour={kernelColour}
              editable
              drafts={kernelEdits.drafts}
              invalid={kernelEdits.invalid}
              onEdit={kernelEdits.onEdit}
            />
          </figure>
          <span className="operator" aria-hidden="true">=</span>
          <figure>
            <figcaption>Output {computed ? `${computed.g.outH}×${computed.g.outW}` : ''}</figcaption>
            <MatrixGrid
              label="Output"
              testId={`${id}-output`}
              values={outputShown}
              colour={colour}
              focusable
              onCell={setHover}
              mark={(y, x) => (focus && y === focus.y && x === focus.x ? (hoveredOutput ? 'hovered' : 'current') : undefined)}
            />
          </figure>
        </div>
        <Problems inputs={[inputEdits.message, kernelEdits.message]} engine={result.error} />
        {computed && focus && (
          <DotProduct
            g={computed.g}
            input={computed.input}
            kernel={computed.kernel}
            position={focus}
            products={computed.terms[focusIndex]}
            sum={computed.output[focus.y][focus.x]}
          />
        )}
        <Transport
          step={step}
          count={count}
          onStep={onStep}
          playing={playing}
          onPlaying={setPlaying}
          speed={state.speed as Speed}
          onSpeed={onSpeed}
          describe={describe}
        />
        {computed && <SizeArithmetic g={computed.g} />}
      </div>
    </WidgetFrame>
  );
}

/** The output-size formula with this widget's numbers, per axis, and what a stride that doesn't fit drops. */
function SizeArithmetic({ g }: { g: WindowGeometry }) {
  const rows = outputSize(g.inH, g.kH, g.pads.top, g.strideH);
  const cols = outputSize(g.inW, g.kW, g.pads.left, g.strideW);
  const line = (n: number, f: number, p: number, s: number, r: { size: number; exact: number; fits: boolean }) =>
    `(${n} − ${f} + 2·${p}) / ${s} + 1 = ${formatNumber(r.exact)}${r.fits ? '' : ` → ⌊${formatNumber(r.exact)}⌋ = ${r.size}`}`;
  return (
    <p className="size-arithmetic" data-testid="size-arithmetic">
      Output size: rows {line(g.inH, g.kH, g.pads.top, g.strideH, rows)}; columns {line(g.inW, g.kW, g.pads.left, g.strideW, cols)}.
      {(!rows.fits || !cols.fits) && <strong> The stride doesn’t fit: the hatched input cells are never read.</strong>}
    </p>
  );
}
