// Rows × columns of a matrix as two labelled whole-number fields; resizing keeps the top-left
// values and fills new cells with zeros. Out-of-range entries get an inline message (NumberField).
import { NumberField } from './NumberField';

export function resize(m: number[][], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, y) => Array.from({ length: cols }, (_, x) => m[y]?.[x] ?? 0));
}

export interface SizeControlProps {
  label: string;
  rows: number;
  cols: number;
  min: number;
  max: number;
  onResize: (rows: number, cols: number) => void;
}

export function SizeControl({ label, rows, cols, min, max, onResize }: SizeControlProps) {
  return (
    <fieldset className="size-control">
      <legend>{label} size</legend>
      <NumberField label="rows" name={`${label.toLowerCase()} rows`} value={rows} min={min} max={max} onChange={(r) => onResize(r, cols)} />
      <span aria-hidden="true">×</span>
      <NumberField label="columns" name={`${label.toLowerCase()} columns`} value={cols} min={min} max={max} onChange={(c) => onResize(rows, c)} />
    </fieldset>
  );
}
