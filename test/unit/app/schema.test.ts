// The link schema: values round-trip, tampered or out-of-range values fall back with a note.
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, parseMatrix, type Schema } from '../../../src/store/schema';
import { checkSliding, slidingSchema } from '../../../src/widgets/kernelSliding/schema';

const schema = {
  size: { kind: 'int', label: 'size', default: 3, min: 1, max: 9 },
  mode: { kind: 'enum', label: 'mode', default: 'max', options: ['max', 'avg'] as const },
  on: { kind: 'bool', label: 'switch', default: false },
  m: { kind: 'matrix', label: 'matrix', default: [[1, 0], [0, 1]], minSize: 1, maxSize: 4, maxAbs: 100 },
} satisfies Schema;

describe('link schema', () => {
  it('round-trips every kind of value and leaves defaults out of the link', () => {
    const state = { size: 7, mode: 'avg' as const, on: true, m: [[1.5, -2], [3, 4]] };
    const pairs = encodeState(schema, state, 'w');
    expect(pairs).toEqual([['w.size', '7'], ['w.mode', 'avg'], ['w.on', '1'], ['w.m', '1.5,-2;3,4']]);
    expect(decodeState(schema, new URLSearchParams(pairs), 'w')).toEqual({ state, notes: [] });
    expect(encodeState(schema, { size: 3, mode: 'max', on: false, m: [[1, 0], [0, 1]] }, 'w')).toEqual([]);
  });
  it('falls back to defaults, with a note per bad value', () => {
    const params = new URLSearchParams('w.size=0&w.mode=median&w.on=maybe&w.m=1,2;3&other.size=5');
    const { state, notes } = decodeState(schema, params, 'w');
    expect(state).toEqual({ size: 3, mode: 'max', on: false, m: [[1, 0], [0, 1]] });
    expect(notes).toHaveLength(4);
    expect(notes[0]).toMatch(/size was not usable \(0 is outside 1–9\)/);
    expect(notes[3]).toMatch(/row 2 has 1 cells where row 1 has 2/);
  });
  it('rejects non-numbers, fractions for ints, huge matrices and values', () => {
    const field = schema.m;
    expect(parseMatrix('1,x', field)).toMatch(/“x”/);
    expect(parseMatrix('1,,2', field)).toMatch(/column 2/);
    expect(parseMatrix('1e9', field)).toMatch(/between/);
    expect(parseMatrix('1,1,1,1,1', field)).toMatch(/5 columns/);
    expect(decodeState(schema, new URLSearchParams('w.size=2.5'), 'w').notes[0]).toMatch(/not a whole number/);
  });
  it('a kernel-sliding link whose kernel does not fit falls back to the defaults as a whole', () => {
    const s = slidingSchema({});
    const { state, notes } = decodeState(s, new URLSearchParams('slide.input=1,2;3,4&slide.kernel=1,1,1;1,1,1;1,1,1'), 'slide', checkSliding);
    expect(state.input).toEqual([[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]]);
    expect(notes.join()).toMatch(/3×3 kernel is larger than the padded 2×2 input/);
    const padded = decodeState(s, new URLSearchParams('slide.input=1,2;3,4&slide.kernel=1,1,1;1,1,1;1,1,1&slide.padding=1'), 'slide', checkSliding);
    expect(padded.notes).toEqual([]);
    expect(padded.state.padding).toBe(1);
  });
});
