// Small pieces the im2col views share: row numbers beside a matrix, and the size and duplication
// figures of the patch matrix (from the geometry's index maps).
import type { Im2colLayout } from '../../engine';
import { formatNumber } from '../../viz/format';
import './im2col.css';

/** Row numbers 1…count, aligned with a MatrixGrid's rows (same cell height and gap). */
export function RowLabels({ count, label = 'row' }: { count: number; label?: string }) {
  return (
    <ol className="row-labels" aria-hidden="true" title={`${label} numbers`}>
      {Array.from({ length: count }, (_, i) => (
        <li key={i}>{i + 1}</li>
      ))}
    </ol>
  );
}

const n = (v: number) => v.toLocaleString('en');

export function SizeFigures({ layout, channels = 1, testId }: { layout: Im2colLayout; channels?: number; testId?: string }) {
  const { rows, cols, entries, inputCells, growth, minCopies, maxCopies } = layout;
  return (
    <p className="size-figures" data-testid={testId}>
      X is {n(rows)} × {n(cols)} = <strong>{n(entries)}</strong> numbers, built from an input of {channels > 1 ? `${channels} channels, ` : ''}
      {n(inputCells)} cells: <strong>{formatNumber(growth)}×</strong> the memory of the input. Each input cell is copied{' '}
      {minCopies === maxCopies ? `${maxCopies} times` : `between ${minCopies} and ${maxCopies} times`}
      {minCopies === 0 ? ' (0 for cells the stride skips)' : ''}.
    </p>
  );
}
