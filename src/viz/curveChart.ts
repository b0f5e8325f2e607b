// Loss and accuracy curves for training and test, drawn by d3 into an SVG it owns (axes, paths,
// points): `createCurveChart({ node }) → { update, destroy }`, so a caller can redraw at batch
// rate from a subscription without React. Train is a solid purple line, test an orange dashed
// line with square markers: they differ by more than colour.
import { axisBottom, axisLeft, format, line, max, scaleLinear, select, type Selection } from 'd3';

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
const M = { top: 28, right: 16, bottom: 44, left: 56 };

/** Exponential moving average of column `k` of the triples, then at most `max` points. */
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

export function createCurveChart({ node, width = 880, height = 300 }: { node: SVGSVGElement; width?: number; height?: number }): CurveChart {
  const svg = select(node).attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
  const panelW = (width - 2 * (M.left + M.right)) / 2;
  const panelH = height - M.top - M.bottom;
  type G = Selection<SVGGElement, unknown, null, undefined>;
  const panels = (['loss', 'accuracy'] as const).map((name, p) => {
    const g: G = svg.append('g').attr('transform', `translate(${M.left + p * (panelW + M.left + M.right)}, ${M.top})`);
    g.append('text').attr('class', 'chart-title').attr('x', 0).attr('y', -10).text(name === 'loss' ? 'Loss (cross-entropy)' : 'Accuracy');
    const xAxis = g.append('g').attr('class', 'axis').attr('transform', `translate(0, ${panelH})`);
    const yAxis = g.append('g').attr('class', 'axis');
    g.append('text').attr('class', 'axis-label').attr('x', panelW / 2).attr('y', panelH + 38).attr('text-anchor', 'middle').text('epochs (passes over the 8,000 training digits)');
    const trainPath = g.append('path').attr('fill', 'none').attr('stroke', TRAIN).attr('stroke-width', 2.5).attr('data-series', 'train');
    const testPath = g.append('path').attr('fill', 'none').attr('stroke', TEST).attr('stroke-width', 2.5).attr('stroke-dasharray', '7 4').attr('data-series', 'test');
    const testPoints = g.append('g').attr('fill', TEST);
    return { name, xAxis, yAxis, trainPath, testPath, testPoints };
  });

  return {
    update({ train, test }) {
      const xMax = Math.max(max([train.at(-3) ?? 0, test.at(-3) ?? 0]) ?? 0, 0.05);
      const x = scaleLinear().domain([0, xMax]).range([0, panelW]).nice();
      node.setAttribute('data-train-points', String(train.length / 3));
      node.setAttribute('data-test-points', String(test.length / 3));
      for (const p of panels) {
        const k = p.name === 'loss' ? 1 : 2;
        const trainLine = smoothed(train, k);
        const testLine = column(test, k);
        const yMax = k === 2 ? 1 : Math.max(0.5, max([...trainLine, ...testLine], (d) => (Number.isFinite(d[1]) ? d[1] : 0)) ?? 0);
        const y = scaleLinear().domain([0, yMax]).range([panelH, 0]).nice();
        p.xAxis.call(axisBottom(x).ticks(6));
        p.yAxis.call(axisLeft(y).ticks(5).tickFormat(k === 2 ? format('.0%') : format('.2~f')));
        const path = line<[number, number]>().defined((d) => Number.isFinite(d[1])).x((d) => x(d[0])).y((d) => y(Math.min(d[1], yMax)));
        p.trainPath.attr('d', path(trainLine) ?? '');
        p.testPath.attr('d', path(testLine) ?? '');
        p.testPoints
          .selectAll('rect')
          .data(testLine)
          .join('rect')
          .attr('width', 7)
          .attr('height', 7)
          .attr('x', (d) => x(d[0]) - 3.5)
          .attr('y', (d) => y(Math.min(d[1], yMax)) - 3.5);
      }
    },
    destroy() {
      svg.selectAll('*').remove();
    },
  };
}
