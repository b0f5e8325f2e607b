// Ten numbers, one per digit, as bars: class probabilities (0..1, the winner highlighted) or the
// scores before softmax (signed, drawn from a zero line). d3 scales, React-owned SVG.
import { scaleBand, scaleLinear } from 'd3';

export interface ProbabilityBarsProps {
  values: ArrayLike<number>;
  /** 'probability': 0..1 with percentages; 'score': signed values around zero. */
  kind?: 'probability' | 'score';
  label: string;
  testId?: string;
  height?: number;
}

export function ProbabilityBars({ values, kind = 'probability', label, testId, height = 150 }: ProbabilityBarsProps) {
  const v = Array.from(values);
  const width = 320;
  const top = 18;
  const bottom = kind === 'score' ? 36 : 22;
  const x = scaleBand<number>().domain(v.map((_, i) => i)).range([0, width]).padding(0.18);
  const extent = kind === 'probability' ? [0, 1] : [Math.min(0, ...v), Math.max(0, ...v, 1e-6)];
  const y = scaleLinear().domain(extent).range([height - bottom, top]);
  const best = v.indexOf(Math.max(...v));
  const fmt = (n: number) => (kind === 'probability' ? `${Math.round(n * 100)}%` : n.toFixed(1));
  return (
    <svg className="prob-bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}: ${v.map((n, i) => `${i}: ${fmt(n)}`).join(', ')}`} data-testid={testId} data-best={best}>
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="zero-line" />
      {v.map((n, i) => {
        const y0 = y(Math.max(0, n));
        const h = Math.abs(y(n) - y(0));
        return (
          <g key={i} className={i === best ? 'bar best' : 'bar'}>
            <rect x={x(i)} y={y0} width={x.bandwidth()} height={Math.max(h, 0.5)} />
            <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={height - 6} textAnchor="middle" className="digit">{i}</text>
            {(kind === 'score' || n >= 0.01) && (
              <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={n >= 0 ? y0 - 4 : y(n) + 13} textAnchor="middle" className="value">{fmt(n)}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
