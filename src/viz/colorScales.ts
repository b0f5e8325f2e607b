// Colour maps readable by colour-blind users: a diverging purple–orange map centred on zero for
// signed values (kernels, outputs), and a sequential grey-free viridis for magnitudes.
import { interpolatePuOr, interpolateViridis, scaleDiverging, scaleSequential } from 'd3';

/** Diverging scale: negative → purple, zero → near white, positive → orange. */
export function signedScale(maxAbs: number): (v: number) => string {
  const m = maxAbs > 0 ? maxAbs : 1;
  // d3's PuOr runs purple (0) → orange (1): negative purple, positive orange.
  const s = scaleDiverging(interpolatePuOr).domain([-m, 0, m]);
  return (v) => s(v);
}

export function magnitudeScale(max: number): (v: number) => string {
  const s = scaleSequential(interpolateViridis).domain([0, max > 0 ? max : 1]);
  return (v) => s(v);
}

/** Black or white text, whichever reads better on a given fill. */
export function textOn(fill: string): string {
  const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(fill);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill); // d3's viridis gives "#440154"
  if (!m && !hex) return '#111';
  const [r, g, b] = (m ? [m[1], m[2], m[3]].map(Number) : [hex![1], hex![2], hex![3]].map((h) => parseInt(h, 16))).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111' : '#fff';
}

export function maxAbsOf(values: (number | null)[][]): number {
  let m = 0;
  for (const row of values) for (const v of row) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
  return m;
}
