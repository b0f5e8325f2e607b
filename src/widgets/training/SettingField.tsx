// A labelled setting typed as text (a learning rate like 0.002 or 1e-3, a batch size…): a valid
// value applies at once; anything else stays as typed with an inline message, and the last valid
// value stays in use.
import { useState } from 'react';

export interface SettingFieldProps {
  label: string;
  value: number;
  /** Why `n` cannot be used, or null. `raw` is what was typed. */
  problem: (n: number, raw: string) => string | null;
  onChange: (n: number) => void;
  disabled?: boolean;
  width?: string;
  testId?: string;
}

export function SettingField({ label, value, problem, onChange, disabled, width = '5.5rem', testId }: SettingFieldProps) {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const change = (raw: string) => {
    const n = raw.trim() === '' ? NaN : Number(raw.replace(',', '.'));
    const why = problem(n, raw);
    setText(raw);
    if (why) {
      setMessage(`${why} Still using ${value}.`);
      return;
    }
    setMessage(null);
    onChange(n);
  };
  return (
    <span className="setting-field">
      <label>
        {label}{' '}
        <input
          type="text"
          inputMode="decimal"
          value={text ?? String(value)}
          style={{ width }}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => change(e.target.value)}
          onBlur={() => !message && setText(null)}
          aria-invalid={message ? true : undefined}
        />
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
