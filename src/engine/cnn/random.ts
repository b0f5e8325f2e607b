// Seeded pseudo-random numbers for the CNN engine: the data split, the weight initialisation
// and the batch order all come from here, so one seed reproduces a whole training run.

/** A generator of uniform floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator (period 2^32), good enough for shuffles and weight
 * initialisation and identical in every JavaScript engine, unlike `Math.random`.
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of `0 .. n-1`, driven by `random`. */
export function shuffledIndices(n: number, random: Random): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** `count` floats drawn uniformly from [-limit, limit). */
export function uniformArray(count: number, limit: number, random: Random): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (random() * 2 - 1) * limit;
  return out;
}
