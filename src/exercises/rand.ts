// A small seeded generator (mulberry32): the same seed gives the same questions, so a link can
// carry an exercise set and an instructor can hand the class identical numbers.
import type { Rand } from './types';

export function seededRand(seed: number): Rand {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    matrix: (rows, cols, min, max) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => int(min, max))),
  };
}

/** A fresh seed for "new numbers". */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
