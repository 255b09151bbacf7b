package clinic.outcomes.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clinic.outcomes.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster: a master and a worker on 127.0.0.1 started from
 * Spark's Maven jars alone, the packaged {@code target/outcomes-spark-submit.jar} submitted with
 * {@code SparkSubmit} on {@code sample-data/}, and every output table compared exactly with a run
 * of the launcher's own command on the same data (which, sample-data being small CSV, runs without
 * a Spark session: the local engine).
 *
 * <p>The cluster run differs from the local one in every way that could expose an order-dependent
 * result: other processes (executors), Spark's shuffle and partitions against one walk on one
 * thread, adaptive execution on, and input and output given as {@code file:} URIs. What
 * legitimately differs, and is therefore not compared: in {@code run.json} the timings, the
 * finishing time, the Spark job counts, the input paths as given, and the run date ({@code
 * max_input_date}, in case the runs straddle midnight). Everything else is: every table's schema
 * and rows, {@code rejects.csv} byte for byte, and the rest of {@code run.json}.
 *
 * <p>Runs in {@code mvn verify} (failsafe), after {@code package} built both jars.
 */
class StandaloneClusterIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path SUBMIT_JAR = PROJECT.resolve("target/outcomes-spark-submit.jar");

  /** Kept when the test fails: the logs of master, worker, executors and driver are in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException {
    assertTrue(
        Files.isRegularFile(SUBMIT_JAR),
        SUBMIT_JAR + " is missing: run mvn verify, not the IT alone");
    List<Path> sparkJars = new ArrayList<>();
    for (String jar :
        Files.readString(PROJECT.resolve("target/spark-classpath.txt"))
            .trim()
            .split(java.io.File.pathSeparator)) {
      sparkJars.add(Path.of(jar));
    }
    cluster = StandaloneCluster.start(sparkJars, tmp.resolve("cluster"), 2, "2g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void clusterRunWritesTheSameTablesAsALocalRun() throws Exception {
    // The local run overlaps with the master and worker starting up.
    Path local = tmp.resolve("local");
    Path localLog = tmp.resolve("local.log");
    long localStart = System.nanoTime();
    int localCode = runLocally(local, localLog);
    System.out.printf(
        "local run: exit %d after %.0f s%n", localCode, (System.nanoTime() - localStart) / 1e9);
    assertEquals(0, localCode, "the local run failed\n" + StandaloneCluster.tail(localLog, 60));

    cluster.awaitWorker(Duration.ofMinutes(3));
    Path remote = tmp.resolve("cluster-out");
    Path driverLog = tmp.resolve("driver.log");
    long start = System.nanoTime();
    int code =
        cluster.submit(
            List.of(
                "--class",
                "clinic.outcomes.cli.Main",
                "--conf",
                "spark.executor.memory=1g",
                "--conf",
                "spark.log.level=WARN", // the driver log is then the job's own progress
                "--conf",
                "spark.sql.shuffle.partitions=7",
                "--conf",
                "spark.local.dir=" + Files.createDirectories(tmp.resolve("driver-scratch")),
                SUBMIT_JAR.toString(),
                "run",
                "--input",
                "file://" + PROJECT.resolve("sample-data"),
                "--out",
                "file://" + remote),
            PROJECT,
            driverLog,
            Duration.ofMinutes(20));
    System.out.printf(
        "cluster run: exit %d after %.0f s%n", code, (System.nanoTime() - start) / 1e9);
    if (code != 0) {
      fail(
          "the cluster run "
              + (code < 0 ? "timed out" : "exited with " + code)
              + " (logs kept in "
              + tmp
              + ")\n"
              + StandaloneCluster.tail(driverLog, 80)
              + cluster.logs());
    }
    String status = cluster.masterStatus();
    assertTrue(
        status.matches(
            "(?s).*\"completedapps\"\\s*:\\s*\\[\\s*\\{.*\"name\"\\s*:\\s*\"outcomes\".*"),
        "the master lists no finished application 'outcomes': the job did not run on the cluster\n"
            + status);

    List<String> diffs = RunFolderDiff.differences(SharedSpark.get(), local, remote);
    assertTrue(
        diffs.isEmpty(),
        "the cluster run's tables differ from the local run's:\n" + String.join("\n", diffs));
    assertTrue(
        RunFolderDiff.tables(local).size() >= 12, "too few tables: " + RunFolderDiff.tables(local));
    assertEquals(
        Files.readString(local.resolve("rejects.csv")),
        Files.readString(remote.resolve("rejects.csv")),
        "rejects.csv");
    assertEquals(
        RunFolderDiff.comparableManifest(local),
        RunFolderDiff.comparableManifest(remote),
        "run.json without timings and paths");
    assertIngestRanOnTheWorker(local, remote);
  }

  /**
   * The "parses the input on the worker, not the driver", from run.json's {@code work}: on
   * the cluster no task of any stage ran in the driver, and the ingest's tasks (the scan and the
   * parse of every piece) ran on the worker's executors with CPU time of their own; the local run
   * of sample-data ran no Spark job at all (the local engine).
   */
  private static void assertIngestRanOnTheWorker(Path local, Path remote) throws IOException {
    JsonNode cluster = manifest(remote).get("work");
    JsonNode embedded = manifest(local).get("work");
    JsonNode ingest = cluster.get("read inputs");
    System.out.printf(
        "cluster ingest: %d tasks on executors, %.2f s of their CPU; the driver's own CPU %.2f s%n",
        ingest.get("tasks_on_executors").asLong(),
        ingest.get("task_cpu_s_on_executors").asDouble(),
        ingest.get("driver_own_cpu_s").asDouble());
    for (Iterator<String> it = cluster.fieldNames(); it.hasNext(); ) {
      String stage = it.next();
      assertEquals(
          0,
          cluster.get(stage).get("tasks_on_driver").asLong(),
          stage + ": a task ran in the driver");
    }
    assertTrue(ingest.get("tasks_on_executors").asLong() >= 1, "no ingest task on the worker");
    assertTrue(
        ingest.get("task_cpu_s_on_executors").asDouble() > 0,
        "the ingest's tasks on the worker report no CPU time: " + ingest);
    // sample-data is small CSV: the README's command runs it without a Spark session (the local
    // engine), so the cluster's tables are compared with another engine's, not only another
    // process's
    for (Iterator<JsonNode> it = embedded.elements(); it.hasNext(); ) {
      JsonNode w = it.next();
      assertEquals(0, w.get("tasks_on_executors").asLong(), "a local run has no executors");
      assertEquals(0, w.get("tasks_on_driver").asLong(), "the local engine runs no Spark task");
    }
    manifest(local)
        .get("spark_jobs")
        .forEach(n -> assertEquals(0, n.asInt(), "the local engine runs no Spark job"));
  }

  private static JsonNode manifest(Path run) throws IOException {
    return new ObjectMapper()
        .readTree(Files.readString(run.resolve("run.json"), StandardCharsets.UTF_8));
  }

  /** The README's run command ({@code ./outcomes run}: thin jar plus target/lib, no master). */
  private static int runLocally(Path out, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g",
                "-cp",
                PROJECT.resolve("target/outcomes.jar")
                    + java.io.File.pathSeparator
                    + PROJECT.resolve("target/lib")
                    + "/*",
                "clinic.outcomes.cli.Main",
                "run",
                "--input",
                "sample-data",
                "--out",
                out.toString())
            .directory(PROJECT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    try {
      return p.waitFor(20, TimeUnit.MINUTES) ? p.exitValue() : -1;
    } finally {
      StandaloneCluster.stop(p);
    }
  }
}
