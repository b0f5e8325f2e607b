// Loss and accuracy curves for training and test, drawn by d3 (scales, ticks, line generator) onto
// a canvas it owns: `createCurveChart({ node }) → { update, destroy }`, so a caller can redraw at
// batch rate from a subscription without React, and a redraw touches no DOM (on a CPU-rendered page,
// SVG axes rebuilt several times a second cost layout and paint, and made long tasks). Train is a
// solid purple line, test an orange dashed line with square markers: they differ by more than colour.
import { format, line, max, scaleLinear } from 'd3';

export interface CurveData {
  /** Flat triples [x, loss, accuracy, …] per batch; smoothed before drawing. */
  train: number[];
  /** Flat triples [x, loss, accuracy, …] per evaluation. */
  test: number[];
}

export interface CurveChart {
  update(data: CurveData): void;
  destroy(): void;
}

const TRAIN = '#5b3fa0';
const TEST = '#c0620c';
const INK = '#1d1a24';
const MUTED = '#5a5566';
/** Margins at a 16 px font; everything scales with the canvas's font size (Large text, projectors). */
const M = { top: 30, right: 18, bottom: 46, left: 58 };

/** Exponential moving average of column `k` of the triples, then at most `maxPoints` points. */
export function smoothed(flat: number[], k: 1 | 2, alpha = 0.08, maxPoints = 500): [number, number][] {
  const n = flat.length / 3;
  const out: [number, number][] = [];
  const every = Math.max(1, Math.ceil(n / maxPoints));
  let ema = NaN;
  for (let i = 0; i < n; i++) {
    const v = flat[i * 3 + k];
    ema = Number.isNaN(ema) ? v : ema + alpha * (v - ema);
    if (i % every === 0 || i === n - 1) out.push([flat[i * 3], ema]);
  }
  return out;
}

const column = (flat: number[], k: 1 | 2): [number, number][] =>
  Array.from({ length: flat.length / 3 }, (_, i) => [flat[i * 3], flat[i * 3 + k]] as [number, number]);

/** `height` in CSS pixels at a 16 px font; the width follows the canvas's box (redrawn when it changes). */
export function createCurveChart({ node, height: baseHeight = 300 }: { node: HTMLCanvasElement; height?: number }): CurveChart {
  let data: CurveData = { train: [], test: [] };
  let width = 0;

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const em = (parseFloat(getComputedStyle(node).fontSize) || 16) / 16;
    const m = { top: M.top * em, right: M.right * em, bottom: M.bottom * em, left: M.left * em };
    const height = Math.round(baseHeight * em);
    width = node.clientWidth || 880;
    if (node.width !== Math.round(width * dpr) || node.height !== Math.round(height * dpr)) {
      node.width = Math.round(width * dpr);
      node.height = Math.round(height * dpr);
    }
    node.style.height = `${height}px`;
    const ctx = node.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const { train, test } = data;
    node.setAttribute('data-train-points', String(train.length / 3));
    node.setAttribute('data-test-points', String(test.length / 3));
    const panelW = (width - 2 * (m.left + m.right)) / 2;
    const panelH = height - m.top - m.bottom;
    const xMax = Math.max(max([train.at(-3) ?? 0, test.at(-3) ?? 0]) ?? 0, 0.05);
    const x = scaleLinear().domain([0, xMax]).range([0, panelW]).nice();
    const font = (px: number, weight = 400) => `${weight} ${Math.round(px * em * 1.1)}px system-ui, sans-serif`;
    for (const k of [1, 2] as const) {
      const ox = m.left + (k - 1) * (panelW + m.left + m.right);
      ctx.save();
      ctx.translate(ox, m.top);
      const trainLine = smoothed(train, k);
      const testLine = column(test, k);
      const yMax = k === 2 ? 1 : Math.max(0.5, max([...trainLine, ...testLine], (d) => (Number.isFinite(d[1]) ? d[1] : 0)) ?? 0);
      const y = scaleLinear().domain([0, yMax]).range([panelH, 0]).nice();
      // Title, axes, ticks.
      ctx.fillStyle = INK;
      ctx.font = font(15, 700);
      ctx.textAlign = 'left';
      ctx.fillText(k === 1 ? 'Loss (cross-entropy)' : 'Accuracy', 0, -12 * em);
      ctx.strokeStyle = MUTED;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(0.5, 0);
      ctx.lineTo(0.5, panelH + 0.5);
      ctx.lineTo(panelW, panelH + 0.5);
      ctx.stroke();
      ctx.font = font(13);
      ctx.fillStyle = INK;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      const xf = x.tickFormat(6);
      for (const t of x.ticks(6)) {
        ctx.fillRect(x(t), panelH, 1, 5);
        ctx.fillText(xf(t), x(t), panelH + 8 * em);
      }
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      const yf = k === 2 ? format('.0%') : format('.2~f');
      for (const t of y.ticks(5)) {
        ctx.fillRect(-5, y(t), 5, 1);
        ctx.fillText(yf(t), -8 * em, y(t));
        ctx.fillStyle = 'rgba(0, 0, 0, 0.06)';
        ctx.fillRect(1, Math.round(y(t)), panelW, 1);
        ctx.fillStyle = INK;
      }
      ctx.fillStyle = MUTED;
      ctx.font = font(12);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText('epochs (passes over the 8,000 training digits)', panelW / 2, panelH + 40 * em);
      if (!train.length && !test.length) {
        ctx.font = font(14);
        ctx.fillText(k === 1 ? 'Start training to draw the curves.' : '', panelW / 2, panelH / 2);
      }
      // The curves, clipped to the panel.
      ctx.beginPath();
      ctx.rect(0, 0, panelW + 4, panelH);
      ctx.clip();
      const path = line<[number, number]>().defined((d) => Number.isFinite(d[1])).x((d) => x(d[0])).y((d) => y(Math.min(d[1], yMax))).context(ctx);
      ctx.lineWidth = 2.5;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = TRAIN;
      ctx.setLineDash([]);
      ctx.beginPath();
      path(trainLine);
      ctx.stroke();
      ctx.strokeStyle = TEST;
      ctx.setLineDash([7, 4]);
      ctx.beginPath();
      path(testLine);
      ctx.stroke();
      ctx.fillStyle = TEST;
      for (const d of testLine) if (Number.isFinite(d[1])) ctx.fillRect(x(d[0]) - 3.5, y(Math.min(d[1], yMax)) - 3.5, 7, 7);
      ctx.restore();
    }
  }

  const resize = new ResizeObserver(() => {
    if (node.clientWidth !== width) draw();
  });
  resize.observe(node);
  return {
    update(next) {
      data = next;
      draw();
    },
    destroy() {
      resize.disconnect();
    },
  };
}
