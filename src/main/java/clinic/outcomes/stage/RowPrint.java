package clinic.outcomes.stage;

import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * A record's fingerprint ({@link clinic.outcomes.ingest.Checked#fingerprint}) as the two
 * independent hashes validation compares (64 + 32 bits), worked out as the ingest stages the record
 * so that staging holds 12 bytes instead of the fingerprint's text. They are Spark's own {@code
 * xxhash64(fingerprint)} and {@code hash(fingerprint)} (XXH64 and Murmur3 x86_32 over the UTF-8
 * bytes, seed 42), which validation used to compute over the staged text: the same values, so the
 * same groups and verdicts.
 */
final class RowPrint {
  /** The seed of Spark's {@code hash} and {@code xxhash64}. */
  private static final int SEED = 42;

  private RowPrint() {}

  /** Spark's {@code xxhash64} of the fingerprint's UTF-8 bytes. */
  static long fp64(byte[] utf8) {
    return XXH64.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, SEED);
  }

  /** Spark's {@code hash} (Murmur3 x86_32) of the fingerprint's UTF-8 bytes. */
  static int fp32(byte[] utf8) {
    return Murmur3_x86_32.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, SEED);
  }
}
