package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The input union layout of the client pass: sessions, scores and client records in one table
 * ({@code kind} says which; the other kinds' columns are null), so that one shuffle brings a
 * client's records together. (The outputs have no union: each table is written with its own schema,
 * {@link PassWriters}.)
 */
final class PassLayout {
  static final int CLIENT = 0;
  static final int SESSION = 1;
  static final int SCORE = 2;

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
