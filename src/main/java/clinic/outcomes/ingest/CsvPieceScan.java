package clinic.outcomes.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first pass over one piece of a CSV file (see {@link CsvCuts}): where the automaton ends from
 * each state it may start in, how many physical line breaks the piece holds, and the SHA-256 of its
 * bytes, all in one read.
 *
 * @param endStates {@code endStates[s]} is the state after the piece when it starts in state {@code
 *     s}
 * @param lineBreaks the physical line breaks in the piece
 * @param sha256 the SHA-256 digest of the piece's bytes (32 bytes), or null when not asked for
 * @param length the number of bytes read (less than asked only at the end of the file)
 */
public record CsvPieceScan(int[] endStates, long lineBreaks, byte[] sha256, long length)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * Scans {@code length} bytes of {@code in} (or up to its end).
   *
   * @param prev the byte before the piece (0-255), or -1 at the start of the file
   * @param fileStart true for the piece at the start of the file, whose byte order mark (if any) is
   *     no CSV text
   */
  public static CsvPieceScan scan(InputStream in, int prev, long length, boolean fileStart)
      throws IOException {
    return scan(in, prev, length, fileStart, true);
  }

  /**
   * As {@link #scan(InputStream, int, long, boolean)}; without {@code hash}, no digest ({@code
   * sha256} null): the local engine hashes its files in other pieces than it scans.
   */
  public static CsvPieceScan scan(
      InputStream in, int prev, long length, boolean fileStart, boolean hash) throws IOException {
    MessageDigest md = hash ? newSha256() : null;
    int[] map = new int[CsvCuts.STATES];
    for (int s = 0; s < map.length; s++) {
      map[s] = s;
    }
    byte[] buf = new byte[1 << 16];
    long left = length;
    long breaks = 0;
    int p = prev;
    int lastClass = -1;
    boolean first = fileStart;
    while (left > 0) {
      int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
      if (n == 0) {
        break;
      }
      if (md != null) {
        md.update(buf, 0, n);
      }
      int from = 0;
      if (first && n >= BOM.length && buf[0] == BOM[0] && buf[1] == BOM[1] && buf[2] == BOM[2]) {
        from = BOM.length;
      }
      first = false;
      lastClass = CsvCuts.advanceAll(map, buf, from, n, lastClass);
      breaks += CsvCuts.lineBreaks(buf, 0, n, p);
      p = buf[n - 1] & 0xff;
      left -= n;
    }
    return new CsvPieceScan(map, breaks, md == null ? null : md.digest(), length - left);
  }

  /** A new SHA-256 digest. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
