// A labelled whole-number field for the mechanics widgets (N, F, S, P, channels, filters…): a valid
// number updates the widget at once; anything else (empty, "abc", 0 for a stride, out of range)
// stays in the box with an inline message next to it, and the last valid value keeps driving the page.
import { useId, useState } from 'react';
import './numberField.css';

export interface NumberFieldProps {
  label: string;
  /** Extra words for screen readers and the message, e.g. "stride S". */
  name?: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** Why a value below `min` is wrong, e.g. "the window has to move". */
  minReason?: string;
  /** Why a value in range is still refused (e.g. the kernel would no longer fit), or null. */
  refuse?: (value: number) => string | null;
  testId?: string;
}

export function checkWhole(raw: string, min: number, max: number, what: string, minReason?: string): number | string {
  const t = raw.trim().replace('−', '-');
  if (t === '') return `${what} is empty: type a whole number from ${min} to ${max}.`;
  const n = Number(t);
  if (!/^-?\d+(\.\d*)?$/.test(t) || !Number.isFinite(n)) return `${what} must be a number (“${raw}” is not).`;
  if (!Number.isInteger(n)) return `${what} must be a whole number, not ${raw}.`;
  if (n < min) return `${what} must be at least ${min}${minReason ? `: ${minReason}` : ''}. Still using the last valid value.`;
  if (n > max) return `${what} must be at most ${max} here. Still using the last valid value.`;
  return n;
}

export function NumberField({ label, name, value, min, max, onChange, minReason, refuse, testId }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const what = name ?? label;
  const subject = what[0].toUpperCase() + what.slice(1);
  const check = (raw: string): number | string => {
    const v = checkWhole(raw, min, max, subject, minReason);
    const why = typeof v === 'number' ? refuse?.(v) : null;
    return why ? `${subject} ${v} doesn’t work here: ${why}. Still using ${value}.` : v;
  };
  const parsed = text === null ? value : check(text);
  const message = typeof parsed === 'string' ? parsed : null;
  return (
    <span className="number-field number-control">
      <label htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        size={4}
        data-testid={testId}
        value={text ?? String(value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-msg` : undefined}
        onChange={(e) => {
          const raw = e.target.value;
          const v = check(raw);
          if (typeof v === 'number') {
            setText(String(v) === raw.trim() ? null : raw);
            if (v !== value) onChange(v);
          } else setText(raw);
        }}
        onBlur={() => typeof parsed === 'number' && setText(null)}
      />
      {message && (
        <span className="inline-error" role="alert" id={`${id}-msg`}>
          {message}
        </span>
      )}
    </span>
  );
}
