// Editing a matrix cell by cell: valid numbers update the matrix at once; anything else stays as
// a draft in its cell with an inline message, and the last valid matrix keeps driving the page.
import { useCallback, useState } from 'react';

export interface MatrixEdits {
  /** Text typed into cells that differs from the number shown ("1.", "abc"), keyed "y,x". */
  drafts: Record<string, string>;
  /** Keys of cells whose text is not a number. */
  invalid: Set<string>;
  onEdit: (y: number, x: number, text: string) => void;
  /** A sentence about the first cell that is not a number, or null. */
  message: string | null;
  clear: () => void;
}

export function parseCell(text: string, maxAbs: number): number | string {
  const t = text.trim().replace('−', '-');
  if (t === '') return 'is empty';
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return `(“${text}”) is not a number`;
  const v = Number(t);
  if (Math.abs(v) > maxAbs) return `(${text}) is outside −${maxAbs}…${maxAbs}`;
  return v;
}

export function useMatrixEdits(name: string, matrix: number[][], onChange: (m: number[][]) => void, maxAbs = 1000): MatrixEdits {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const onEdit = useCallback(
    (y: number, x: number, text: string) => {
      const key = `${y},${x}`;
      const v = parseCell(text, maxAbs);
      if (typeof v === 'number' && String(v) === text.trim()) {
        setDrafts(({ [key]: _, ...rest }) => rest);
        onChange(matrix.map((row, i) => (i === y ? row.map((old, j) => (j === x ? v : old)) : row)));
      } else if (typeof v === 'number') {
        // A number still being typed ("1.", "-"): use it, keep the text as typed.
        setDrafts((d) => ({ ...d, [key]: text }));
        onChange(matrix.map((row, i) => (i === y ? row.map((old, j) => (j === x ? v : old)) : row)));
      } else {
        setDrafts((d) => ({ ...d, [key]: text }));
      }
    },
    [matrix, onChange, maxAbs],
  );
  const first = Object.entries(drafts).find(([, text]) => typeof parseCell(text, maxAbs) === 'string');
  let message: string | null = null;
  if (first) {
    const [y, x] = first[0].split(',').map(Number);
    const reason = parseCell(first[1], maxAbs) as string;
    const kept = matrix[y]?.[x];
    message = `${name}, row ${y + 1}, column ${x + 1} ${reason}. Still using the last valid value${kept === undefined ? '' : ` (${kept})`}.`;
  }
  const invalid = new Set(Object.entries(drafts).filter(([, t]) => typeof parseCell(t, maxAbs) === 'string').map(([k]) => k));
  return { drafts, invalid, onEdit, message, clear: useCallback(() => setDrafts({}), []) };
}
