package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200,000 clients (about 1.45 million sessions) are generated in a separate JVM whose heap is
 * capped at 24 MB: the generator streams and keeps nothing per client. No timing assertion.
 */
class StreamingTest {

  private static final String MAX_HEAP = "-Xmx24m";

  @TempDir Path dir;

  @Test
  void twoHundredThousandClientsFitInASmallHeap() throws Exception {
    Path classes =
        Path.of(Generator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("generator.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    MAX_HEAP,
                    "-XX:+UseSerialGC",
                    "-cp",
                    classes.toString(),
                    GeneratorMain.class.getName(),
                    "--clients",
                    "200000",
                    "--seed",
                    "3",
                    "--out",
                    dir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "generator did not finish");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("clients=200000"), output);
    assertTrue(lineCount(dir.resolve("data").resolve("sessions.csv")) > 1_000_000, output);
  }

  private static long lineCount(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}
