package clinic.outcomes.validate;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * The session ids the check of ids found conflicting (more than one distinct passing fingerprint),
 * handed to the pass's tasks, which flag a session whose id is one of them. Up to {@link
 * ValidationStage#FEW_CONFLICTS} ids travel as themselves; more (a file whose ids were reused on a
 * large scale) travel as two independent hashes of each id, 64 + 32 bits (Spark's {@code xxhash64}
 * and {@code hash} of its UTF-8 bytes, as the fingerprints are compared): a session whose id is not
 * conflicting is flagged only if its id collides with a conflicting one on 96 bits, about 1 in
 * 10^28 per pair of ids.
 */
public final class Conflicts implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SEED = 42;

  /** None: the usual case. */
  public static final Conflicts NONE = new Conflicts(Set.of(), null, null);

  private final Set<String> ids;
  private final long[] hash64;
  private final int[] hash32;

  private Conflicts(Set<String> ids, long[] hash64, int[] hash32) {
    this.ids = ids;
    this.hash64 = hash64;
    this.hash32 = hash32;
  }

  /** The conflicting ids themselves. */
  public static Conflicts of(Set<String> ids) {
    return ids.isEmpty() ? NONE : new Conflicts(Set.copyOf(ids), null, null);
  }

  /** The conflicting ids as their two hashes ({@code key(id)}), in any order. */
  static Conflicts hashed(long[] hash64, int[] hash32) {
    Integer[] order = new Integer[hash64.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            hash64[a] != hash64[b]
                ? Long.compare(hash64[a], hash64[b])
                : Integer.compare(hash32[a], hash32[b]));
    long[] h = new long[order.length];
    int[] m = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      h[i] = hash64[order[i]];
      m[i] = hash32[order[i]];
    }
    return new Conflicts(null, h, m);
  }

  /** Spark's {@code xxhash64} of an id's UTF-8 bytes. */
  static long hash64(byte[] utf8) {
    return XXH64.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, SEED);
  }

  /** Spark's {@code hash} (Murmur3 x86_32) of an id's UTF-8 bytes. */
  static int hash32(byte[] utf8) {
    return Murmur3_x86_32.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, SEED);
  }

  /** Whether no id conflicts. */
  public boolean isEmpty() {
    return ids != null ? ids.isEmpty() : hash64.length == 0;
  }

  /** Whether {@code id} is one of the conflicting ids. */
  public boolean contains(String id) {
    if (id == null || isEmpty()) {
      return false;
    }
    if (ids != null) {
      return ids.contains(id);
    }
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    long h = hash64(utf8);
    int i = Arrays.binarySearch(hash64, h);
    if (i < 0) {
      return false;
    }
    while (i > 0 && hash64[i - 1] == h) {
      i--;
    }
    int m = hash32(utf8);
    for (; i < hash64.length && hash64[i] == h; i++) {
      if (hash32[i] == m) {
        return true;
      }
    }
    return false;
  }

  /** How many ids (or hashed ids). */
  public int size() {
    return ids != null ? ids.size() : hash64.length;
  }
}
