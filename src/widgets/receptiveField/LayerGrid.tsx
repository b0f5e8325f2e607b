// One layer of the stack as a grid of small, empty cells (positions, not values): marks show the
// receptive field and the reach of the focused cell. One tab stop per grid; arrow keys move inside it.
import { memo } from 'react';
import { moveFocus, type GridCell } from '../../viz/MatrixGrid';

export interface LayerGridProps {
  label: string;
  size: number;
  mark: (y: number, x: number) => string | undefined;
  onCell: (cell: GridCell | null) => void;
  testId?: string;
}

export const LayerGrid = memo(function LayerGrid({ label, size, mark, onCell, testId }: LayerGridProps) {
  const cells = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const m = mark(y, x);
      cells.push(
        <div
          key={`${y},${x}`}
          className={`cell${m ? ` ${m}` : ''}`}
          role="button"
          tabIndex={y === 0 && x === 0 ? 0 : -1}
          aria-label={`${label}, row ${y + 1}, column ${x + 1}${m === 'receptive' ? ', in the receptive field' : m === 'window' ? ', reached' : ''}`}
          data-y={y}
          data-x={x}
          onMouseEnter={() => onCell({ y, x })}
          onFocus={() => onCell({ y, x })}
          onKeyDown={moveFocus}
        />,
      );
    }
  }
  return (
    <div className="matrix-grid layer-grid" role="group" aria-label={`${label}, ${size} by ${size}`} data-testid={testId} style={{ gridTemplateColumns: `repeat(${size}, var(--cell))` }}>
      {cells}
    </div>
  );
});

