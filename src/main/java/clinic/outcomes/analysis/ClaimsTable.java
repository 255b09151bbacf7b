package clinic.outcomes.analysis;

import clinic.outcomes.claims.ClaimResult;
import clinic.outcomes.claims.ClaimsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code claims} table: one row per claim of the claims file, in file order. */
public final class ClaimsTable {
  private ClaimsTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add("claim_id", DataTypes.StringType, false)
          .add("position", DataTypes.IntegerType, false)
          .add("statement", DataTypes.StringType, false)
          .add("statistic", DataTypes.StringType, false)
          .add("estimate", DataTypes.DoubleType)
          .add("ci_low", DataTypes.DoubleType)
          .add("ci_high", DataTypes.DoubleType)
          .add("confidence", DataTypes.DoubleType, false)
          .add("n", DataTypes.LongType, false)
          .add("operator", DataTypes.StringType, false)
          .add("threshold", DataTypes.DoubleType, false)
          .add("min_n", DataTypes.IntegerType, false)
          .add("verdict", DataTypes.StringType, false)
          .add("explanation", DataTypes.StringType, false);

  /** The {@code claims} table's rows, in the claims file's order. */
  public static List<Row> of(List<ClaimResult> results) {
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (ClaimResult r : results) {
      rows.add(
          RowFactory.create(
              r.claim().id(),
              ++position,
              r.claim().statement(),
              r.claim().statistic().name().toLowerCase(Locale.ROOT),
              r.estimate(),
              r.ciLow(),
              r.ciHigh(),
              r.confidence(),
              r.n(),
              r.claim().operator().symbol(),
              r.claim().threshold(),
              r.claim().minN(),
              r.verdict().name().toLowerCase(Locale.ROOT),
              r.explanation()));
    }
    return rows;
  }

  public static final StructType UNTESTABLE =
      new StructType()
          .add("position", DataTypes.IntegerType, false)
          .add("statement", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false);

  /**
   * The {@code claims_untestable} table: the published sentences these records cannot test, in file
   * order.
   */
  public static List<Row> untestable(List<ClaimsFile.Untestable> sentences) {
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (ClaimsFile.Untestable u : sentences) {
      rows.add(RowFactory.create(++position, u.statement(), u.reason()));
    }
    return rows;
  }
}
