// A small seeded PRNG (xorshift32), so a fuzz run can be repeated from its printed seed.

export type Rand = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function rng(seed: number): Rand {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** An integer in [0, n). */
export function below(rand: Rand, n: number): number {
  return Math.floor(rand() * n);
}
