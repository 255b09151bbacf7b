package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvCuts#advanceAll} (every start state at once, through its table of state maps) against
 * the automaton stepped one state and one byte at a time ({@link CsvCuts#next}).
 */
class CsvCutsTest {
  /** Bytes of every class: quote, comma, CR, LF, space, tab, and ordinary ones. */
  private static final byte[] ALPHABET = {'"', ',', '\r', '\n', ' ', '\t', 'a', '7', (byte) 0xC3};

  @Test
  void everyStartStateEndsWhereTheAutomatonStepByStepEnds() {
    Random random = new Random(20261202L);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      // any map as the start, not only the identity: pieces are scanned in buffers, and a
      // buffer starts from the map the buffer before it reached
      int[] start = new int[CsvCuts.STATES];
      for (int s = 0; s < start.length; s++) {
        start[s] = round % 3 == 0 ? s : random.nextInt(CsvCuts.STATES);
      }
      int[] expected = start.clone();
      for (byte b : bytes) {
        for (int s = 0; s < expected.length; s++) {
          expected[s] = CsvCuts.next(expected[s], b & 0xff);
        }
      }
      int[] map = start.clone();
      CsvCuts.advanceAll(map, bytes, 0, bytes.length, -1);
      assertArrayEquals(expected, map, "bytes " + java.util.Arrays.toString(bytes));
    }
  }

  @Test
  void aBufferSplitAnywhereGivesTheSameMapAsOneBuffer() {
    byte[] bytes =
        "a,\"b\"\"c\",  \"d\" e\r\n\"x\ny\",z\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int[] whole = {0, 1, 2, 3, 4, 5};
    CsvCuts.advanceAll(whole, bytes, 0, bytes.length, -1);
    // from the start of a record, the line ends between records; from inside a quoted field, the
    // quotes pair up the other way and the end is inside the quoted "\n" field's counterpart
    assertEquals(CsvCuts.RECORD_START, whole[CsvCuts.RECORD_START]);
    for (int cut = 0; cut <= bytes.length; cut++) {
      int[] map = {0, 1, 2, 3, 4, 5};
      int last = CsvCuts.advanceAll(map, bytes, 0, cut, -1);
      CsvCuts.advanceAll(map, bytes, cut, bytes.length, last);
      assertArrayEquals(whole, map, "cut at " + cut);
    }
  }
}
