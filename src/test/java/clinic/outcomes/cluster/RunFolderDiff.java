package clinic.outcomes.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Compares the tables of two run folders exactly: the same table folders, the same schema and the
 * same multiset of rows (row order inside a Parquet folder is not part of a table's contents).
 * Values are compared by an exact rendering: a double by its shortest round-trip decimal (so 0.1 +
 * 0.2 differs from 0.3, and -0.0 from 0.0), a decimal with its scale.
 */
public final class RunFolderDiff {
  /** How many differing rows each side lists per table. */
  private static final int SHOWN = 5;

  private RunFolderDiff() {}

  /** The table folders of a run: the folders directly under it that hold Parquet files. */
  static TreeSet<String> tables(Path run) {
    try (Stream<Path> s = Files.list(run)) {
      return s.filter(Files::isDirectory)
          .filter(
              p ->
                  !p.getFileName().toString().startsWith(".")
                      && !p.getFileName().toString().startsWith("_"))
          .filter(RunFolderDiff::holdsParquet)
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every difference between the tables of {@code expected} and {@code actual}, one paragraph per
   * table; empty when all tables are equal.
   */
  public static List<String> differences(SparkSession spark, Path expected, Path actual) {
    List<String> out = new ArrayList<>();
    TreeSet<String> left = tables(expected);
    TreeSet<String> right = tables(actual);
    if (!left.equals(right)) {
      out.add("table folders differ: " + left + " vs " + right);
    }
    for (String table : left) {
      if (right.contains(table)) {
        String d = tableDifference(spark, table, expected.resolve(table), actual.resolve(table));
        if (d != null) {
          out.add(d);
        }
      }
    }
    return out;
  }

  /**
   * A run's {@code run.json} without what legitimately differs between two runs of the same input:
   * the finishing time, the timings, the Spark jobs and where the work ran, the run date ({@code
   * max_input_date}, in case the runs straddle midnight) and the input paths as given.
   */
  public static JsonNode comparableManifest(Path run) throws IOException {
    ObjectNode m =
        (ObjectNode)
            new ObjectMapper()
                .readTree(Files.readString(run.resolve("run.json"), StandardCharsets.UTF_8));
    m.remove(List.of("finished_at", "timings_seconds", "spark_jobs", "work"));
    ((ObjectNode) m.get("settings")).remove("max_input_date");
    for (Iterator<JsonNode> it = m.get("inputs").elements(); it.hasNext(); ) {
      ((ObjectNode) it.next()).remove("path");
    }
    return m;
  }

  private static String tableDifference(
      SparkSession spark, String table, Path expected, Path actual) {
    Dataset<Row> a = spark.read().parquet(expected.toString());
    Dataset<Row> b = spark.read().parquet(actual.toString());
    if (!a.schema().equals(b.schema())) {
      return table
          + ": schemas differ:\n  "
          + a.schema().treeString()
          + "\n  "
          + b.schema().treeString();
    }
    List<String> names = new ArrayList<>();
    for (StructField f : a.schema().fields()) {
      names.add(f.name());
    }
    Map<String, Integer> left = counts(a, names);
    Map<String, Integer> right = counts(b, names);
    if (left.equals(right)) {
      return null;
    }
    StringBuilder s =
        new StringBuilder(
            table + ": " + a.count() + " vs " + b.count() + " rows; rows only in the first:\n");
    appendOnlyIn(s, left, right);
    s.append("  rows only in the second:\n");
    appendOnlyIn(s, right, left);
    return s.toString();
  }

  private static void appendOnlyIn(
      StringBuilder s, Map<String, Integer> from, Map<String, Integer> other) {
    int shown = 0;
    for (Map.Entry<String, Integer> e : from.entrySet()) {
      int extra = e.getValue() - other.getOrDefault(e.getKey(), 0);
      if (extra > 0 && shown++ < SHOWN) {
        s.append("    ").append(extra > 1 ? extra + " x " : "").append(e.getKey()).append('\n');
      }
    }
  }

  /** Each distinct row, rendered exactly with its column names, with how often it occurs. */
  private static Map<String, Integer> counts(Dataset<Row> df, List<String> names) {
    Map<String, Integer> out = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < names.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(exact(r.get(i)));
      }
      out.merge(b.append('}').toString(), 1, Integer::sum);
    }
    return out;
  }

  /** A rendering that tells apart any two values that are not exactly equal. */
  static String exact(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return Double.toString(d) + "d";
    }
    if (v instanceof Float f) {
      return Float.toString(f) + "f";
    }
    if (v instanceof BigDecimal d) {
      return d.toString() + "m";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof Row r) {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < r.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(exact(r.get(i)));
      }
      return b.append(')').toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      CollectionConverters.asJava(m).forEach((k, x) -> sorted.put(exact(k), exact(x)));
      return sorted.toString();
    }
    if (v instanceof Iterable<?> it) {
      List<String> items = new ArrayList<>();
      CollectionConverters.asJava(it).forEach(x -> items.add(exact(x)));
      return items.toString();
    }
    if (v instanceof byte[] bytes) {
      return java.util.HexFormat.of().formatHex(bytes);
    }
    if (v.getClass().isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(v); i++) {
        items.add(exact(Array.get(v, i)));
      }
      return items.toString();
    }
    return v.toString();
  }

  private static boolean holdsParquet(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
