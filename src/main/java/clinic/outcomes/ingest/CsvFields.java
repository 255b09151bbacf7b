package clinic.outcomes.ingest;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A record's fields as {@link CsvRecordReader} reads them: an unmodifiable list over an array of
 * exactly their number. A class of its own, final, so that the rules' reads of a field by index
 * ({@code fields.get(i)}) compile to an array load: through {@code Collections.unmodifiableList}
 * each read went through a call shared with every other unmodifiable list of the JVM (Spark's
 * included), which the compiler could not inline, and the rules' loop over a record's fields was 3
 * % of a 10M run's samples in that wrapper's iterator. Equal to any list of the same strings, as
 * {@link java.util.List#equals} requires.
 */
final class CsvFields extends AbstractList<String> implements RandomAccess, Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] values;

  /** Holds {@code values} itself (no copy): the reader hands over an array it no longer writes. */
  CsvFields(String[] values) {
    this.values = values;
  }

  @Override
  public String get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }
}
