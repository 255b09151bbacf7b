package clinic.outcomes.stage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/**
 * The lean global check's input, written by the ingest's tasks as they stage the sessions: each
 * task's sessions that pass every row rule, as ({@code session_id}, {@code fp64}, {@code fp32}), in
 * a side file of its own in the staging folder ({@value #DIR}{@code /part-NNNNN}). The file groups
 * its entries into {@value #RANGES} ranges of the id's 64-bit hash (Spark's {@code xxhash64}, its
 * top bits) and ends with where each range starts, so that a task of the check reads one set of
 * ranges of every file and nothing else: every copy of one id meets in the same task, with no
 * shuffle and no aggregation over Spark's rows ({@link #conflicts}).
 *
 * <p>An entry: the id's hash (8 bytes), {@code fp64} (8), {@code fp32} (4), the id's UTF-8 length
 * (4) and bytes. The footer: {@value #RANGES} + 1 offsets (8 bytes each; range {@code r} is {@code
 * [offset[r], offset[r + 1])}), then {@link #MAGIC} (4 bytes).
 */
public final class SessionIds {
  /** The folder of the side files in the staging folder. */
  public static final String DIR = "session_ids";

  /** The ranges of the hash a file is grouped by (its top {@value #RANGE_BITS} bits). */
  public static final int RANGES = 64;

  private static final int RANGE_BITS = 6;

  /** The last 4 bytes of every side file. */
  static final int MAGIC = 0x53494430; // "SID0"

  private static final int FOOTER = 8 * (RANGES + 1) + 4;

  /** The seed of Spark's {@code xxhash64}. */
  private static final int SEED = 42;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private SessionIds() {}

  /** The range of an id's hash. */
  static int range(long hash) {
    return (int) (hash >>> (64 - RANGE_BITS));
  }

