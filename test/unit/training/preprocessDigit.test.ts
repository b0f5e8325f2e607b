// The drawing pad's preprocessing, against numbers worked out by hand: the ink's box, the scale
// to 20 pixels on the longer side, area averaging at fractional edges, the centre of mass moved
// to the middle of the 28×28 field, and a blank drawing refused with a sentence.
import { describe, expect, it } from 'vitest';
import { preprocessDigit } from '../../../src/engine/training/preprocessDigit';

/** A width×height drawing with ink 1 on the cells `on(x, y)` says. */
function drawing(width: number, height: number, on: (x: number, y: number) => number): Float32Array {
  return Float32Array.from({ length: width * height }, (_, i) => on(i % width, Math.floor(i / width)));
}

/** The [row, col] cells of a 28×28 image above `min`. */
function inked(image: Float32Array, min = 0.5): { rows: number[]; cols: number[] } {
  const rows = new Set<number>();
  const cols = new Set<number>();
  image.forEach((v, i) => {
    if (v > min) {
      rows.add(Math.floor(i / 28));
      cols.add(i % 28);
    }
  });
  return { rows: [...rows].sort((a, b) => a - b), cols: [...cols].sort((a, b) => a - b) };
}

describe('preprocessDigit', () => {
  it('a solid 4×2 bar: scaled ×5 to 20×10, centre of mass (10, 5) moved to (14, 14)', () => {
    // Ink at x 10..13, y 20..21 of a 40×40 drawing.
    const d = preprocessDigit(drawing(40, 40, (x, y) => (x >= 10 && x <= 13 && y >= 20 && y <= 21 ? 1 : 0)), 40, 40);
    expect(d.box).toEqual({ x: 10, y: 20, width: 4, height: 2 });
    expect(d.scaled).toEqual([20, 10]);
    expect(d.centreOfMass).toEqual([10, 5]);
    // Offset = round(14 − 10) = 4 across, round(14 − 5) = 9 down.
    expect(d.offset).toEqual([4, 9]);
    const { rows, cols } = inked(d.image);
    expect(rows).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(cols).toEqual(Array.from({ length: 20 }, (_, i) => 4 + i));
    expect(d.image.reduce((a, b) => a + b, 0)).toBe(200); // 20 × 10 cells of 1
  });

  it('the centre of mass, not the box, is centred: an L with a heavy stem', () => {
    // 2 wide × 4 tall: column 0 fully inked (4 cells), plus the bottom-right cell. Scale 20/4 = 5 → 10×20.
    const d = preprocessDigit(drawing(2, 4, (x, y) => (x === 0 || y === 3 ? 1 : 0)), 2, 4);
    expect(d.scaled).toEqual([10, 20]);
    // Scaled: the stem is columns 0..4 of all 20 rows (100 cells, x̄ = 2.5, ȳ = 10); the foot is
    // columns 5..9 of rows 15..19 (25 cells, x̄ = 7.5, ȳ = 17.5). Mass 125:
    // cx = (100·2.5 + 25·7.5) / 125 = 3.5,  cy = (100·10 + 25·17.5) / 125 = 11.5.
    expect(d.centreOfMass[0]).toBeCloseTo(3.5, 12);
    expect(d.centreOfMass[1]).toBeCloseTo(11.5, 12);
    // Offsets: round(14 − 3.5) = round(10.5) = 11 across (the box's centre would give 9), round(2.5) = 3 down.
    expect(d.offset).toEqual([11, 3]);
    expect(d.image[3 * 28 + 11]).toBe(1); // top of the stem
    expect(d.image[3 * 28 + 16]).toBe(0); // beside it, no ink
    expect(d.image[22 * 28 + 20]).toBe(1); // the foot's right end: row 3 + 19, column 11 + 9
  });

  it('area averaging at fractional edges: a 3-pixel row 1,0,1 becomes 20 pixels', () => {
    // Box 3×1 → scale 20/3: 20 wide, round(6.67) = 7 tall (the shape is kept). Output column j
    // covers source [0.15 j, 0.15 (j + 1)); every one of the 7 rows is the same.
    const d = preprocessDigit(Float32Array.from([1, 0, 1]), 3, 1);
    expect(d.scaled).toEqual([20, 7]);
    const row = Array.from(d.image.subarray(d.offset[1] * 28 + d.offset[0], d.offset[1] * 28 + d.offset[0] + 20));
    // Pixels 0..5 cover [0, 0.9): all ink. Pixel 6 covers [0.9, 1.05): 0.1 of ink out of 0.15 → 2/3.
    expect(row.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(row[6]).toBeCloseTo(2 / 3, 6);
    // Pixels 7..12 lie in [1.05, 1.95): paper. Pixel 13 covers [1.95, 2.1): 0.1 of ink out of 0.15.
    expect(row.slice(7, 13)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row[13]).toBeCloseTo(2 / 3, 6);
    expect(row.slice(14)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('light ink is stretched so the strongest pixel is 1; faint specks below the threshold are ignored', () => {
    const d = preprocessDigit(drawing(10, 10, (x, y) => (x === 5 && y >= 2 && y <= 6 ? 0.5 : x === 0 && y === 0 ? 0.01 : 0)), 10, 10);
    expect(d.box).toEqual({ x: 5, y: 2, width: 1, height: 5 });
    expect(Math.max(...d.image)).toBe(1);
    expect(d.scaled).toEqual([4, 20]);
  });

  it('a digit whose mass sits at an edge is moved only as far as the field allows', () => {
    // 20×20 after scaling, all mass in the top rows: centring would push it up out of the field.
    const d = preprocessDigit(drawing(20, 20, (x, y) => (y === 0 || (x === 0 && y === 19) ? 1 : 0)), 20, 20);
    expect(d.offset[1]).toBe(8); // clamped: 28 − 20, so the bottom row stays inside
    expect(d.image[(8 + 19) * 28 + d.offset[0]]).toBe(1);
  });

  it('a blank drawing is refused with a sentence, and a wrong size is named', () => {
    expect(() => preprocessDigit(new Float32Array(100), 10, 10)).toThrow(/blank: draw a digit/);
    expect(() => preprocessDigit(new Float32Array(99), 10, 10)).toThrow(RangeError);
  });
});
