// A small seeded generator (mulberry32): the same seed gives the same questions, so a link can
// carry an exercise set and an instructor can hand the class identical numbers.
import { mulberry32 } from '../engine/cnn/random';
import type { Rand } from './types';

export function seededRand(seed: number): Rand {
  const next = mulberry32(seed);
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