  /** Spark's {@code xxhash64} of the id's UTF-8 bytes. */
  static long hash(byte[] utf8) {
    return XXH64.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, SEED);
  }

  /** The side file of an ingest task's piece or partition. */
  static Path file(Path stagingDir, String table, int piece) {
    return new Path(new Path(stagingDir, DIR), String.format(Locale.ROOT, "%s-%05d", table, piece));
  }

  /** One task's passing sessions, collected as it stages them and written when it is done. */
  static final class Collector {
    /** Adds a staged session ({@link StagingColumns#values}) when it passes every row rule. */
    void addStaged(Object[] values) {
      if ("".equals(values[StagingColumns.REASONS])) {
        add(
            (String) values[StagingColumns.SESSION_ID],
            (Long) values[StagingColumns.FP64],
            (Integer) values[StagingColumns.FP32]);
      }
    }

    /** Writes the side file as an attempt of its own, moved into place when complete. */
    void commit(Path file, Configuration conf) {
      StagingPart part = new StagingPart(file, conf);
      write(part.attempt(), conf);
      part.commit();
    }

    private byte[][] ids = new byte[1024][];
    private long[] hashes = new long[1024];
    private long[] fp64s = new long[1024];
    private int[] fp32s = new int[1024];
    private int n;

    /** Adds a session passing every row rule; a null id (never passing) is not checked. */
    void add(String id, long fp64, int fp32) {
      if (id == null) {
        return;
      }
      if (n == ids.length) {
        int more = n * 2;
        ids = Arrays.copyOf(ids, more);
        hashes = Arrays.copyOf(hashes, more);
        fp64s = Arrays.copyOf(fp64s, more);
        fp32s = Arrays.copyOf(fp32s, more);
      }
      byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
      ids[n] = utf8;
      hashes[n] = hash(utf8);
      fp64s[n] = fp64;
      fp32s[n] = fp32;
      n++;
    }

    /** The sessions added so far. */
    int size() {
      return n;
    }

    /** Writes the entries grouped by range (in the order added within a range), then the footer. */
    void write(Path file, Configuration conf) {
      int[] start = new int[RANGES + 1];
      for (int i = 0; i < n; i++) {
        start[range(hashes[i]) + 1]++;
      }
      for (int r = 0; r < RANGES; r++) {
        start[r + 1] += start[r];
      }
      int[] order = new int[n];
      int[] next = Arrays.copyOf(start, RANGES);
      for (int i = 0; i < n; i++) {
        order[next[range(hashes[i])]++] = i;
      }
      // The whole file in one array, written at once: value by value through a stream, the side
      // files were 2.7 % of a 10M run's samples.
      long size = FOOTER;
      for (int i = 0; i < n; i++) {
        size += 24 + ids[i].length;
      }
      byte[] b = new byte[Math.toIntExact(size)];
      int at = 0;
      int r = 0;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        while (k >= start[r + 1]) {
          LONG.set(b, (b.length - FOOTER) + 8 * ++r, (long) at);
        }
        LONG.set(b, at, hashes[i]);
        LONG.set(b, at + 8, fp64s[i]);
        INT.set(b, at + 16, fp32s[i]);
        INT.set(b, at + 20, ids[i].length);
        System.arraycopy(ids[i], 0, b, at + 24, ids[i].length);
        at += 24 + ids[i].length;
      }
      while (r < RANGES) {
        LONG.set(b, (b.length - FOOTER) + 8 * ++r, (long) at);
      }
      INT.set(b, b.length - 4, MAGIC);
      try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the session ids' side file " + file, e);
      }
    }
  }

  /**
   * The side files in {@code dir} (an attempt's unfinished file has a name of its own, starting
   * with {@code _}; a checksum file starts with {@code .}).
   */
  public static List<String> files(String sideDir, Configuration conf) {
    Path dir = new Path(sideDir);
    List<String> files = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return files;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        if (!name.startsWith("_") && !name.startsWith(".")) { // attempts, checksums
          files.add(s.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    files.sort(null);
    return files;
  }

  /**
   * The ids among ranges {@code [from, to)} of {@code files} whose entries carry more than one
   * distinct ({@code fp64}, {@code fp32}) pair: the ids with more than one distinct passing
   * fingerprint, as the aggregation over staged sessions finds them; as UTF-8 bytes, each once.
   */
  public static List<byte[]> conflicts(List<String> files, int from, int to, Configuration conf) {
    List<byte[]> chunks = new ArrayList<>();
    int entries = 0;
    for (String f : files) {
      byte[] chunk = read(new Path(f), from, to, conf);
      chunks.add(chunk);
      entries += count(chunk);
    }
    // Open addressing on the id's hash; a slot holds an entry's number + 1, an equal id is the same
    // key, an equal hash of another id is the next slot's business.
    int capacity = Integer.highestOneBit(Math.max(4, entries * 2 - 1)) << 1;
    int[] slots = new int[capacity];
    long[] hashes = new long[entries];
    long[] fp64s = new long[entries];
    int[] fp32s = new int[entries];
    int[] chunkOf = new int[entries];
    int[] idAt = new int[entries];
    boolean[] flagged = new boolean[entries];
    List<byte[]> found = new ArrayList<>();
    int e = 0;
    for (int c = 0; c < chunks.size(); c++) {
      byte[] b = chunks.get(c);
      int at = 0;
      while (at < b.length) {
        long hash = getLong(b, at);
        hashes[e] = hash;
        fp64s[e] = getLong(b, at + 8);
        fp32s[e] = getInt(b, at + 16);
        int len = getInt(b, at + 20);
        chunkOf[e] = c;
        idAt[e] = at + 20;
        at += 24 + len;
        int slot = (int) (hash ^ (hash >>> 29)) & (capacity - 1);
        while (true) {
          int other = slots[slot] - 1;
          if (other < 0) {
            slots[slot] = e + 1;
            break;
          }
          if (hashes[other] == hash && sameId(chunks, chunkOf[other], idAt[other], c, idAt[e])) {
            if ((fp64s[other] != fp64s[e] || fp32s[other] != fp32s[e]) && !flagged[other]) {
              flagged[other] = true;
              found.add(id(chunks.get(c), idAt[e]));
            }
            break;
          }
          slot = (slot + 1) & (capacity - 1);
        }
        e++;
      }
    }
    return found;
  }

  /** The bytes of ranges {@code [from, to)} of one side file. */
  private static byte[] read(Path file, int from, int to, Configuration conf) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      long length = fs.getFileStatus(file).getLen();
      try (FSDataInputStream in = fs.open(file)) {
        if (length < FOOTER) {
          throw new IOException("too short for a side file");
        }
        byte[] footer = new byte[FOOTER];
        in.readFully(length - FOOTER, footer);
        if (getInt(footer, FOOTER - 4) != MAGIC) {
          throw new IOException("not a side file of session ids");
        }
        long start = getLong(footer, 8 * from);
        long end = getLong(footer, 8 * to);
        byte[] chunk = new byte[Math.toIntExact(end - start)];
        in.readFully(start, chunk);
        return chunk;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the session ids' side file " + file, e);
    }
  }

  private static int count(byte[] b) {
    int n = 0;
    for (int at = 0; at < b.length; at += 24 + getInt(b, at + 20)) {
      n++;
    }
    return n;
  }

  /** Whether the ids at {@code a} (length first) and {@code b} are the same bytes. */
  private static boolean sameId(List<byte[]> chunks, int ca, int a, int cb, int b) {
    byte[] x = chunks.get(ca);
    byte[] y = chunks.get(cb);
    int len = getInt(x, a);
    return len == getInt(y, b) && Arrays.equals(x, a + 4, a + 4 + len, y, b + 4, b + 4 + len);
  }

  private static byte[] id(byte[] b, int at) {
    return Arrays.copyOfRange(b, at + 4, at + 4 + getInt(b, at));
  }

  private static long getLong(byte[] b, int at) {
    return (long) LONG.get(b, at);
  }

  private static int getInt(byte[] b, int at) {
    return (int) INT.get(b, at);
  }
}
