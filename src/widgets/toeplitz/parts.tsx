// Pieces the Toeplitz views share: the size and sparsity sentence, and the kernel drawn as a legend
// whose cells carry the same colours as the weights in T.
import { format } from 'd3';
import type { ToeplitzLayout } from '../../engine';

const pct = format('.2~%');
const n = (v: number) => v.toLocaleString('en');

export function SparsityFigures({ layout, testId }: { layout: ToeplitzLayout; testId?: string }) {
  return (
    <p className="size-figures" data-testid={testId}>
      T is {n(layout.rows)} × {n(layout.cols)} = {n(layout.entries)} entries. {n(layout.nonzero)} of them hold a kernel weight; the other{' '}
      {n(layout.zeros)} are always zero: <strong>{pct(layout.zeroShare)}</strong> of T is zeros.
    </p>
  );
}

/** Classes giving each kernel weight its colour (.wt-0 … .wt-8 in toeplitz.css). */
export const weightClass = (w: number) => `wt-${w % 9}`;
