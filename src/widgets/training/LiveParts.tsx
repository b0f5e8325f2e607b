// The parts of the trainer that change at batch rate: the curves and the counters (epoch progress,
// samples per second, step, latest loss). They subscribe to MetricsLog and write to the DOM through
// refs, at most once per frame; React renders them once.
import { useEffect, useRef } from 'react';
import { createCurveChart } from '../../viz/curveChart';
import { metrics } from './trainingSession';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function CurvesView({ testId }: { testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = createCurveChart({ node: canvas.current! });
    const draw = () => chart.update(metrics);
    draw();
    const off = metrics.subscribe(draw);
    return () => {
      off();
      chart.destroy();
    };
  }, []);
  return (
    <figure className="curves">
      <canvas ref={canvas} className="curve-chart" data-testid={testId} role="img" aria-label="Loss and accuracy while training: training batches (solid line, averaged) and test digits (dashed line with squares)" />
      <figcaption className="curve-legend">
        <span className="legend-train">training batches (moving average)</span>
        <span className="legend-test">2,000 test digits, evaluated every quarter epoch</span>
      </figcaption>
    </figure>
  );
}

export function LiveCounters() {
  const epoch = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLProgressElement>(null);
  const speed = useRef<HTMLSpanElement>(null);
  const step = useRef<HTMLSpanElement>(null);
  const loss = useRef<HTMLSpanElement>(null);
  const test = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const draw = () => {
      const b = metrics.last;
      const t = metrics.test;
      if (epoch.current) epoch.current.textContent = b ? `Epoch ${b.epoch}` : 'Epoch —';
      if (bar.current) bar.current.value = b ? b.epochProgress : 0;
      if (speed.current) speed.current.textContent = b ? Math.round(b.samplesPerSec).toLocaleString('en-US') : '—';
      if (step.current) step.current.textContent = b ? b.step.toLocaleString('en-US') : '—';
      if (loss.current) loss.current.textContent = b ? `${b.loss.toFixed(3)} (batch accuracy ${pct(b.accuracy)})` : '—';
      if (test.current) test.current.textContent = t.length ? `${pct(t[t.length - 1])} (loss ${t[t.length - 2].toFixed(3)})` : 'not measured yet';
    };
    draw();
    return metrics.subscribe(draw);
  }, []);
  return (
    <div className="live-counters" aria-live="off">
      <div className="epoch-progress">
        <label>
          <span ref={epoch}>Epoch —</span> <progress ref={bar} max={1} value={0} data-testid="epoch-progress" />
        </label>
      </div>
      <dl>
        <div><dt>Samples per second</dt><dd ref={speed} data-testid="samples-per-sec">—</dd></div>
        <div><dt>Batches trained</dt><dd ref={step} data-testid="train-step">—</dd></div>
        <div><dt>Latest batch loss</dt><dd ref={loss}>—</dd></div>
        <div><dt>Test accuracy</dt><dd ref={test} data-testid="test-accuracy">not measured yet</dd></div>
      </dl>
    </div>
  );
}
