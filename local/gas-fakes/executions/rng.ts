/**
 * A seeded PRNG (the emulator's mulberry32): the same seed gives the same sequence on every
 * machine, which is all a replayable schedule needs (not cryptographic, not statistically
 * strong).
 */
import { seededRandom, type Random } from '../../../emulator/prng';

export class Rng {
  private readonly random: Random;

  constructor(readonly seed: number) {
    this.random = seededRandom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.random();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
