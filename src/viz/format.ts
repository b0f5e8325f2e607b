// Number formats for every page, from d3: at most three decimals, no trailing zeros, a true minus sign.
import { format } from 'd3';

const compact = format('~r');
const fixed3 = format('.3~f');

/** A matrix cell or a result: integers as they are, others to three decimals ("−0.333"). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return compact(v);
  const s = fixed3(v);
  return s === '−0' || s === '-0' ? '0' : s;
}

/** A factor inside a written-out product: negative numbers in brackets are not needed with ×, so "2×−1". */
export function formatTerm(a: number, b: number): string {
  return `${formatNumber(a)}×${formatNumber(b)}`;
}
