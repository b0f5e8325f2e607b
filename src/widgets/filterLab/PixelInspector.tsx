// The pixel inspector: the neighbourhood under the kernel at one pixel, the kernel, their products
// and sum (the dot product of the kernel-sliding lesson), then how that sum became the byte drawn.
// Every number is the engine's (ImageSession.inspect).
import { useState } from 'react';
import type { DisplayMode, Inspection } from '../../engine';
import { MatrixGrid } from '../../viz/MatrixGrid';
import { scaleSequential, interpolateGreys } from 'd3';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';

/** Pixel values as the grey they are: 0 black, 255 white. */
const greys = scaleSequential(interpolateGreys).domain([255, 0]);
const GREYS = (v: number) => greys(v);
const CHANNEL_NAMES: Record<string, string> = { R: 'red', G: 'green', B: 'blue', grey: 'grey' };

export function PixelInspector({ id, ins, display, magnitude }: { id: string; ins: Inspection | null; display: DisplayMode; magnitude: boolean }) {
  const [picked, setPicked] = useState(0);
  if (!ins) return <p className="inspector-empty">Point at either picture (or focus it and use the arrow keys) to see one pixel’s computation.</p>;
  const c = Math.min(picked, ins.channels.length - 1);
  const n = ins.kernel.length;
  const win = ins.window[c];
  const mark = (y: number, x: number) => (ins.inside[y]?.[x] === false ? 'outside' : undefined);
  const signed = (m: number[][]) => signedScale(Math.max(maxAbsOf(m), 1e-9));
  const written = n <= 3 ? win.flatMap((row, y) => row.map((v, x) => `${formatNumber(v)}×${bracket(ins.kernel[y][x])}`)).join(' + ') : null;
  const [r, g, b] = ins.channels.length === 1 ? [ins.shown[0], ins.shown[0], ins.shown[0]] : ins.shown;
  return (
    <div className="pixel-inspector" data-testid={`${id}-inspector`} aria-live="polite">
      <div className="inspector-head">
        <h4>
          Pixel column {ins.x + 1}, row {ins.y + 1}
        </h4>
        <span className="swatch" style={{ background: `rgb(${r}, ${g}, ${b})` }} aria-label={`drawn colour: red ${r}, green ${g}, blue ${b}`} role="img" />
        {ins.channels.length > 1 && (
          <div role="group" aria-label="Channel to explain" className="channel-tabs">
            {ins.channels.map((name, i) => (
              <button key={name} type="button" aria-pressed={i === c} onClick={() => setPicked(i)}>
                {name} ({CHANNEL_NAMES[name]})
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="equation inspector-equation">
        <figure>
          <figcaption>{CHANNEL_NAMES[ins.channels[c]]} values around the pixel</figcaption>
          <MatrixGrid label={`Neighbourhood, ${CHANNEL_NAMES[ins.channels[c]]}`} testId={`${id}-window`} values={win} size="small" colour={GREYS} mark={mark} />
        </figure>
        <span className="operator" aria-hidden="true">×</span>
        <figure>
          <figcaption>kernel weights</figcaption>
          <MatrixGrid label="Kernel weights" values={ins.kernel} size="small" colour={signed(ins.kernel)} />
        </figure>
        <span className="operator" aria-hidden="true">=</span>
        <figure>
          <figcaption>products</figcaption>
          <MatrixGrid label="Products" testId={`${id}-products`} values={ins.products[c]} size="small" colour={signed(ins.products[c])} mark={mark} />
        </figure>
        <span className="operator" aria-hidden="true">→ sum</span>
        <strong className="inspector-sum" data-testid={`${id}-sum`}>{formatNumber(ins.sums[c])}</strong>
      </div>
      {written && <p className="dot-product-text">{written} = {formatNumber(ins.sums[c])}</p>}
      {n > 1 && ins.inside.flat().includes(false) && <p className="note">Hatched cells lie outside the picture: zero padding, as in the padding lesson.</p>}
      <ol className="inspector-steps" data-testid={`${id}-steps`}>
        {magnitude && ins.sumsT && (
          <li>
            With the transposed kernel the sum is b = {formatNumber(ins.sumsT[c])}; the magnitude is √({bracket(ins.sums[c])}² + {bracket(ins.sumsT[c])}²) = {formatNumber(ins.value[c])}.
          </li>
        )}
        <li>{mapping(display, ins.value[c], ins.shown[c], ins.range)}</li>
        <li>
          Drawn: {ins.channels.map((name, i) => `${name} ${formatNumber(ins.value[i])} → ${ins.shown[i]}`).join(', ')}.
        </li>
      </ol>
    </div>
  );
}

function bracket(v: number): string {
  return v < 0 ? `(${formatNumber(v)})` : formatNumber(v);
}

function mapping(display: DisplayMode, value: number, shown: number, range?: [number, number]): string {
  if (display === 'clamp') return `Clamping to 0…255 turns ${formatNumber(value)} into ${shown}${value < 0 ? ' (negative: black)' : value > 255 ? ' (too bright: white)' : ''}.`;
  if (display === 'abs') return `Absolute value, then clamping to 0…255, turns ${formatNumber(value)} into ${shown}.`;
  return `Rescaling: this picture’s smallest result ${formatNumber(range![0])} becomes 0 and its largest ${formatNumber(range![1])} becomes 255, so ${formatNumber(value)} becomes ${shown}.`;
}
