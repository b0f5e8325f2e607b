// An explicit check that two (or more) ways of computing the same numbers agree, cell by cell:
// "✓ agree in all 4 cells", or the first cell where they differ with each value. Compares only;
// the numbers themselves come from the caller (the engine).
import { formatNumber } from './format';
import './AgreementCheck.css';

export interface AgreementCheckProps {
  /** The results to compare, each flattened in the same order, with a name ("im2col · w"). */
  results: { name: string; values: number[] }[];
  /** What one entry is called in the sentence, e.g. "output cell". */
  unit?: string;
  /** Names an entry by its flat index for the "differs at" sentence. */
  describe?: (i: number) => string;
  /** Relative tolerance for float32 round-off. */
  tolerance?: number;
  testId?: string;
}

/** The first index where any result differs from the first one, or −1 when all agree. */
export function firstDisagreement(results: number[][], tolerance = 1e-4): number {
  const [ref, ...others] = results;
  for (const o of others) if (o.length !== ref.length) return Math.min(o.length, ref.length);
  for (let i = 0; i < ref.length; i++) {
    for (const o of others) if (!(Math.abs(o[i] - ref[i]) <= tolerance * Math.max(1, Math.abs(ref[i])))) return i;
  }
  return -1;
}

export function AgreementCheck({ results, unit = 'cell', describe, tolerance = 1e-4, testId }: AgreementCheckProps) {
  const at = firstDisagreement(results.map((r) => r.values), tolerance);
  const names = results.map((r) => r.name);
  const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const n = results[0]?.values.length ?? 0;
  return (
    <p className={`agreement ${at < 0 ? 'agree' : 'differ'}`} role="status" data-testid={testId} data-agree={at < 0 ? 'true' : 'false'}>
      <span className="agreement-mark" aria-hidden="true">{at < 0 ? '✓' : '✗'}</span>{' '}
      {at < 0 ? (
        <>
          {list} agree in all {n} {unit}{n === 1 ? '' : 's'}
          {tolerance > 0 ? ' (up to float32 round-off)' : ''}.
        </>
      ) : (
        <>
          {list} differ at {describe ? describe(at) : `${unit} ${at + 1}`}:{' '}
          {results.map((r) => `${r.name} = ${r.values[at] === undefined ? 'missing' : formatNumber(r.values[at])}`).join(', ')}.
        </>
      )}
    </p>
  );
}
