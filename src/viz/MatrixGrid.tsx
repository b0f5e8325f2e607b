// A small matrix drawn as a grid of cells React owns (HTML, so cells can be labelled inputs and
// scale with the page's font size on a projector). Optional zero-padding ring, colour by value,
// marks (window, receptive field, dropped cells…) as CSS classes, hover/focus callbacks.
import { memo, type KeyboardEvent } from 'react';
import { formatNumber } from './format';
import { textOn } from './colorScales';

export interface GridCell {
  y: number;
  x: number;
}

export interface MatrixGridProps {
  /** Values to show; `null` leaves a cell empty (not computed yet). */
  values: (number | null)[][];
  /** Accessible name, e.g. "Input". */
  label: string;
  /** Zero padding drawn as a ring of dashed cells around the values. */
  pads?: { top: number; bottom: number; left: number; right: number };
  /** Fill colour for a value (e.g. a diverging scale); none when omitted. */
  colour?: (v: number) => string;
  /** CSS class names for a cell in unpadded coordinates (padding cells have negative or overflowing indices). */
  mark?: (y: number, x: number) => string | undefined;
  /** Editable cells: the raw text typed, and texts that are not numbers yet (keyed "y,x"). */
  editable?: boolean;
  drafts?: Record<string, string>;
  /** Keys ("y,x") of cells whose text is not a number: drawn as errors. */
  invalid?: Set<string>;
  onEdit?: (y: number, x: number, text: string) => void;
  /** Hover or keyboard focus on a cell (null when leaving the grid). */
  onCell?: (cell: GridCell | null) => void;
  /** Makes non-editable cells focusable (arrow keys move between them). */
  focusable?: boolean;
  testId?: string;
  /** Size class: "small" for kernels, "large" default. */
  size?: 'small' | 'normal';
}

const NO_PADS = { top: 0, bottom: 0, left: 0, right: 0 };

export const MatrixGrid = memo(function MatrixGrid(props: MatrixGridProps) {
  const { values, label, pads = NO_PADS, colour, mark, editable, drafts, invalid, onEdit, onCell, focusable, testId, size = 'normal' } = props;
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const totalCols = cols + pads.left + pads.right;
  const cells = [];
  for (let py = 0; py < rows + pads.top + pads.bottom; py++) {
    for (let px = 0; px < totalCols; px++) {
      const y = py - pads.top;
      const x = px - pads.left;
      const isPad = y < 0 || y >= rows || x < 0 || x >= cols;
      const v = isPad ? 0 : values[y][x];
      const key = `${y},${x}`;
      const draft = drafts?.[key];
      const cls = ['cell', isPad ? 'pad' : '', invalid?.has(key) ? 'invalid' : '', mark?.(y, x) ?? ''].filter(Boolean).join(' ');
      const fill = !isPad && v !== null && colour ? colour(v) : undefined;
      const style = fill ? { background: fill, color: textOn(fill) } : undefined;
      const name = isPad ? `${label} padding, row ${y + 1}, column ${x + 1}: 0` : `${label} row ${y + 1}, column ${x + 1}`;
      const common = {
        key,
        className: cls,
        style,
        'data-y': y,
        'data-x': x,
        onMouseEnter: onCell ? () => onCell({ y, x }) : undefined,
        onFocus: onCell ? () => onCell({ y, x }) : undefined,
      };
      if (editable && !isPad) {
        cells.push(
          <input
            {...common}
            aria-label={name}
            aria-invalid={invalid?.has(key) || undefined}
            inputMode="decimal"
            value={draft ?? (v === null ? '' : String(v))}
            onChange={(e) => onEdit?.(y, x, e.target.value)}
            onKeyDown={moveFocus}
          />,
        );
      } else {
        cells.push(
          <div
            {...common}
            role={focusable && !isPad ? 'button' : undefined}
            tabIndex={focusable && !isPad ? 0 : undefined}
            aria-label={focusable && !isPad ? `${name}: ${v === null ? 'not computed yet' : formatNumber(v)}` : undefined}
            onKeyDown={focusable ? moveFocus : undefined}
          >
            {v === null ? '' : formatNumber(v)}
          </div>,
        );
      }
    }
  }
  return (
    <div
      className={`matrix-grid ${size}`}
      role="group"
      aria-label={`${label}, ${rows} by ${cols}`}
      data-testid={testId}
      style={{ gridTemplateColumns: `repeat(${totalCols}, var(--cell))` }}
      onMouseLeave={onCell ? () => onCell(null) : undefined}
      onBlur={onCell ? (e) => !e.currentTarget.contains(e.relatedTarget as Node) && onCell(null) : undefined}
    >
      {cells}
    </div>
  );
});

/** Arrow keys move focus between the focusable cells (inputs or tabindex) of one grid. */
export function moveFocus(e: KeyboardEvent<HTMLElement>): void {
  const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
  if (!d) return;
  const el = e.currentTarget;
  if (el instanceof HTMLInputElement && d[0] === 0 && el.value.length > 0) {
    // Inside a cell's text, left/right move the caret until it reaches the edge.
    const atEdge = d[1] < 0 ? el.selectionStart === 0 : el.selectionEnd === el.value.length;
    if (!atEdge) return;
  }
  const y = Number(el.dataset.y) + d[0];
  const x = Number(el.dataset.x) + d[1];
  const next = el.parentElement?.querySelector<HTMLElement>(`[data-y="${y}"][data-x="${x}"]:is(input,[tabindex])`);
  if (next) {
    e.preventDefault();
    next.focus();
    e.stopPropagation();
  }
}
