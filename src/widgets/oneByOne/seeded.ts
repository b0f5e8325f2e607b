// Reproducible example volumes for the 1×1 and fully-connected widgets: the same seed (kept in the
// link) always gives the same numbers, from the exercises' seeded generator.
import { seededRand } from '../../exercises/rand';

/** A `[c][h][w]` volume of whole numbers in [min, max]. */
export function seededVolume(seed: number, c: number, h: number, w: number, min: number, max: number): number[][][] {
  const rand = seededRand(seed);
  return Array.from({ length: c }, () => rand.matrix(h, w, min, max));
}
