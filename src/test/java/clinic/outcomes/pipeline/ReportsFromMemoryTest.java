package clinic.outcomes.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.claims.ClaimsFile;
import clinic.outcomes.core.Settings;
import clinic.outcomes.core.Technique;
import clinic.outcomes.report.ReportStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports a run draws from the rows it holds in memory are, byte for byte, the reports drawn
 * again from the tables it wrote ({@code ReportStage.write} over the run folder, which reads every
 * table back with Spark): the pages, every chart (PNG and SVG) and the published cells. On
 * sample-data with the shipped claims file, so every section has rows (claims, untestable
 * sentences, rejects).
 */
class ReportsFromMemoryTest {
  private final SparkSession spark = SharedSpark.get();

  @Test
  void theSameReportsAsFromTheWrittenTables(@TempDir Path dir) throws IOException {
    Set<String> techniques = new TreeSet<>(Technique.CODES);
    techniques.add("all");
    Settings.defaults().techniqueGroups().forEach((g, members) -> techniques.add(g));
    ClaimsFile.Contents claims = ClaimsFile.loadAll(Path.of("jobs", "claims.yaml"), techniques);
    Path out = dir.resolve("run");
    Pipeline.Result r =
        Pipeline.run(
            spark,
            new RunRequest(
                Path.of("sample-data").toAbsolutePath().toString(),
                out.toString(),
                Settings.defaults(),
                LocalDate.parse("2026-11-30"),
                claims.claims(),
                "both",
                null,
                claims.untestable()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Path again = dir.resolve("again");
    Files.createDirectories(again);
    String refused =
        ReportStage.write(
            spark,
            new org.apache.hadoop.fs.Path("file", null, out.toAbsolutePath().toString()),
            again,
            Settings.defaults().withAsOf(r.asOf()),
            null,
            r.accounting(),
            true,
            true);
    assertEquals(r.caseStudyRefused(), refused);
    List<String> files = files(out.resolve("charts"));
    assertFalse(files.isEmpty());
    assertEquals(files, files(again.resolve("charts")));
    for (String f : files) {
      assertArrayEquals(
          Files.readAllBytes(out.resolve("charts").resolve(f)),
          Files.readAllBytes(again.resolve("charts").resolve(f)),
          "charts/" + f);
    }
    List<String> published = files(out.resolve("publish"));
    assertEquals(published, files(again.resolve("publish")));
    for (String f : published) {
      assertArrayEquals(
          Files.readAllBytes(out.resolve("publish").resolve(f)),
          Files.readAllBytes(again.resolve("publish").resolve(f)),
          "publish/" + f);
    }
    assertEquals(
        Files.readString(out.resolve("report.html")),
        Files.readString(again.resolve("report.html")));
  }

  /** The files under a folder, relative, in name order. */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
