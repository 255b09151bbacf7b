package clinic.outcomes.report;

import clinic.outcomes.output.SpreadsheetCsv;
import clinic.outcomes.output.TableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code case_study_cells}: every figure the case study publishes with its status and the
 * disclosure audit's range, as a Parquet table among the run's tables and as CSV beside the
 * published page (docs/reports.md, "Checking the case study's disclosure audit").
 */
final class CaseStudyCells {
  /** The columns, in order. */
  static final List<String> COLUMNS =
      List.of(
          "table",
          "row",
          "column",
          "cell",
          "value",
          "shown",
          "suppressed",
          "audit_low",
          "audit_high",
          "sums",
          "of");

  static final StructType SCHEMA =
      new StructType()
          .add("table", DataTypes.StringType, false)
          .add("row", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("cell", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("shown", DataTypes.StringType, false)
          .add("suppressed", DataTypes.StringType)
          .add("audit_low", DataTypes.DoubleType)
          .add("audit_high", DataTypes.DoubleType)
          .add("sums", DataTypes.StringType)
          .add("of", DataTypes.StringType);

  private CaseStudyCells() {}

  /**
   * Writes the cells as a Parquet table at {@code location}, replacing it, without a Spark job (see
   * {@link TableWriter#writeRows}).
   */
  static void parquet(
      Configuration conf, org.apache.hadoop.fs.Path location, List<PageCell> cells) {
    List<Row> rows = new ArrayList<>();
    for (PageCell c : cells) {
      rows.add(
          RowFactory.create(
              c.table(),
              c.row(),
              c.column(),
              c.cell(),
              c.value(),
              c.shown(),
              c.suppressed(),
              c.auditLow(),
              c.auditHigh(),
              c.sums(),
              c.of()));
    }
    TableWriter.writeRows(conf, location, SCHEMA, rows, true);
  }

  /** Writes the cells as CSV (UTF-8, a header row; empty where null). */
  static void csv(Path file, List<PageCell> cells) {
    StringBuilder b =
        new StringBuilder(SpreadsheetCsv.line(COLUMNS.toArray(new String[0]))).append('\n');
    for (PageCell c : cells) {
      b.append(
              SpreadsheetCsv.line(
                  c.table(),
                  c.row(),
                  c.column(),
                  c.cell(),
                  number(c.value()),
                  c.shown(),
                  c.suppressed(),
                  number(c.auditLow()),
                  number(c.auditHigh()),
                  c.sums(),
                  c.of()))
          .append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A number as text: whole numbers without a decimal point, {@code Infinity} when unbounded. */
  static String number(Double v) {
    if (v == null) {
      return null;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
      return Long.toString(Math.round(v));
    }
    return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
  }
}
