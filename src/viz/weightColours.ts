// Colours that say WHICH kernel weight an entry of a matrix is (not its value): Paul Tol's "muted"
// qualitative scheme, designed to stay distinct for colour-blind readers, for up to 9 weights; beyond
// that, viridis over the weight's index. Shared by the Toeplitz grids (CSS classes .wt-0 … .wt-8 in
// src/widgets/toeplitz/toeplitz.css repeat these nine) and the canvas views.
import { interpolateViridis, rgb } from 'd3';

export const WEIGHT_COLOURS = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'] as const;

/** Fill for weight `i` of `n` kernel weights. */
export function weightColour(i: number, n: number): string {
  if (n <= WEIGHT_COLOURS.length) return WEIGHT_COLOURS[i % WEIGHT_COLOURS.length];
  return rgb(interpolateViridis(n > 1 ? i / (n - 1) : 0)).formatHex();
}

/** [r, g, b] bytes of a CSS colour, for filling canvas pixels. */
export function colourBytes(css: string): [number, number, number] {
  const c = rgb(css);
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}
