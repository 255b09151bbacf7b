package clinic.outcomes.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.TestFiles;
import clinic.outcomes.cluster.RunFolderDiff;
import clinic.outcomes.core.Settings;
import clinic.outcomes.generate.Generator;
import clinic.outcomes.generate.GeneratorSettings;
import clinic.outcomes.spark.LocalFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine (small CSV inputs, no Spark session) against the Spark engine on the same input:
 * every table's schema and rows ({@link RunFolderDiff}, values compared exactly), {@code
 * rejects.csv}, the reports and {@code run.json} but what differs between any two runs must be
 * identical. The inputs hit every rule across rows: the contract fixture (every rule, a told as-of
 * date), a generated clinic with bad rows of every kind (duplicates, conflicting session ids shared
 * by clients, unknown sessions, date mismatches), sample-data, and an input whose latest row is
 * rejected across rows, so that the pass runs a second time with the right as-of date.
 */
class LocalEngineTest {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-11-23");

  /**
   * The local pass splits its input into a partition per core only from 50,000 rows up; these
   * inputs are smaller, so the split is asked for from 1,000 rows: sample-data and the generated
   * clinic are then walked as two partitions on two threads (on a machine of two cores or more),
   * the contract fixture as one.
   */
  private static final String ROWS_PER_PARTITION = "outcomes.local.rowsPerPartition";

  @TempDir Path tmp;

  @BeforeAll
  static void splitSmallInputs() {
    System.setProperty(ROWS_PER_PARTITION, "1000");
  }

  @AfterAll
  static void defaultSplit() {
    System.clearProperty(ROWS_PER_PARTITION);
  }

  @Test
  void theContractFixtureGivesTheSameRunFolder() throws IOException {
    Settings told = Settings.defaults().withAsOf(LocalDate.parse("2025-06-30"));
    same(TestFiles.fixture("contract"), told, 1);
  }

  @Test
  void sampleDataGivesTheSameRunFolder() throws IOException {
    same(Path.of("sample-data"), Settings.defaults(), 1);
    if (Runtime.getRuntime().availableProcessors() > 1) {
      try (var parts = Files.list(tmp.resolve("local-sample-data").resolve("sessions"))) {
        assertEquals(
            2,
            parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).count(),
            "the local pass walked two partitions, each writing its own file");
      }
    }
  }

  @Test
  void aGeneratedClinicWithBadRowsGivesTheSameRunFolder() throws IOException {
    Path in = tmp.resolve("bad");
    Generator.generate(new GeneratorSettings(300, 11L).withBadRows(true), in);
    same(in, Settings.defaults(), 1);
  }

  /**
   * A score dated after every other row that names no session of its client (unknown_session): the
   * pass assumes its date as the as-of date, finds it rejected and runs again.
   */
  @Test
  void aSecondPassForARejectedLatestDateGivesTheSameRunFolder() throws IOException {
    Path in = TestFiles.copyFixture("contract", tmp.resolve("stray"));
    Files.writeString(
        in.resolve("pain_scores.csv"),
        "C1,S99,2025-12-30,before,nrs_pain,3\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    same(in, Settings.defaults(), 2);
  }

  /**
   * A session id shared by two clients with different rows (the one rule across clients, the global
   * check of session ids): both rows are rejected, and the scores naming it with them.
   */
  @Test
  void aSessionIdSharedByTwoClientsGivesTheSameRunFolder() throws IOException {
    Path in = TestFiles.copyFixture("contract", tmp.resolve("shared"));
    Files.writeString(
        in.resolve("sessions.csv"),
        "S2,C7,T2,2025-01-14,trigger_point,45,none,no\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    same(in, Settings.defaults().withAsOf(LocalDate.parse("2025-06-30")), 1);
    assertTrue(
        Files.readString(tmp.resolve("local-shared").resolve("rejects.csv"))
            .contains("conflicting"),
        "the shared id is rejected");
  }

  private void same(Path input, Settings settings, int passes) throws IOException {
    Path viaSpark = tmp.resolve("spark-" + input.getFileName());
    Path local = tmp.resolve("local-" + input.getFileName());
    Configuration conf = LocalFiles.use(new Configuration());
    assertTrue(Pipeline.runsLocally(conf, input.toString()), input + " is a small CSV input");
    ByteArrayOutputStream sparkLog = new ByteArrayOutputStream();
    ByteArrayOutputStream localLog = new ByteArrayOutputStream();
    Pipeline.Result s =
        Pipeline.run(
            SharedSpark.get(), new RunRequest(input, viaSpark, settings, RUN_DATE), log(sparkLog));
    Pipeline.Result l =
        Pipeline.runLocally(conf, new RunRequest(input, local, settings, RUN_DATE), log(localLog));
    String second = "(a second pass: the assumed as-of date was rejected)";
    assertEquals(passes == 2, sparkLog.toString(StandardCharsets.UTF_8).contains(second));
    assertEquals(passes == 2, localLog.toString(StandardCharsets.UTF_8).contains(second));

    assertEquals(List.of(), RunFolderDiff.differences(SharedSpark.get(), viaSpark, local));
    assertEquals(s.asOf(), l.asOf());
    assertEquals(s.accounting(), l.accounting());
    assertEquals(s.tableRows(), l.tableRows());
    assertEquals(s.claims(), l.claims());
    assertFalse(s.tableRows().isEmpty());
    assertArrayEquals(
        Files.readAllBytes(viaSpark.resolve("rejects.csv")),
        Files.readAllBytes(local.resolve("rejects.csv")));
    for (String page : List.of("report.html", "publish/case-study.html")) {
      assertEquals(Files.exists(viaSpark.resolve(page)), Files.exists(local.resolve(page)), page);
      if (Files.exists(viaSpark.resolve(page))) {
        assertEquals(
            Files.readString(viaSpark.resolve(page)), Files.readString(local.resolve(page)), page);
      }
    }
    assertEquals(
        RunFolderDiff.comparableManifest(viaSpark), RunFolderDiff.comparableManifest(local));

    JsonNode manifest = new ObjectMapper().readTree(local.resolve("run.json").toFile());
    manifest.get("spark_jobs").forEach(n -> assertEquals(0, n.asInt(), "no Spark job locally"));
    assertTrue(manifest.get("spark_jobs").size() > 0);
  }

  private static PrintStream log(ByteArrayOutputStream to) {
    return new PrintStream(to, true, StandardCharsets.UTF_8);
  }
}
