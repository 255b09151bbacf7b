package clinic.outcomes.report;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.core.Settings;
import clinic.outcomes.generate.Generator;
import clinic.outcomes.generate.GeneratorSettings;
import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finished run folders for the report tests, built once per JVM under {@code target/}: the pipeline
 * on {@code sample-data/}, and on a tiny generated dataset where many counts are small. The
 * pipeline writes the tables only; a hand-made {@code claims} table is written into each (the
 * pipeline's own claims stage is tested elsewhere), then the reports are written, once.
 */
final class ReportFixture {
  /** The statement that must be shown as text, never run. */
  static final String SCRIPT = "<script>alert(1)</script>";

  /** An explanation with markup that must be shown as text. */
  static final String IMG = "<img src=x onerror=alert(2)>";

  /**
   * One prepared run.
   *
   * @param input the input folder
   * @param run the run folder with the reports written
   * @param accounting the accounting passed to the report stage
   */
  record Run(Path input, Path run, Map<String, Accounting> accounting) {
    Path report() {
      return run.resolve("report.html");
    }

    Path caseStudy() {
      return run.resolve("publish/case-study.html");
    }

    /** The published {@code case_study_cells.csv}. */
    Path cells() {
      return run.resolve("publish/case_study_cells.csv");
    }
  }

  private static Run sample;
  private static Run tiny;

  private ReportFixture() {}

  /** The run on the committed sample data. */
  static synchronized Run sample() {
    if (sample == null) {
      sample = build("sample", Path.of("sample-data").toAbsolutePath());
    }
    return sample;
  }

  /** A run on 45 generated clients: small groups everywhere, so suppression is exercised. */
  static synchronized Run tiny() {
    if (tiny == null) {
      Path in = Path.of("target", "report-fixture", "tiny-input").toAbsolutePath();
      try {
        deleteTree(in);
        Generator.generate(
            new GeneratorSettings(
                45, 11L, LocalDate.parse("2024-01-01"), LocalDate.parse("2025-12-31"), true),
            in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tiny = build("tiny", in);
    }
    return tiny;
  }

  private static final Map<Integer, Run> GENERATED = new HashMap<>();

  /** A run on {@code clients} generated clients (seed 13, with bad rows), built once per size. */
  static synchronized Run generated(int clients) {
    return GENERATED.computeIfAbsent(
        clients,
        c -> {
          Path in =
              Path.of("target", "report-fixture", "generated-" + c + "-input").toAbsolutePath();
          try {
            deleteTree(in);
            Generator.generate(
                new GeneratorSettings(
                    c, 13L, GeneratorSettings.DEFAULT_START, GeneratorSettings.DEFAULT_END, true),
                in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return build("generated-" + c, in);
        });
  }

  private static Run build(String name, Path input) {
    SparkSession spark = SharedSpark.get();
    Path out = Path.of("target", "report-fixture", name).toAbsolutePath();
    deleteTree(out);
    Pipeline.Result r =
        Pipeline.run(
            spark,
            // no reports: they are written below, once, after the hand-made claims table
            new RunRequest(
                input,
                out,
                Settings.defaults(),
                LocalDate.parse("2026-01-31"),
                List.of(),
                "none",
                null),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    writeClaims(spark, out);
    String refused = ReportStage.write(spark, out, Settings.defaults(), null, r.accounting());
    if (refused != null) {
      throw new IllegalStateException(refused);
    }
    return new Run(input, out, r.accounting());
  }

  /** The claims table schema of SPEC "Outputs" plus the columns the claims stage writes. */
  static final StructType CLAIMS =
      new StructType()
          .add("claim_id", DataTypes.StringType, false)
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

  /**
   * Five claims: every verdict, markup in a statement and an explanation, a small implied count.
   */
  static void writeClaims(SparkSession spark, Path run) {
    List<Row> rows =
        List.of(
            RowFactory.create(
                "pain_reduction",
                "Specialized massage significantly reduces pain",
                "mean_change",
                2.38,
                2.21,
                2.55,
                0.99,
                303L,
                ">=",
                2.0,
                10,
                "supported",
                "Pain fell by 2.38 points on average (99 % interval 2.21 to 2.55), more than the claimed 2 points."),
            RowFactory.create(
                "better_than_regular",
                SCRIPT,
                "mean_difference",
                1.19,
                0.95,
                1.42,
                0.99,
                428L,
                ">",
                1.5,
                10,
                "contradicted",
                "The difference was 1.19 points " + IMG + ", below the claimed 1.5."),
            RowFactory.create(
                "long_lasting",
                "Relief is long-lasting",
                "mean_change",
                1.45,
                1.2,
                1.7,
                0.99,
                154L,
                ">",
                1.5,
                10,
                "inconclusive",
                "The interval 1.2 to 1.7 straddles the claimed 1.5."),
            RowFactory.create(
                "rarely_worse",
                "Pain rarely gets worse after a session",
                "rate",
                3.0 / 447,
                0.001,
                0.03,
                0.99,
                447L,
                "<",
                0.05,
                10,
                "supported",
                "3 of 447 episodes had increased pain."),
            RowFactory.create(
                "stretches",
                "Sessions plus home stretches work together",
                "mean_difference",
                null,
                null,
                null,
                0.99,
                7L,
                ">",
                0.0,
                10,
                "insufficient_data",
                "Only 7 episodes recorded stretches."));
    spark
        .createDataFrame(rows, CLAIMS)
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(run.resolve("claims").toString());
  }

  /** Every {@code *.svg} under the run's charts/ whose name starts with {@code prefix}. */
  static List<Path> charts(Run r, String prefix) {
    Path dir = r.run().resolve(prefix.startsWith("case_study_") ? "publish/charts" : "charts");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
