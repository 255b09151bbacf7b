package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import clinic.outcomes.core.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two union layouts of the client pass. In: sessions, scores and client records in one table
 * ({@code kind} says which; the other kinds' columns are null), so that one shuffle brings a
 * client's records together. Out: the rows of every {@link DerivedTable} and the {@link
 * TotalsEntry} rows in one table, written once partitioned by {@code kind}; each column is declared
 * by its table's contract and merged here by name.
 */
final class PassLayout {
  static final int CLIENT = 0;
  static final int SESSION = 1;
  static final int SCORE = 2;

  /** The kind of the totals rows. */
  static final String TOTALS = "totals";

  /** The union layout of the inputs. */
  static final StructType IN =
      DerivedTable.schema(
          "kind int",
          "client_id string",
          "session_id string",
          "therapist_id string",
          "date date",
          "technique string",
          "duration_min int",
          "adverse_event string",
          "home_exercise string",
          "moment string",
          "measure string",
          "score_tenths int",
          "condition string",
          "symptom_weeks int",
          "age_band string",
          "sex string");

  /** The totals entries' columns (their bean's, every one nullable in the union). */
  static final StructType TOTALS_COLUMNS = Encoders.bean(TotalsEntry.class).schema();

  private PassLayout() {}

  /** The union of the inputs; {@code clients} may be null (no clients file). */
  static Dataset<Row> input(Dataset<Row> sessions, Dataset<Row> scores, Dataset<Row> clients) {
    Dataset<Row> in =
        sessions.select(
            lit(SESSION).as("kind"),
            col("client_id"),
            col("session_id"),
            col("therapist_id"),
            col("session_date").as("date"),
            col("technique"),
            col("duration_min"),
            col("adverse_event"),
            col("home_exercise"));
    in =
        in.unionByName(
            scores.select(
                lit(SCORE).as("kind"),
                col("client_id"),
                col("session_id"),
                col("recorded_on").as("date"),
                col("moment"),
                col("measure"),
                col("score_tenths")),
            true);
    if (clients != null) {
      in =
          in.unionByName(
              clients.select(
                  lit(CLIENT).as("kind"),
                  col("client_id"),
                  col("condition"),
                  col("symptom_weeks"),
                  col("age_band"),
                  col("sex")),
              true);
    }
    return in.select(columns(IN, Set.of(in.columns())));
  }

  /** The union layout of the outputs, {@code kind} first, for these settings. */
  static StructType output(Settings settings) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    add(fields, DataTypes.createStructField("kind", DataTypes.StringType, true));
    for (StructType s :
        new StructType[] {
          DerivedTable.SESSIONS.staged(),
          DerivedTable.ATTRIBUTES.staged(),
          DerivedTable.outcomes(settings).staged(),
          TOTALS_COLUMNS
        }) {
      for (StructField f : s.fields()) {
        add(fields, DataTypes.createStructField(f.name(), f.dataType(), true));
      }
    }
    return DataTypes.createStructType(fields.values().toArray(StructField[]::new));
  }

  /** A column shared by two tables must have one type (one name, one meaning). */
  private static void add(Map<String, StructField> fields, StructField f) {
    StructField seen = fields.putIfAbsent(f.name(), f);
    if (seen != null && !seen.dataType().equals(f.dataType())) {
      throw new IllegalStateException(
          "column " + f.name() + " is " + seen.dataType() + " and " + f.dataType());
    }
  }

  /** The columns of {@code s}, typed, null where {@code present} lacks them (no clients file). */
  private static Column[] columns(StructType s, Set<String> present) {
    Column[] c = new Column[s.size()];
    for (int i = 0; i < c.length; i++) {
      StructField f = s.fields()[i];
      c[i] =
          (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name());
    }
    return c;
  }
}
