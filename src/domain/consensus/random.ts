// A seeded PRNG so that "same input, same groups" holds: the engine never touches
// Math.random. Mulberry32: 32 bits of state, full period 2^32, good enough for
// k-means++ seeding and start vectors, and a few nanoseconds a draw.

/** Returns a float in [0, 1). */
export type RandomSource = () => number;

export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_SEED = 0x5eed;
