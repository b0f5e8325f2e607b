// What the stride calculator keeps in a link: N, F, S, P and the padding mode (explicit P, SAME, VALID).
import type { Schema, StateOf } from '../../store/schema';

export const PADDING_MODES = ['explicit', 'same', 'valid'] as const;
export type PaddingMode = (typeof PADDING_MODES)[number];

export const LIMITS = { n: [1, 64], f: [1, 15], s: [1, 8], p: [0, 10] } as const;

export function strideSchema(props: { n?: number; f?: number; s?: number; p?: number }) {
  const clamp = (v: number | undefined, [lo, hi]: readonly [number, number], d: number) => (v !== undefined && Number.isInteger(v) && v >= lo && v <= hi ? v : d);
  return {
    n: { kind: 'int', label: 'input size N', default: clamp(props.n, LIMITS.n, 7), min: LIMITS.n[0], max: LIMITS.n[1] },
    f: { kind: 'int', label: 'kernel size F', default: clamp(props.f, LIMITS.f, 3), min: LIMITS.f[0], max: LIMITS.f[1] },
    s: { kind: 'int', label: 'stride S', default: clamp(props.s, LIMITS.s, 1), min: LIMITS.s[0], max: LIMITS.s[1] },
    p: { kind: 'int', label: 'padding P', default: clamp(props.p, LIMITS.p, 0), min: LIMITS.p[0], max: LIMITS.p[1] },
    mode: { kind: 'enum', label: 'padding mode', default: 'explicit' as PaddingMode, options: PADDING_MODES },
  } satisfies Schema;
}

export type StrideState = StateOf<ReturnType<typeof strideSchema>>;

/** Rejects a link whose kernel cannot stand anywhere in the padded input. */
export function checkStride(s: StrideState): string | null {
  const padded = s.mode === 'explicit' ? s.n + 2 * s.p : s.n;
  if (s.mode !== 'same' && s.f > padded) return `the ${s.f}×${s.f} kernel is larger than the ${padded}×${padded} ${s.mode === 'explicit' && s.p ? 'padded ' : ''}input`;
  return null;
}
