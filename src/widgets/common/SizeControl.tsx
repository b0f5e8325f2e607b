// Rows × columns of a matrix as two labelled number fields; resizing keeps the top-left values
// and fills new cells with zeros. Out-of-range entries get an inline message, not a crash.
import { useState } from 'react';

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
  const [text, setText] = useState<{ rows?: string; cols?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const change = (which: 'rows' | 'cols', raw: string) => {
    setText((t) => ({ ...t, [which]: raw }));
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      setMessage(`${label} ${which} must be a whole number from ${min} to ${max}.`);
      return;
    }
    setMessage(null);
    setText((t) => ({ ...t, [which]: undefined }));
    onResize(which === 'rows' ? n : rows, which === 'cols' ? n : cols);
  };
  return (
    <fieldset className="size-control">
      <legend>{label} size</legend>
      <label>
        <span className="visually-hidden">{label} rows</span>
        <input type="number" min={min} max={max} value={text.rows ?? rows} onChange={(e) => change('rows', e.target.value)} aria-invalid={text.rows !== undefined || undefined} />
      </label>
      <span aria-hidden="true">×</span>
      <label>
        <span className="visually-hidden">{label} columns</span>
        <input type="number" min={min} max={max} value={text.cols ?? cols} onChange={(e) => change('cols', e.target.value)} aria-invalid={text.cols !== undefined || undefined} />
      </label>
      {message && (
        <span className="inline-error" role="alert">
          {message}
        </span>
      )}
    </fieldset>
  );
}
