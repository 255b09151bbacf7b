package clinic.outcomes.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint: equal iff identical in every field (all fields, each trimmed). */
class FingerprintTest {
  private static final RowRules RULES = new RowRules(LocalDate.of(2024, 6, 30));
  private static final HeaderMapping CLIENTS =
      HeaderMapping.resolve(InputTable.CLIENTS, "clients.csv", List.of("client_id", "sex", "note"));

  private static String fingerprint(String raw, boolean malformed, String... fields) {
    CsvRecord record = new CsvRecord(2, raw, List.of(fields), malformed);
    return new String(RULES.client(record, CLIENTS, "clients.csv").fingerprint(), UTF_8);
  }

  /**
   * The bytes are the UTF-8 encoding (as {@code String.getBytes}) of the text {@code F}, then each
   * trimmed field's length in chars, {@code :} and the field: the text whose Spark {@code xxhash64}
   * and {@code hash} validation compares, so the hashes stay what they were when the text was built
   * first. Non-ASCII letters, a character outside the BMP (two chars, four bytes), an unpaired
   * surrogate (encoded as {@code ?}), lengths of two, three and four digits, fields longer than the
   * raw line (the buffer grows, for ASCII text and for non-ASCII text).
   */
  @Test
  void bytesAreTheUtf8OfTheLengthPrefixedText() {
    String[] fields = {
      " K1 ", "Müller-Lüdenscheidt", "\uD83D\uDE00x", "a\uD800b", "", "0123456789ab"
    };
    String text = "F2:K119:Müller-Lüdenscheidt3:\uD83D\uDE00x3:a\uD800b0:12:0123456789ab";
    CsvRecord record = new CsvRecord(2, "K1,...", List.of(fields), false);
    assertArrayEquals(text.getBytes(UTF_8), RowCheck.fingerprint(record));
    assertArrayEquals(
        "R\"K1\"x,é".getBytes(UTF_8),
        RowCheck.fingerprint(new CsvRecord(3, "\"K1\"x,é", List.of("K1"), true)));
  }

  @Test
  void sameTrimmedFieldsAreEqualWhateverTheQuotingOrSpacing() {
    assertEquals(
        fingerprint("K1,male,x", false, "K1", "male", "x"),
        fingerprint("\"K1\", male ,x ", false, "K1", " male ", "x "));
  }

  @Test
  void anyFieldDifferenceCountsIncludingUnknownColumnsAndCase() {
    String base = fingerprint("", false, "K1", "male", "x");
    assertNotEquals(base, fingerprint("", false, "K1", "male", "y"));
    assertNotEquals(base, fingerprint("", false, "K1", "Male", "x"));
  }

  @Test
  void joinIsUnambiguous() {
    assertNotEquals(fingerprint("", false, "ab", "c", ""), fingerprint("", false, "a", "bc", ""));
    assertNotEquals(fingerprint("", false, "1:a", "", ""), fingerprint("", false, "", "1:a", ""));
    assertNotEquals(
        fingerprint("", false, "a\u0000b", "", ""), fingerprint("", false, "a", "b", ""));
  }

  @Test
  void brokenQuotingUsesTheRawText() {
    assertEquals(
        fingerprint("\"K1\"x,a,b", true, "K1", "a", "b"),
        fingerprint("\"K1\"x,a,b", true, "K1", "a", "b"));
    assertNotEquals(
        fingerprint("\"K1\"x,a,b", true, "K1", "a", "b"),
        fingerprint("\"K1\"y,a,b", true, "K1", "a", "b"));
    assertNotEquals(
        fingerprint("K1,a,b", false, "K1", "a", "b"), fingerprint("K1,a,b", true, "K1", "a", "b"));
  }

  @Test
  void reasonsAreSortedAndUnmodifiable() {
    CsvRecord record = new CsvRecord(2, "", List.of("", "robot", ""));
    Checked<ClientRow> checked = RULES.client(record, CLIENTS, "clients.csv");
    assertEquals(List.of("invalid_sex", "missing_client_id"), List.copyOf(checked.reasons()));
    assertEquals("invalid_sex|missing_client_id", checked.reasonText());
    assertThrows(UnsupportedOperationException.class, () -> checked.reasons().add("x"));
  }
}
