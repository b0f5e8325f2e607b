// State as a schema: every value a link can carry is declared once with its type, default and
// bounds. Decoding a link never throws: a tampered or out-of-range value falls back to its
// default and produces a note the page shows.

export interface IntField { kind: 'int'; label: string; default: number; min: number; max: number }
export interface NumberField { kind: 'number'; label: string; default: number; min: number; max: number }
export interface EnumField<T extends string = string> { kind: 'enum'; label: string; default: T; options: readonly T[] }
export interface BoolField { kind: 'bool'; label: string; default: boolean }
/** A matrix of numbers, written in links as rows separated by `;`, cells by `,` (e.g. `1,0;0,1`). */
export interface MatrixField { kind: 'matrix'; label: string; default: number[][]; minSize: number; maxSize: number; maxAbs: number }

export type Field = IntField | NumberField | EnumField | BoolField | MatrixField;
export type Schema = Record<string, Field>;

export type ValueOf<F extends Field> = F extends IntField | NumberField
  ? number
  : F extends EnumField<infer T>
    ? T
    : F extends BoolField
      ? boolean
      : number[][];
export type StateOf<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema)) out[key] = field.kind === 'matrix' ? field.default.map((r) => [...r]) : field.default;
  return out as StateOf<S>;
}

export function encodeMatrix(m: number[][]): string {
  return m.map((row) => row.join(',')).join(';');
}

/** Parses `1,0;0,1`; returns a reason instead of throwing. */
export function parseMatrix(text: string, field: MatrixField): number[][] | string {
  const rows = text.split(';').map((r) => r.split(','));
  if (rows.length < field.minSize || rows.length > field.maxSize) return `it has ${rows.length} rows; ${field.minSize}–${field.maxSize} are allowed`;
  const width = rows[0].length;
  if (width < field.minSize || width > field.maxSize) return `it has ${width} columns; ${field.minSize}–${field.maxSize} are allowed`;
  const out: number[][] = [];
  for (const [i, row] of rows.entries()) {
    if (row.length !== width) return `row ${i + 1} has ${row.length} cells where row 1 has ${width}`;
    const nums = row.map((cell) => (cell.trim() === '' ? NaN : Number(cell)));
    const bad = nums.findIndex((n) => !Number.isFinite(n) || Math.abs(n) > field.maxAbs);
    if (bad >= 0) return `row ${i + 1}, column ${bad + 1} (“${row[bad]}”) is not a number between −${field.maxAbs} and ${field.maxAbs}`;
    out.push(nums);
  }
  return out;
}

function decodeField(field: Field, raw: string): { value: unknown } | { reason: string } {
  switch (field.kind) {
    case 'int':
    case 'number': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) return { reason: `“${raw}” is not a number` };
      if (field.kind === 'int' && !Number.isInteger(n)) return { reason: `${raw} is not a whole number` };
      if (n < field.min || n > field.max) return { reason: `${raw} is outside ${field.min}–${field.max}` };
      return { value: n };
    }
    case 'enum':
      return field.options.includes(raw) ? { value: raw } : { reason: `“${raw}” is not one of ${field.options.join(', ')}` };
    case 'bool':
      return raw === '1' || raw === 'true' ? { value: true } : raw === '0' || raw === 'false' ? { value: false } : { reason: `“${raw}” is not 1 or 0` };
    case 'matrix': {
      const m = parseMatrix(raw, field);
      return typeof m === 'string' ? { reason: m } : { value: m };
    }
  }
}

export function encodeValue(field: Field, value: unknown): string {
  if (field.kind === 'matrix') return encodeMatrix(value as number[][]);
  if (field.kind === 'bool') return value ? '1' : '0';
  return String(value);
}

/**
 * Reads `prefix.key` parameters. Unknown keys are ignored; bad values fall back to defaults with a note.
 * `check` may reject a combination (e.g. a kernel larger than the padded input): then the whole
 * state falls back to the defaults, with its reason as a note.
 */
export function decodeState<S extends Schema>(
  schema: S,
  params: URLSearchParams,
  prefix: string,
  check?: (s: StateOf<S>) => string | null,
): { state: StateOf<S>; notes: string[] } {
  const state = defaults(schema) as Record<string, unknown>;
  const notes: string[] = [];
  for (const [key, field] of Object.entries(schema)) {
    const raw = params.get(`${prefix}.${key}`);
    if (raw === null) continue;
    const r = decodeField(field, raw);
    if ('value' in r) state[key] = r.value;
    else notes.push(`The link’s ${field.label} was not usable (${r.reason}); using the default.`);
  }
  const problem = check?.(state as StateOf<S>);
  if (problem) return { state: defaults(schema), notes: [...notes, `The link’s settings don’t work together (${problem}); showing the defaults.`] };
  return { state: state as StateOf<S>, notes };
}

/** Writes a state as `prefix.key=value` pairs, leaving out values equal to their defaults. */
export function encodeState<S extends Schema>(schema: S, state: StateOf<S>, prefix: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, field] of Object.entries(schema)) {
    const value = encodeValue(field, (state as Record<string, unknown>)[key]);
    if (value !== encodeValue(field, field.default)) out.push([`${prefix}.${key}`, value]);
  }
  return out;
}
