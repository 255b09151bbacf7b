package clinic.outcomes.validate;

import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.StagedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@link ValidationStage}'s two reads of the staged files for the local engine (small inputs, no
 * Spark session; see {@code pipeline.Engine}): the pass's input with the global check of session
 * ids, and the rejected rows joined to their raw text. The same rules as the Spark side, over the
 * records the ingest held in memory ({@code Ingested.held}); {@code LocalEngineTest} holds the two
 * engines' run folders equal.
 */
public final class LocalValidation {
  private LocalValidation() {}

  /**
   * The pass's input ({@link ValidationStage#INPUT}) from the held records, sorted by client and
   * bucket (nulls first, as Spark's {@code sortWithinPartitions}; the pass splits it by client):
   * every row of every file without its raw text, {@code conflicting} set on the sessions whose id
   * has more than one distinct passing fingerprint ({@link ValidationStage#conflictingSessions}).
   */
  public static List<Row> input(Ingested in) {
    List<Row> sessions = read(in, in.sessions());
    Set<String> conflicting = conflictingSessions(sessions);
    List<Row> all = new ArrayList<>();
    layout(sessions, ClientJudge.SESSION, "session_date", conflicting, all);
    layout(read(in, in.painScores()), ClientJudge.SCORE, "recorded_on", Set.of(), all);
    if (in.clients() != null) {
      layout(read(in, in.clients()), ClientJudge.CLIENT, null, Set.of(), all);
    }
    int client = ValidationStage.INPUT.fieldIndex("client_id");
    int bucket = ValidationStage.INPUT.fieldIndex("bucket");
    all.sort(
        Comparator.comparing(
                (Row r) -> r.getString(client), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(
                r -> (Long) r.get(bucket), Comparator.nullsFirst(Comparator.naturalOrder())));
    return all;
  }

  /**
   * The ids of sessions with more than one distinct fingerprint among the rows passing every row
   * rule: an id whose least and greatest 64-bit or 32-bit hash differ.
   */
  static Set<String> conflictingSessions(List<Row> sessions) {
    Map<String, long[]> range = new HashMap<>(); // lo64, hi64, lo32, hi32
    for (Row r : sessions) {
      if (!"".equals(r.getAs("row_reasons"))) {
        continue;
      }
      long fp64 = r.<Long>getAs("fp64");
      long fp32 = r.<Integer>getAs("fp32");
      long[] m = range.get(r.<String>getAs("session_id"));
      if (m == null) {
        range.put(r.getAs("session_id"), new long[] {fp64, fp64, fp32, fp32});
      } else {
        m[0] = Math.min(m[0], fp64);
        m[1] = Math.max(m[1], fp64);
        m[2] = Math.min(m[2], fp32);
        m[3] = Math.max(m[3], fp32);
      }
    }
    Set<String> ids = new HashSet<>();
    range.forEach(
        (id, m) -> {
          if (id != null && (m[0] != m[1] || m[2] != m[3])) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** Adds a file's staged rows to {@code out} in {@link ValidationStage#INPUT}'s layout. */
  private static void layout(
      List<Row> staged, int kind, String dateColumn, Set<String> conflicting, List<Row> out) {
    StructField[] fields = ValidationStage.INPUT.fields();
    if (staged.isEmpty()) {
      return;
    }
    StructType own = staged.get(0).schema();
    int[] from = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name().equals("date") ? dateColumn : fields[i].name();
      from[i] =
          name != null && List.of(own.fieldNames()).contains(name) ? own.fieldIndex(name) : -1;
      if (from[i] >= 0 && !own.fields()[from[i]].dataType().equals(fields[i].dataType())) {
        throw new IllegalStateException("staged column " + name + " is not " + fields[i]);
      }
    }
    int sessionId = ValidationStage.INPUT.fieldIndex("session_id");
    for (Row r : staged) {
      Object[] v = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        v[i] = from[i] >= 0 ? r.get(from[i]) : null;
      }
      v[ValidationStage.INPUT.fieldIndex("kind")] = kind;
      String client = (String) v[ValidationStage.INPUT.fieldIndex("client_id")];
      v[ValidationStage.INPUT.fieldIndex("bucket")] =
          client == null ? v[ValidationStage.INPUT.fieldIndex("fp64")] : null;
      Object id = v[sessionId];
      v[ValidationStage.INPUT.fieldIndex("conflicting")] = id != null && conflicting.contains(id);
      out.add(RowFactory.create(v));
    }
  }

  /** A staged file's rows, as the ingest held them (raw text included). */
  private static List<Row> read(Ingested in, StagedFile f) {
    StructType schema = f.stagingSchema();
    List<Object[]> held = in.held().of(f);
    List<Row> rows = new ArrayList<>(held.size());
    for (Object[] v : held) {
      rows.add(new GenericRowWithSchema(v, schema));
    }
    return rows;
  }

  /** The layout of {@link #rejects}' rows: the rejects table's columns. */
  public static final StructType REJECTS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("file", DataTypes.StringType, true),
              DataTypes.createStructField("line", DataTypes.LongType, true),
              DataTypes.createStructField("reasons", DataTypes.StringType, true),
              DataTypes.createStructField("raw", DataTypes.StringType, true)));

  /**
   * The rejected rows with their raw text, as {@link ValidationStage#rejects}: {@code file}, {@code
   * line}, {@code reasons}, {@code raw}, in no particular order.
   *
   * @param rejected the pass's rejects: {@code kind}, {@code line}, {@code reasons}
   */
  public static List<Row> rejects(Ingested in, List<Row> rejected) {
    List<Row> out = new ArrayList<>();
    if (rejected.isEmpty()) {
      return out;
    }
    for (StagedFile f : in.all()) {
      int kind = ValidationStage.kind(f);
      Map<Long, List<String>> reasons = new HashMap<>();
      for (Row r : rejected) {
        if (r.<Integer>getAs("kind") == kind) {
          reasons.computeIfAbsent(r.getAs("line"), x -> new ArrayList<>()).add(r.getAs("reasons"));
        }
      }
      if (reasons.isEmpty()) {
        continue;
      }
      StructType schema = f.stagingSchema();
      int line = schema.fieldIndex("line");
      int raw = schema.fieldIndex("raw");
      for (Object[] r : in.held().of(f)) {
        for (String why : reasons.getOrDefault((Long) r[line], List.of())) {
          out.add(RowFactory.create(f.fileName(), r[line], why, r[raw]));
        }
      }
    }
    return out;
  }
}
