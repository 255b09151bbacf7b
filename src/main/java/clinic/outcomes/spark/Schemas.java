package clinic.outcomes.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A schema from {@code "name type"} declarations, every column nullable: the subset of Spark's DDL
 * the job's staging and pass tables use, read without Spark's SQL parser. {@code
 * StructType.fromDDL} gives the same schema, but its first call in a JVM builds the ANTLR parser:
 * about half a second of a cold run on sample-data, for parsing a few dozen words
 * (docs/performance.md section 9).
 */
public final class Schemas {
  /** The types by name, in a fixed order (the error message lists them). */
  private static final Map<String, DataType> TYPES = types();

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private Schemas() {}

  /**
   * The schema of {@code fields}, each {@code "name type"} with a type of {@code int}, {@code
   * long}, {@code string}, {@code date}, {@code double}, {@code boolean} or {@code binary}.
   *
   * @throws IllegalArgumentException for any other declaration
   */
  public static StructType of(String... fields) {
    StructType s = new StructType();
    for (String f : fields) {
      String[] parts = f.trim().split(" +");
      DataType type = parts.length == 2 ? TYPES.get(parts[1]) : null;
      if (type == null || !NAME.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException(
            "not a column declaration (\"name type\", type one of "
                + String.join(", ", TYPES.keySet())
                + "): "
                + f);
      }
      s = s.add(parts[0], type, true);
    }
    return s;
  }

  private static Map<String, DataType> types() {
    Map<String, DataType> m = new LinkedHashMap<>();
    m.put("int", DataTypes.IntegerType);
    m.put("long", DataTypes.LongType);
    m.put("string", DataTypes.StringType);
    m.put("date", DataTypes.DateType);
    m.put("double", DataTypes.DoubleType);
    m.put("boolean", DataTypes.BooleanType);
    m.put("binary", DataTypes.BinaryType);
    return Collections.unmodifiableMap(m);
  }
}
