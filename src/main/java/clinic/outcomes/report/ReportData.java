package clinic.outcomes.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;

import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The small aggregates the reports need, collected once from a finished run folder. Only tables
 * that are small by construction are collected whole; rejects and sessions are aggregated in Spark.
 *
 * @param stats the {@code stats} table
 * @param comparisons the {@code comparisons} table
 * @param dose the {@code dose_response} table
 * @param safety the {@code safety} table
 * @param months the {@code monthly} table, by month
 * @param claims the {@code claims} table (empty when none were judged)
 * @param claimsTable true when the run folder has a {@code claims} table
 * @param topReasons reject reason codes with their row counts, most frequent first
 * @param sessions accepted sessions
 * @param clients clients with an accepted session
 * @param episodes episodes of care
 * @param untestable the claims file's published sentences these records cannot test, in file order
 * @param registry time to MCID, benefit and harm, and (internal only) therapist performance
 */
public record ReportData(
    List<StatRow> stats,
    List<ComparisonRow> comparisons,
    List<DoseRow> dose,
    List<SafetyRow> safety,
    List<MonthRow> months,
    List<ClaimRow> claims,
    boolean claimsTable,
    Map<String, Long> topReasons,
    long sessions,
    long clients,
    long episodes,
    List<UntestableRow> untestable,
    Registry registry) {

  /** How many reject reasons the monthly review lists. */
  static final int TOP_REASONS = 10;

  /** Reads the tables of a local run folder. */
  public static ReportData load(SparkSession spark, Path folder) {
    return load(
        spark, new org.apache.hadoop.fs.Path("file", null, folder.toAbsolutePath().toString()));
  }

  /** Reads the tables of a run folder on any file system Spark reads. */
  public static ReportData load(SparkSession spark, org.apache.hadoop.fs.Path folder) {
    Tables t = new Tables(spark, folder);
    Map<String, List<Row>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      if (t.exists(table)) {
        rows.put(table, t.collect(table));
      }
    }
    Dataset<Row> sessions = t.read("sessions");
    return of(
        rows,
        topReasons(t),
        sessions.count(),
        sessions.select("client_id").distinct().count(),
        t.read("episodes").count());
  }

  /** The small tables the reports read whole, by name. */
  public static final List<String> TABLES =
      List.of(
          "stats",
          "comparisons",
          "dose_response",
          "safety",
          "monthly",
          "claims",
          "claims_untestable",
          "time_to_mcid",
          "time_to_mcid_median",
          "benefit_harm",
          "therapist_performance");

  /**
   * The report's figures from the rows of the small tables, as a run computed them or as read from
   * its folder: no Spark job.
   *
   * @param tables rows of the tables of {@link #TABLES} that exist, each row carrying its schema
   *     (values are read by column name), {@code claims} and {@code claims_untestable} in their
   *     {@code position} order; a table left out reads as empty, and the claims section as absent
   * @param topReasons reject reason codes with their row counts, most frequent first
   * @param sessions accepted sessions
   * @param clients clients with an accepted session
   * @param episodes episodes of care
   */
  public static ReportData of(
      Map<String, List<Row>> tables,
      Map<String, Long> topReasons,
      long sessions,
      long clients,
      long episodes) {
    List<MonthRow> months = new ArrayList<>(map(tables, "monthly", MonthRow::of));
    months.sort(Comparator.comparing(MonthRow::month));
    return new ReportData(
        map(tables, "stats", StatRow::of),
        sorted(map(tables, "comparisons", ComparisonRow::of), COMPARISON_ORDER),
        map(tables, "dose_response", DoseRow::of),
        map(tables, "safety", SafetyRow::of),
        List.copyOf(months),
        map(tables, "claims", ClaimRow::of),
        tables.containsKey("claims"),
        new LinkedHashMap<>(topReasons),
        sessions,
        clients,
        episodes,
        map(tables, "claims_untestable", UntestableRow::of),
        new Registry(
            map(tables, "time_to_mcid", Registry.Curve::of),
            map(tables, "time_to_mcid_median", Registry.Median::of),
            map(tables, "benefit_harm", Registry.BenefitHarm::of),
            sorted(
                map(tables, "therapist_performance", Registry.Therapist::of),
                Comparator.comparing(Registry.Therapist::therapist))));
  }

  /**
   * The order the comparisons are computed in (the analysis' model order: measure, factor, level by
   * name), whatever order a reader of the table gets its rows in (Spark reads a table's files
   * largest first).
   */
  static final Comparator<ComparisonRow> COMPARISON_ORDER =
      Comparator.comparing(ComparisonRow::measure)
          .thenComparing(c -> factorRank(c.factor()))
          .thenComparing(ComparisonRow::level);

  /** The factors of {@code comparisons} in the analysis' order; any other factor after them. */
  private static final List<String> FACTORS = List.of("adherence", "technique_group", "technique");

  private static int factorRank(String factor) {
    int i = FACTORS.indexOf(factor);
    return i < 0 ? FACTORS.size() : i;
  }

  private static <T> List<T> sorted(List<T> rows, Comparator<? super T> order) {
    List<T> out = new ArrayList<>(rows);
    out.sort(order);
    return List.copyOf(out);
  }

  private static <T> List<T> map(Map<String, List<Row>> tables, String table, Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    for (Row r : tables.getOrDefault(table, List.of())) {
      out.add(f.apply(r));
    }
    return List.copyOf(out);
  }

  /**
   * The reject reasons of the most rejects, most first (ties by code), from the counts of every
   * reason.
   */
  public static Map<String, Long> topReasons(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_REASONS)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The reject reasons of the most rejects, from the {@code reasons} column of the rejects. */
  public static Map<String, Long> topReasons(Dataset<Row> rejects) {
    Map<String, Long> out = new LinkedHashMap<>();
    List<Row> rows =
        rejects
            .select(explode(split(col("reasons"), "\\|")).as("reason"))
            .groupBy("reason")
            .agg(count("*").as("rows"))
            .orderBy(desc("rows"), col("reason"))
            .limit(TOP_REASONS)
            .collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** The tables of one run folder. */
  private record Tables(SparkSession spark, org.apache.hadoop.fs.Path folder) {
    Dataset<Row> read(String table) {
      return spark.read().parquet(new org.apache.hadoop.fs.Path(folder, table).toString());
    }

    boolean exists(String table) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(folder, table);
      try {
        return Locations.fileSystem(p, spark.sparkContext().hadoopConfiguration())
            .getFileStatus(p)
            .isDirectory();
      } catch (FileNotFoundException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }

    /** A small table whole, in the claims file's order where it has a {@code position}. */
    List<Row> collect(String table) {
      Dataset<Row> d = read(table);
      if (Arrays.asList(d.columns())
          .contains("position")) { // a run folder from before the column existed keeps its order
        d = d.orderBy("position");
      }
      return d.collectAsList();
    }
  }

  private static Map<String, Long> topReasons(Tables t) {
    return t.exists("rejects") ? topReasons(t.read("rejects")) : new LinkedHashMap<>();
  }

  /** The row of one group, if any. */
  public Optional<StatRow> stat(String analysis, String measure, String groupBy, String group) {
    return stats.stream()
        .filter(
            s ->
                s.analysis().equals(analysis)
                    && s.measure().equals(measure)
                    && s.groupBy().equals(groupBy)
                    && s.group().equals(group))
        .findFirst();
  }

  /** The rows of one (analysis, measure, group_by), in display order. */
  public List<StatRow> stats(String analysis, String measure, String groupBy) {
    return stats.stream()
        .filter(
            s ->
                s.analysis().equals(analysis)
                    && s.measure().equals(measure)
                    && s.groupBy().equals(groupBy))
        .sorted(Comparator.comparing(StatRow::group, GroupOrder.INSTANCE))
        .toList();
  }

  /**
   * Follow-up horizon labels present in {@code stats} ({@code 3m}, {@code 6m}, ...), shortest
   * first.
   */
  public List<String> horizons() {
    return stats.stream()
        .map(StatRow::analysis)
        .filter(a -> a.startsWith("followup_") && !a.endsWith("_bocf"))
        .map(a -> a.substring("followup_".length()))
        .distinct()
        .sorted(Comparator.comparingInt(ReportData::horizonDays))
        .toList();
  }

  /** Sorting key of a horizon label: its number, months and years as days. */
  private static int horizonDays(String label) {
    String digits = label.replaceAll("[^0-9]", "");
    int n = digits.isEmpty() ? 0 : Integer.parseInt(digits);
    return label.endsWith("y")
        ? n * 365
        : label.endsWith("m") ? n * 30 : label.endsWith("w") ? n * 7 : n;
  }

  /** Measures present in {@code stats}, in the SPEC order. */
  public List<String> measures() {
    return stats.stream().map(StatRow::measure).distinct().sorted(GroupOrder.INSTANCE).toList();
  }

  /** Safety rows of one unit and event. */
  public List<SafetyRow> safety(String unit, String event) {
    return safety.stream().filter(s -> s.unit().equals(unit) && s.event().equals(event)).toList();
  }
}
