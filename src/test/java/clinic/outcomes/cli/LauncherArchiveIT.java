package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive ({@code target/outcomes.jsa}, see {@code ./outcomes}):
 * written by the first {@code run} after a build that goes through, never by {@code run --help},
 * {@code run --version} or a run that fails. Before, the first {@code run} of any kind wrote it, so
 * that a user who asked {@code ./outcomes run --help} first got an archive of the few classes the
 * help loads (5 MB instead of about 180), and every later cold run loaded Spark's classes from the
 * jars: on 2026-12-03 the benchmark's trivial job took 7.3 to 8.4 s with such an archive against
 * 4.1 to 5.4 s with a full one.
 *
 * <p>The real launcher script runs here, on a copy of the project's layout whose {@code
 * target/outcomes.jar} and {@code target/lib} are links to the ones {@code package} built (no
 * {@code src/main} in it, so the launcher does not build). Runs in {@code mvn verify} (failsafe).
 */
class LauncherArchiveIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  /** Kept when the test fails: the launcher's output is in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  private record Launched(int rc, String output) {}

  private Launched launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(tmp, "launch", ".log");
    ProcessBuilder b =
        new ProcessBuilder(
                Stream.concat(
                        Stream.of(tmp.resolve("project/outcomes").toString()), Stream.of(args))
                    .toList())
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("OUTCOMES_"));
    b.environment().put("OUTCOMES_SERVER", "off");
    b.environment().putAll(env);
    Process p = b.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not end within 5 minutes");
    return new Launched(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Whether {@code file}'s bytes contain {@code text} (the archive names its classes in UTF-8). */
  private static boolean contains(Path file, String text) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + t.length <= bytes.length; i++) {
      for (int j = 0; j < t.length; j++) {
        if (bytes[i + j] != t[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private List<Path> leftovers(Path target) throws IOException {
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(f -> f.getFileName().toString().startsWith("outcomes.jsa")).toList();
    }
  }

  @Test
  void onlyARunThatWentThroughWritesTheArchive() throws Exception {
    Path jar = PROJECT.resolve("target/outcomes.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify, not the IT alone");
    Path project = tmp.resolve("project");
    Path target = project.resolve("target");
    Files.createDirectories(target);
    Files.copy(PROJECT.resolve("outcomes"), project.resolve("outcomes"));
    Files.createSymbolicLink(target.resolve("outcomes.jar"), jar);
    Files.createSymbolicLink(target.resolve("lib"), PROJECT.resolve("target/lib"));
    Path jsa = target.resolve("outcomes.jsa");

    Launched help = launch(Map.of(), "run", "--help");
    assertEquals(0, help.rc(), help.output());
    assertTrue(help.output().contains("Usage: outcomes run"), help.output());
    assertEquals(List.of(), leftovers(target), "run --help wrote an archive");

    Launched version = launch(Map.of(), "run", "--version");
    assertEquals(0, version.rc(), version.output());
    assertEquals(List.of(), leftovers(target), "run --version wrote an archive");

    Launched failed = launch(Map.of(), "run", "--input", tmp.resolve("none").toString());
    assertEquals(Main.EXIT_BAD_INPUT, failed.rc(), failed.output());
    assertEquals(List.of(), leftovers(target), "a run that failed wrote an archive");

    Launched run =
        launch(
            Map.of(),
            "run",
            "--input",
            PROJECT.resolve("sample-data").toString(),
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, run.rc(), run.output());
    assertEquals(List.of(jsa), leftovers(target), "the run that went through left its archive");
    assertTrue(
        contains(jsa, "org/apache/spark/sql/SparkSession"),
        "the archive holds Spark's classes (the first run goes through Spark)");

    // Every later command maps it: this project's classes come from it now, not from its jar.
    Launched again = launch(Map.of("OUTCOMES_JAVA_OPTS", "-Xmx1g -Xlog:class+load=info"), "--help");
    assertEquals(0, again.rc(), again.output());
    String main = Main.class.getName() + " source: ";
    assertTrue(
        again.output().lines().anyMatch(l -> l.contains(main + "shared objects file")),
        "the next command mapped the archive: " + again.output());
    assertFalse(
        again.output().lines().anyMatch(l -> l.contains(main + "file:")),
        "the next command loaded the launcher's classes from the jar");
  }
}
