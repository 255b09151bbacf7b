package clinic.outcomes.ingest;

/**
 * Where a CSV file can be cut between two records, decided on its bytes alone, so that pieces of a
 * file can be parsed in parallel (two-pass parallel CSV parsing, after Ge et al., SIGMOD 2019).
 *
 * <p>A small automaton follows {@link CsvRecordReader}'s quoting exactly, malformed quoting
 * included: a quote opens a quoted field only at the start of a field (after spaces or tabs); in an
 * unquoted field, or after characters following a closing quote, a quote is literal and the field
 * ends at the next separator or line break. Its states are the constants below. Every special
 * character ({@code " , CR LF} space tab) is ASCII, and no byte of a multi-byte UTF-8 character is
 * ASCII, so the automaton runs on raw bytes and a piece may start inside a character.
 *
 * <p>The first pass over a piece does not know the state the piece starts in; it runs the automaton
 * from all {@value #STATES} states at once, which is cheap because after any ordinary byte the runs
 * are in one of two states. The driver then chains the pieces' state maps from the start of the
 * file. The second pass parses each piece from its first <em>cut</em>: a position where the
 * automaton is between records, and not between the CR and the LF of one line break.
 *
 * <p>Physical lines are counted as the reader counts them: a CR is a line break, an LF is one
 * unless it follows a CR. So a piece's count depends on one byte before it, not on its state.
 */
public final class CsvCuts {
  private CsvCuts() {}

  /** Between records (at the start of a line). */
  public static final int RECORD_START = 0;

  /** At the start of a field within a record, possibly after spaces or tabs. */
  static final int FIELD_START = 1;

  /** In an unquoted field, or in the rest of a field after its closing quote and other text. */
  static final int UNQUOTED = 2;

  /** In a quoted field. */
  public static final int QUOTED = 3;

  /** In a quoted field, just after a quote (an escaped quote or the closing one). */
  static final int QUOTE_IN_QUOTED = 4;

  /** After a closing quote and any spaces or tabs. */
  static final int AFTER_CLOSE = 5;

  /** The number of states. */
  public static final int STATES = 6;

  static final int CR = '\r';
  static final int LF = '\n';

  private static final int C_QUOTE = 0;
  private static final int C_COMMA = 1;
  private static final int C_BREAK = 2;
  private static final int C_BLANK = 3;
  private static final int C_OTHER = 4;

  /** NEXT[state][byte class]. */
  private static final byte[][] NEXT = {
    // quote, comma, CR or LF, blank, other
    {QUOTED, FIELD_START, RECORD_START, FIELD_START, UNQUOTED}, // RECORD_START
    {QUOTED, FIELD_START, RECORD_START, FIELD_START, UNQUOTED}, // FIELD_START
    {UNQUOTED, FIELD_START, RECORD_START, UNQUOTED, UNQUOTED}, // UNQUOTED
    {QUOTE_IN_QUOTED, QUOTED, QUOTED, QUOTED, QUOTED}, // QUOTED
    {QUOTED, FIELD_START, RECORD_START, AFTER_CLOSE, UNQUOTED}, // QUOTE_IN_QUOTED
    {UNQUOTED, FIELD_START, RECORD_START, AFTER_CLOSE, UNQUOTED}, // AFTER_CLOSE
  };

  private static final byte[] CLASS = new byte[256];

  static {
    java.util.Arrays.fill(CLASS, (byte) C_OTHER);
    CLASS['"'] = C_QUOTE;
    CLASS[','] = C_COMMA;
    CLASS['\r'] = C_BREAK;
    CLASS['\n'] = C_BREAK;
    CLASS[' '] = C_BLANK;
    CLASS['\t'] = C_BLANK;
  }

  /** The state after byte {@code b} (0-255) in state {@code state}. */
  static int next(int state, int b) {
    return NEXT[state][CLASS[b]];
  }

  /** 1 when byte {@code b} after byte {@code prev} (-1 for none) ends a physical line, else 0. */
  static int lineBreak(int prev, int b) {
    return b == CR || (b == LF && prev != CR) ? 1 : 0;
  }

  /**
   * Runs the automaton from every state over {@code bytes[from, to)}; {@code map[s]} is updated in
   * place from the state reached so far from {@code s} to the state reached after these bytes.
   *
   * @param lastClass the class of the byte before {@code from}, or -1; returns the class of the
   *     last byte
   */
  static int advanceAll(int[] map, byte[] bytes, int from, int to, int lastClass) {
    int last = lastClass;
    int code = encode(map);
    for (int i = from; i < to; i++) {
      int c = CLASS[bytes[i] & 0xff];
      // A run of ordinary bytes (or of blanks) changes nothing after its first byte.
      if (c == last && (c == C_OTHER || c == C_BLANK)) {
        continue;
      }
      int at = c * MAPS + code;
      int next = STEP[at];
      if (next < 0) {
        next = step(code, c);
        STEP[at] = next;
      }
      code = next;
      last = c;
    }
    decode(code, map);
    return last;
  }

  /** The number of state maps: a state (0 to 5) for each of the {@value #STATES} start states. */
  private static final int MAPS = 6 * 6 * 6 * 6 * 6 * 6;

  /**
   * The map after a byte of class c, for every map (as {@link #encode} numbers it), at {@code c *
   * MAPS + map}; -1 until first needed. One read per special byte, where stepping each of the six
   * states was six (the scan was 4 % of a 10M run's samples). From the scan's start (each state
   * itself) only 58 maps can be reached, so the entries read stay in the cache. Threads may fill an
   * entry at once: each writes the same value, and an {@code int} is never seen half written.
   */
  private static final int[] STEP = new int[5 * MAPS];

  static {
    java.util.Arrays.fill(STEP, -1);
  }

  /** A state map as one number: map[0] + 6 map[1] + 36 map[2] + ... */
  private static int encode(int[] map) {
    int code = 0;
    for (int s = STATES - 1; s >= 0; s--) {
      code = code * STATES + map[s];
    }
    return code;
  }

  private static void decode(int code, int[] map) {
    int rest = code;
    for (int s = 0; s < STATES; s++) {
      map[s] = rest % STATES;
      rest /= STATES;
    }
  }

  /** The map after a byte of class {@code c}, each state stepped by {@link #NEXT}. */
  private static int step(int code, int c) {
    int[] map = new int[STATES];
    decode(code, map);
    for (int s = 0; s < STATES; s++) {
      map[s] = NEXT[map[s]][c];
    }
    return encode(map);
  }

  /**
   * Counts the physical line breaks in {@code bytes[from, to)}; {@code prev} is the byte before.
   */
  static long lineBreaks(byte[] bytes, int from, int to, int prev) {
    long n = 0;
    int p = prev;
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      if (b == CR) {
        n++;
      } else if (b == LF && p != CR) {
        n++;
      }
      p = b;
    }
    return n;
  }
}
