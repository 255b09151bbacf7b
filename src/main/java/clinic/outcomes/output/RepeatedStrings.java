package clinic.outcomes.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A string column of a published table whose values repeat (a measure, a technique, a month): each
 * distinct string is encoded to UTF-8 once and handed to Parquet as the same {@link Binary}, and
 * that column's dictionary finds the Binary it has seen by identity instead of hashing its bytes.
 *
 * <p>Why: in a flight recording of a run of 10M sessions, parquet-mr's dictionary of string values
 * ({@code PlainBinaryDictionaryValuesWriter.writeBytes}: a hash of the value's bytes and a compare
 * with the entry found, for each of some 130 million values) was 3 % of all samples, and encoding
 * each string to UTF-8 afresh another 1 %. The file is the same byte for byte: the same values get
 * the same dictionary numbers in the same order ({@code ParquetRowsBytesTest}).
 */
final class RepeatedStrings {
  /** Slots of each cache, a power of two; the columns written here have at most a few dozen. */
  private static final int SLOTS = 256;

  private final String[] strings = new String[SLOTS];
  private final Binary[] binaries = new Binary[SLOTS];

  /** The value of {@code s} for Parquet: the same instance for equal strings while cached. */
  Binary binary(String s) {
    int h = s.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    if (s.equals(strings[slot])) {
      return binaries[slot];
    }
    Binary b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    strings[slot] = s;
    binaries[slot] = b;
    return b;
  }

  /**
   * parquet-mr's values writers (version 1, as {@code ParquetWriter} and Spark write), but each
   * string column with a dictionary gets {@link Dictionary}.
   */
  static final class Factory implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
      if (properties.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
        throw new IllegalArgumentException("Parquet writer version 1 only");
      }
      this.props = properties;
      defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
      if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
          || !props.isDictionaryEnabled(column)) {
        return defaults.newValuesWriter(column);
      }
      // DefaultV1ValuesWriterFactory.getBinaryValuesWriter, with Dictionary as the first writer
      return FallbackValuesWriter.of(
          new Dictionary(props),
          new PlainValuesWriter(
              props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator()));
    }
  }

  /**
   * parquet-mr's dictionary of string values, which remembers the numbers of the last {@link
   * #RECENT} {@link Binary} instances it looked up: a value given again as the same instance gets
   * its number by a compare of references, without hashing its bytes. Numbers are only remembered
   * while the dictionary holds them.
   */
  static final class Dictionary extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
    /** Instances remembered, a power of two: more than the distinct values of most columns. */
    static final int RECENT = 8;

    private final Binary[] seen = new Binary[RECENT];
    private final int[] ids = new int[RECENT];
    private int next;

    Dictionary(ParquetProperties props) {
      super(
          props.getDictionaryPageSizeThreshold(),
          Encoding.PLAIN_DICTIONARY,
          Encoding.PLAIN_DICTIONARY,
          props.getAllocator());
    }

    @Override
    public void writeBytes(Binary v) {
      for (int i = 0; i < RECENT; i++) {
        if (seen[i] == v) {
          encodedValues.add(ids[i]);
          return;
        }
      }
      // PlainBinaryDictionaryValuesWriter.writeBytes, remembering the number
      int id = binaryDictionaryContent.getInt(v);
      if (id == -1) {
        id = binaryDictionaryContent.size();
        binaryDictionaryContent.put(v.copy(), id);
        dictionaryByteSize += 4L + v.length(); // length as int (4 bytes) + actual bytes
      }
      encodedValues.add(id);
      seen[next] = v;
      ids[next] = id;
      next = (next + 1) & (RECENT - 1);
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      Arrays.fill(seen, null);
    }
  }
}
