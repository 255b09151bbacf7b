package clinic.outcomes.validate;

import clinic.outcomes.spark.Schemas;
import clinic.outcomes.spark.SparkDates;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The pass's input as it crosses the shuffle by client ({@link #LAYOUT}): the two columns the
 * shuffle partitions and sorts by ({@code client_id}, {@code bucket}) and every other column of
 * {@link ValidationStage#INPUT} packed into one binary value.
 *
 * <p>Why: the input's layout is the union of the three files' columns, 25 of them, of which a
 * record fills 8 to 14. In Spark's row format every column takes an 8-byte slot, null or not, so a
 * score's row was about 250 bytes, most of them zeros that the ingest's projection wrote, the
 * shuffle's checksum hashed, LZ4 compressed, the disk took, the pass's sort held in its pages and
 * the pass's reading copied back. Packed, a record takes its own values' bytes and a bitmap of its
 * null columns.
 *
 * <p>The packed value: the bitmap of the non-null columns of {@code INPUT} (one bit per column, in
 * a 4-byte int), then each non-null column but {@code client_id} and {@code bucket} in order: an
 * {@code int} or a date (its epoch day) as 4 bytes, a {@code long} as 8, a {@code boolean} as 1, a
 * string as its UTF-8 length (a varint) and bytes. {@link #unpack} gives back the same values,
 * {@code PackedInputTest} holds every type, nulls and non-ASCII text to that.
 */
public final class PackedInput {
  private PackedInput() {}

  /** The shuffle's layout. */
  public static final StructType LAYOUT =
      Schemas.of("client_id string", "bucket long", "packed binary");

  private static final StructType IN = ValidationStage.INPUT;
  private static final int WIDTH = IN.length();
  private static final int CLIENT = IN.fieldIndex("client_id");
  private static final int BUCKET = IN.fieldIndex("bucket");

  private static final byte INT = 0;
  private static final byte LONG = 1;
  private static final byte BOOLEAN = 2;
  private static final byte DATE = 3;
  private static final byte STRING = 4;

  /** Each {@code INPUT} column's type code. */
  private static final byte[] TYPES = types();

  static {
    if (WIDTH > Integer.SIZE) {
      throw new IllegalStateException("the null bitmap holds 32 columns, INPUT has " + WIDTH);
    }
  }

  private static byte[] types() {
    byte[] t = new byte[WIDTH];
    StructField[] f = IN.fields();
    for (int i = 0; i < WIDTH; i++) {
      DataType d = f[i].dataType();
      if (d.equals(DataTypes.IntegerType)) {
        t[i] = INT;
      } else if (d.equals(DataTypes.LongType)) {
        t[i] = LONG;
      } else if (d.equals(DataTypes.BooleanType)) {
        t[i] = BOOLEAN;
      } else if (d.equals(DataTypes.DateType)) {
        t[i] = DATE;
      } else if (d.equals(DataTypes.StringType)) {
        t[i] = STRING;
      } else {
        throw new IllegalStateException("no packing for " + f[i]);
      }
    }
    return t;
  }

  /**
   * The string columns with a distinct value (nearly) per record, encoded to UTF-8 for each record.
   * Every other string column (the vocabularies, therapists, reasons, the client's attributes) has
   * few distinct values, and a packer encodes each of them once and reuses it.
   */
  private static final Set<String> IDS = Set.of("client_id", "session_id");

  /**
   * Packs records, one at a time, into a buffer it reuses. Not thread-safe: one per task. Strings
   * of the columns with few values are encoded once per distinct value (bounded).
   */
  public static final class Packer {
    private static final int CACHE_LIMIT = 1 << 16;

    private final boolean[] few;
    private final Map<String, byte[]> encoded = new HashMap<>();
    private byte[] buf = new byte[256];
    private int pos;

    /**
     * @param few per {@code INPUT} column, whether its strings have few distinct values
     */
    Packer(boolean[] few) {
      if (few.length != WIDTH) {
        throw new IllegalArgumentException("one flag per INPUT column");
      }
      this.few = few.clone();
    }

    /** A packer that encodes each value of a string column but the ids once ({@link #IDS}). */
    public Packer() {
      this(fewValued());
    }

    private static boolean[] fewValued() {
      boolean[] few = new boolean[WIDTH];
      for (int i = 0; i < WIDTH; i++) {
        few[i] = TYPES[i] == STRING && !IDS.contains(IN.fields()[i].name());
      }
      return few;
    }

    /**
     * The shuffle's row ({@link #LAYOUT}) of a record in {@code INPUT}'s layout, as Spark's
     * internal row: the client as a {@link UTF8String}, the bucket, the packed value ({@link
     * #pack}).
     */
    public InternalRow row(Object[] v) {
      byte[] packed = pack(v);
      String client = (String) v[CLIENT];
      return new GenericInternalRow(
          new Object[] {client == null ? null : UTF8String.fromString(client), v[BUCKET], packed});
    }

    /**
     * The packed value of a record in {@code INPUT}'s layout: strings, boxed numbers and booleans,
     * a date as a {@link LocalDate} or {@link java.sql.Date}, null for none.
     */
    public byte[] pack(Object[] v) {
      if (v.length != WIDTH) {
        throw new IllegalArgumentException("a record of " + WIDTH + " columns, not " + v.length);
      }
      pos = 4;
      int nonNull = 0;
      for (int i = 0; i < WIDTH; i++) {
        Object x = v[i];
        if (x == null) {
          continue;
        }
        nonNull |= 1 << i;
        if (i == CLIENT || i == BUCKET) {
          continue;
        }
        switch (TYPES[i]) {
          case INT -> putInt((Integer) x);
          case LONG -> putLong((Long) x);
          case BOOLEAN -> {
            ensure(1);
            buf[pos++] = (byte) ((Boolean) x ? 1 : 0);
          }
          case DATE -> putInt(Math.toIntExact(SparkDates.epochDay(x)));
          default -> putString(few[i] ? cached((String) x) : utf8((String) x));
        }
      }
      buf[0] = (byte) (nonNull >>> 24);
      buf[1] = (byte) (nonNull >>> 16);
      buf[2] = (byte) (nonNull >>> 8);
      buf[3] = (byte) nonNull;
      return Arrays.copyOf(buf, pos);
    }

    private byte[] cached(String s) {
      byte[] b = encoded.get(s);
      if (b == null) {
        b = utf8(s);
        if (encoded.size() < CACHE_LIMIT) {
          encoded.put(s, b);
        }
      }
      return b;
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(2 * buf.length, pos + n));
      }
    }

    private void putInt(int x) {
      ensure(4);
      buf[pos++] = (byte) (x >>> 24);
      buf[pos++] = (byte) (x >>> 16);
      buf[pos++] = (byte) (x >>> 8);
      buf[pos++] = (byte) x;
    }

    private void putLong(long x) {
      putInt((int) (x >>> 32));
      putInt((int) x);
    }

    private void putString(byte[] b) {
      ensure(5 + b.length);
      int n = b.length;
      while ((n & ~0x7F) != 0) {
        buf[pos++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buf[pos++] = (byte) n;
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The record in {@code INPUT}'s layout (strings, boxed numbers and booleans, dates as {@link
   * LocalDate}) from a shuffled row of {@link #LAYOUT}.
   */
  public static Row unpack(Row shuffled) {
    return new GenericRowWithSchema(
        unpack(
            shuffled.isNullAt(0) ? null : shuffled.getString(0),
            shuffled.isNullAt(1) ? null : shuffled.getLong(1),
            (byte[]) shuffled.get(2)),
        IN);
  }

  /** The record's values in {@code INPUT}'s layout from its client, bucket and packed value. */
  public static Object[] unpack(String client, Long bucket, byte[] p) {
    Object[] v = new Object[WIDTH];
    int nonNull = readInt(p, 0);
    int at = 4;
    for (int i = 0; i < WIDTH; i++) {
      if ((nonNull & (1 << i)) == 0 || i == CLIENT || i == BUCKET) {
        continue;
      }
      switch (TYPES[i]) {
        case INT -> {
          v[i] = readInt(p, at);
          at += 4;
        }
        case LONG -> {
          v[i] = ((long) readInt(p, at) << 32) | (readInt(p, at + 4) & 0xFFFFFFFFL);
          at += 8;
        }
        case BOOLEAN -> v[i] = p[at++] != 0;
        case DATE -> {
          v[i] = LocalDate.ofEpochDay(readInt(p, at));
          at += 4;
        }
        default -> {
          int n = 0;
          int shift = 0;
          byte b;
          do {
            b = p[at++];
            n |= (b & 0x7F) << shift;
            shift += 7;
          } while (b < 0);
          v[i] = new String(p, at, n, StandardCharsets.UTF_8);
          at += n;
        }
      }
    }
    if (at != p.length) {
      throw new IllegalStateException("a packed record of " + p.length + " bytes read " + at);
    }
    if (((nonNull >>> CLIENT) & 1) != (client == null ? 0 : 1)
        || ((nonNull >>> BUCKET) & 1) != (bucket == null ? 0 : 1)) {
      throw new IllegalStateException("a packed record's client or bucket does not match its row");
    }
    v[CLIENT] = client;
    v[BUCKET] = bucket;
    return v;
  }

  private static int readInt(byte[] p, int at) {
    return (p[at] & 0xFF) << 24
        | (p[at + 1] & 0xFF) << 16
        | (p[at + 2] & 0xFF) << 8
        | p[at + 3] & 0xFF;
  }
}
