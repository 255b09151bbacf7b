package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/** Null-safe typed reads of Spark rows by column name; a missing column reads as null. */
final class Cols {
  private Cols() {}

  private static int index(Row r, String name) {
    try {
      return r.fieldIndex(name);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  static String str(Row r, String name) {
    int i = index(r, name);
    return i < 0 || r.isNullAt(i) ? null : r.get(i).toString();
  }

  static Double dbl(Row r, String name) {
    int i = index(r, name);
    if (i < 0 || r.isNullAt(i)) {
      return null;
    }
    double v = ((Number) r.get(i)).doubleValue();
    return Double.isFinite(v) ? v : null;
  }

  static Long lng(Row r, String name) {
    int i = index(r, name);
    return i < 0 || r.isNullAt(i) ? null : ((Number) r.get(i)).longValue();
  }

  static Boolean bool(Row r, String name) {
    int i = index(r, name);
    return i < 0 || r.isNullAt(i) ? null : (Boolean) r.get(i);
  }
}
