package clinic.outcomes.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes a piece of a CSV file owns for parsing (see {@link CsvCuts}): from its first cut to the
 * first cut at or after its end. A record belongs to the piece its first byte lies in, so the
 * pieces' ranges divide the file into whole records, and a record that crosses the piece's end is
 * read to its end here and skipped by the next piece.
 *
 * <p>Made with the automaton's states at the piece's start and end as the first pass and the driver
 * found them. Not thread-safe; closing it closes the underlying stream.
 */
public final class CsvRange extends InputStream {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long offset; // file offset of buf[pos]
  private final long end;
  private final int endState;
  private boolean pastEnd;
  private int state;
  private int prev;
  private boolean done;
  private final long skippedLineBreaks;

  /**
   * Opens the range of the piece {@code [start, end)}.
   *
   * @param in the file's bytes from {@code start} on
   * @param prev the byte before {@code start} (0-255), or -1 at the start of the file
   * @param startState the automaton's state at {@code start}; {@link CsvCuts#RECORD_START} at the
   *     start of the file (whose header and byte order mark the reader handles)
   * @param endState the automaton's state at {@code end}
   */
  public CsvRange(InputStream in, long start, long end, int prev, int startState, int endState)
      throws IOException {
    this.in = in;
    this.offset = start;
    this.end = end;
    this.endState = endState;
    this.prev = prev;
    this.state = startState;
    long skipped = 0;
    // Skip the rest of a record the previous piece owns.
    while (!atCut()) {
      int b = buf[pos++] & 0xff;
      skipped += CsvCuts.lineBreak(this.prev, b);
      step(b);
    }
    this.skippedLineBreaks = skipped;
    if (offset >= end) {
      done = true; // the piece holds no cut: the previous piece's record covers it
    }
  }

  /** The physical line breaks before the range's first byte, from the piece's start. */
  public long skippedLineBreaks() {
    return skippedLineBreaks;
  }

  /** True when a cut is at the current position (or the input ends); reads ahead one byte. */
  private boolean atCut() throws IOException {
    if (!ensure()) {
      return true;
    }
    return state == CsvCuts.RECORD_START && !(prev == CsvCuts.CR && buf[pos] == CsvCuts.LF);
  }

  private void step(int b) {
    state = CsvCuts.next(state, b);
    prev = b;
    offset++;
  }

  private boolean ensure() throws IOException {
    if (pos < limit) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done || !ensure()) {
      done = true;
      return -1;
    }
    if (offset < end) {
      // Before the piece's end every byte is the piece's: copied without the automaton.
      int n = (int) Math.min(Math.min(len, limit - pos), end - offset);
      System.arraycopy(buf, pos, out, off, n);
      pos += n;
      offset += n;
      prev = out[off + n - 1] & 0xff;
      return n;
    }
    if (!pastEnd) {
      pastEnd = true;
      state = endState;
    }
    // After the end: the record that crosses it, up to the next cut.
    int n = 0;
    while (n < len && !atCut()) {
      int b = buf[pos++] & 0xff;
      out[off + n++] = (byte) b;
      step(b);
    }
    if (n == 0) {
      done = true;
      return -1;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
