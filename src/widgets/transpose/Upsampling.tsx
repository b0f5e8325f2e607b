// A transposed convolution with stride 2 as upsampling: each input cell stamps a scaled copy of the
// kernel onto a larger output, stamps s cells apart. Where the kernel size is not a multiple of the
// stride, stamps overlap unevenly and a checkerboard appears. Output from the engine's convTranspose2d;
// which stamps cover which cell comes from the sliding-window geometry of the forward convolution.
import { useCallback, useMemo } from 'react';
import { convTranspose2d, readersOfInput, windowGeometry, type WindowGeometry } from '../../engine';
import { useGridHighlight } from '../../viz/gridHighlight';
import { useWidgetState } from '../../store/useWidgetState';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { magnitudeScale, maxAbsOf, signedScale } from '../../viz/colorScales';
import { useEngineResult } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { SizeControl, resize } from '../common/SizeControl';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { NumberField } from '../common/NumberField';
import { describeUpsampling, type UpFocus } from './hover';
import { upsamplingSchema } from './schema';
import './transpose.css';

export interface UpsamplingProps {
  id?: string;
  input?: string;
  kernel?: string;
  stride?: number;
  title?: string;
}

interface Computed {
  /** The forward convolution that maps the big output back to the small input: its windows are the stamps. */
  g: WindowGeometry;
  output: number[][];
  readers: number[][];
}

const PRESETS = [
  { label: '3×3, stride 2: checkerboard', k: 3, s: 2 },
  { label: '4×4, stride 2: even', k: 4, s: 2 },
  { label: '2×2, stride 2: no overlap', k: 2, s: 2 },
];

export function Upsampling(props: UpsamplingProps) {
  const id = props.id ?? 'up';
  const schema = useMemo(() => upsamplingSchema(props), [props.input, props.kernel, props.stride]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema);
  const { input, kernel, stride } = state;
  const inputEdits = useMatrixEdits('Input', input, useCallback((m: number[][]) => update({ input: m }), [update]));
  const kernelEdits = useMatrixEdits('Kernel', kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]));

  const result = useEngineResult<Computed>(async () => {
    const [output] = await convTranspose2d([input], [[kernel]], { stride });
    const g = windowGeometry(output.length, output[0].length, [kernel.length, kernel[0].length], { stride });
    return { g, output, readers: readersOfInput(g) };
  }, [input, kernel, stride]);
  const c = result.value;

  const colour = useMemo(() => {
    const m = maxAbsOf(c?.output ?? [[0]]);
    return (c?.output.flat().some((v) => v < 0) ? signedScale(Math.max(m, 1)) : magnitudeScale(Math.max(m, 1)));
  }, [c]);
  const idle = `Each input cell stamps the kernel onto the output, ${stride} cell${stride === 1 ? '' : 's'} further along for each step. Hover to see the stamps.`;
  const { root, note, show } = useGridHighlight<UpFocus>((f) => (c ? describeUpsampling(c, f, id, stride) : null), idle);
  const onIn = useCallback((cell: GridCell | null) => show(cell && c ? { in: cell.y * c.g.outW + cell.x } : null), [c, show]);
  const onOut = useCallback((cell: GridCell | null) => show(cell && c ? { out: cell.y * c.g.inW + cell.x } : null), [c, show]);

  return (
    <WidgetFrame title={props.title ?? 'Stride 2 as upsampling'} id={id} busy={result.busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="transpose upsampling" ref={root} data-state={result.busy ? 'busy' : 'ready'}>
        <div className="controls-row">
          <SizeControl label="Input" rows={input.length} cols={input[0].length} min={1} max={5} onResize={(r, k) => { inputEdits.clear(); update({ input: resize(input, r, k).map((row, y) => row.map((v, x) => (y < input.length && x < input[0].length ? v : 1))) }); }} />
          <SizeControl label="Kernel" rows={kernel.length} cols={kernel[0].length} min={1} max={4} onResize={(r, k) => { kernelEdits.clear(); update({ kernel: Array.from({ length: r }, () => new Array(k).fill(1)) }); }} />
          <NumberField label="Stride" value={stride} min={1} max={3} onChange={(n) => update({ stride: n })} />
        </div>
        <div className="controls-row" role="group" aria-label="Presets: kernel of ones and stride">
          {PRESETS.map((p) => (
            <button key={p.label} type="button" onClick={() => { kernelEdits.clear(); update({ kernel: Array.from({ length: p.k }, () => new Array(p.k).fill(1)), stride: p.s }); }}>{p.label}</button>
          ))}
        </div>
        <div className="equation">
          <figure>
            <figcaption>Input {input.length}×{input[0].length}</figcaption>
            <MatrixGrid label="Input" testId={`${id}-input`} values={input} editable drafts={inputEdits.drafts} invalid={inputEdits.invalid} onEdit={inputEdits.onEdit} onCell={onIn} />
          </figure>
          <figure>
            <figcaption>Kernel {kernel.length}×{kernel[0].length}</figcaption>
            <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={kernel} size="small" editable drafts={kernelEdits.drafts} invalid={kernelEdits.invalid} onEdit={kernelEdits.onEdit} />
          </figure>
          <span className="operator" aria-hidden="true">→</span>
          {c && (
            <figure className="compact">
              <figcaption>convTranspose2d, stride {stride}: {c.output.length}×{c.output[0].length}</figcaption>
              <MatrixGrid label="Upsampled output" testId={`${id}-output`} values={c.output} colour={colour} focusable onCell={onOut} />
            </figure>
          )}
        </div>
        {(inputEdits.message || kernelEdits.message || result.error) && (
          <p className="inline-error" role="alert">{inputEdits.message ?? kernelEdits.message ?? `${result.error} The last valid result is still shown.`}</p>
        )}
        {c && (
          <p className="focus-note" aria-live="polite" data-testid={`${id}-focus`} ref={note}>{idle}</p>
        )}
      </div>
    </WidgetFrame>
  );
}
