// <LearnedFilters>: the first convolution layer's filters, redrawn live while the network trains
// (a few times a second, straight from the training worker, no React render per update). One
// diverging colour map centred on zero for all filters: purple weights subtract, orange add.
import { useEffect, useRef, useState } from 'react';
import { signedScale } from '../../viz/colorScales';
import { formatNumber } from '../../viz/format';
import { colourTable, PixelCanvas, type PixelCanvasHandle } from '../../viz/PixelCanvas';
import { WidgetFrame } from '../common/WidgetFrame';
import { WhereItRuns } from '../training/StatusParts';
import { ensureSession, filters, useTraining } from '../training/trainingSession';
import './cnnInspect.css';

export function LearnedFilters({ id = 'filters', title = 'The first layer’s filters, as they learn' }: { id?: string; title?: string }) {
  const phase = useTraining((s) => s.phase);
  const [shape, setShape] = useState<number[] | null>(filters.kernel?.shape ?? null);
  const canvases = useRef<(PixelCanvasHandle | null)[]>([]);
  const legend = useRef<HTMLSpanElement>(null);
  useEffect(() => void ensureSession(), []);
  useEffect(() => {
    const draw = () => {
      const k = filters.kernel;
      if (!k) return;
      if (!shape || k.shape.join() !== shape.join()) {
        setShape(k.shape); // new architecture: re-render, then draw
        return;
      }
      const [, , inC, count] = k.shape;
      let m = 0;
      for (const v of k.values) if (Math.abs(v) > m) m = Math.abs(v);
      const table = colourTable(signedScale(m || 1), -(m || 1), m || 1);
      for (let f = 0; f < count; f++) canvases.current[f]?.draw(k.values, table, inC * count, f);
      if (legend.current) legend.current.textContent = formatNumber(m);
    };
    draw();
    return filters.subscribe(draw);
  }, [shape]);
  const [k, , , count] = shape ?? [5, 5, 1, 0];
  return (
    <WidgetFrame title={title} id={id} busy={phase === 'starting' || phase === 'off'}>
      {!shape && <WhereItRuns />}
      <div className="learned-filters" data-testid="learned-filters" data-count={count}>
        {Array.from({ length: count }, (_, f) => (
          <figure key={`${k}-${f}`}>
            <PixelCanvas width={k} height={k} scale={Math.round(84 / k)} label={`conv1 filter ${f + 1}, ${k}×${k}`} handle={(h) => void (canvases.current[f] = h)} />
            <figcaption>filter {f + 1}</figcaption>
          </figure>
        ))}
      </div>
      <p className="filter-legend">
        <span className="filter-swatch neg" aria-hidden="true" /> purple: negative weight, subtracts the pixel under it ·{' '}
        <span className="filter-swatch zero" aria-hidden="true" /> white: 0 ·{' '}
        <span className="filter-swatch pos" aria-hidden="true" /> orange: positive weight, adds it. One scale for all filters, from −m to +m, m = <span ref={legend}>…</span>.
      </p>
    </WidgetFrame>
  );
}
