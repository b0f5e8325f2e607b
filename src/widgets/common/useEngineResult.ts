// Runs an engine computation whenever its inputs change (and again if the backend changes), keeps
// the last good result on screen when new input is bad, and turns errors into a sentence.
import { useEffect, useRef, useState } from 'react';
import { useConvLab } from '../../store/store';

export interface EngineResult<T> {
  /** The latest successful result (kept while a newer input is rejected). */
  value: T | null;
  /** Why the latest input could not be computed, as a sentence for the student. */
  error: string | null;
  /** True while a computation is running. */
  busy: boolean;
}

export function useEngineResult<T>(compute: () => Promise<T>, deps: unknown[]): EngineResult<T> {
  const backend = useConvLab((s) => s.engine?.backend);
  const [result, setResult] = useState<EngineResult<T>>({ value: null, error: null, busy: true });
  const run = useRef(0);
  useEffect(() => {
    const id = ++run.current;
    setResult((r) => ({ ...r, busy: true }));
    let promise: Promise<T>;
    try {
      promise = compute();
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise.then(
      (value) => id === run.current && setResult({ value, error: null, busy: false }),
      (e: unknown) => id === run.current && setResult((r) => ({ value: r.value, error: explain(e), busy: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, backend]);
  return result;
}

export function explain(e: unknown): string {
  if (e instanceof RangeError || e instanceof TypeError) return e.message;
  return `Something went wrong in the engine: ${(e as Error)?.message ?? String(e)}`;
}
