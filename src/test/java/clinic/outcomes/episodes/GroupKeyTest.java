package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupKey}'s written-out {@code equals} and {@code hashCode} against what the JDK generates
 * for a record of the same four strings: the same equality, and the same hash values, so that the
 * pass's hash maps iterate in the same order as before they were written out.
 */
class GroupKeyTest {
  /** The JDK's generated equals and hashCode, for reference. */
  private record Generated(String analysis, String measure, String groupBy, String group) {}

  private static final List<String[]> KEYS =
      List.of(
          new String[] {"course", "nrs_pain", "technique", "deep_tissue"},
          new String[] {"course", "nrs_pain", "technique", "swedish"},
          new String[] {"course", "odi", "technique", "deep_tissue"},
          new String[] {"session_relief", "nrs_pain", "overall", "all"},
          new String[] {"dose", "nrs_pain", null, null},
          new String[] {"harm", "any", "technique_group", null},
          new String[] {null, null, null, null},
          new String[] {"", "", "", ""});

  private static GroupKey key(String[] k) {
    return new GroupKey(k[0], k[1], k[2], k[3]);
  }

  private static Generated generated(String[] k) {
    return new Generated(k[0], k[1], k[2], k[3]);
  }

  /** A copy with fresh string instances, so that equality cannot rest on identity. */
  private static String[] copy(String[] k) {
    return Arrays.stream(k).map(s -> s == null ? null : new String(s)).toArray(String[]::new);
  }

  @Test
  void hashesAsTheGeneratedRecordDoes() {
    for (String[] k : KEYS) {
      assertEquals(generated(k).hashCode(), key(k).hashCode(), Arrays.toString(k));
    }
  }

  @Test
  void equalExactlyWhenTheGeneratedRecordsAre() {
    for (String[] a : KEYS) {
      for (String[] b : KEYS) {
        String[] other = copy(b);
        assertEquals(
            generated(a).equals(generated(other)),
            key(a).equals(key(other)),
            Arrays.toString(a) + " / " + Arrays.toString(b));
      }
    }
    assertEquals(key(KEYS.get(0)), key(copy(KEYS.get(0))));
    assertNotEquals(key(KEYS.get(0)), "course");
  }
}
