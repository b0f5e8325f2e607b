// A labelled whole-number field (stride, padding, channels…) that applies valid values at once and
// keeps anything else as typed, with an inline message, while the last valid value stays in use.
import { useState } from 'react';

export interface NumberControlProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  /** Why a value in range is still refused (e.g. the kernel would not fit), or null. */
  refuse?: (n: number) => string | null;
}

export function NumberControl({ label, value, min, max, onChange, refuse }: NumberControlProps) {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const change = (raw: string) => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      setText(raw);
      setMessage(`${label} must be a whole number from ${min} to ${max}; still using ${value}.`);
      return;
    }
    const why = refuse?.(n);
    if (why) {
      setText(raw);
      setMessage(`${label} ${n} doesn’t work here: ${why}. Still using ${value}.`);
      return;
    }
    setText(null);
    setMessage(null);
    onChange(n);
  };
  return (
    <span className="number-control">
      <label>
        {label}{' '}
        <input type="number" min={min} max={max} value={text ?? value} onChange={(e) => change(e.target.value)} aria-invalid={message ? true : undefined} />
      </label>
      {message && (
        <span className="inline-error" role="alert">
          {' '}
          {message}
        </span>
      )}
    </span>
  );
}
