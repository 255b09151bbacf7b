package clinic.outcomes.generate;

import java.util.SplittableRandom;

/**
 * Per-client random streams: client {@code index} of a run with master seed {@code seed} always
 * gets the same stream, whatever order or thread generates it.
 */
final class Seeds {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** The random stream of client {@code index} (0-based) under master seed {@code seed}. */
  static SplittableRandom forClient(long seed, long index) {
    return new SplittableRandom(mix64(seed + (index + 1) * GOLDEN_GAMMA) ^ mix64(seed));
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer (as in SplitMix64). */
  static long mix64(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
