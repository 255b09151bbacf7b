package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.TestFiles;
import clinic.outcomes.cli.WholeFileProblemsTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input and output as Hadoop file-system URIs rather than local paths. There is no HDFS here, so
 * the run goes through Hadoop's view file system ({@code viewfs://}, what HDFS federation uses), a
 * real non-local file system whose mount table points at a local folder: every listing, open,
 * rename and copy then goes through Hadoop's {@code FileSystem}, as it would on HDFS or S3. {@code
 * file:} URIs are covered by the standalone-cluster test ({@code StandaloneClusterIT}).
 */
class HadoopLocationsTest {
  @TempDir Path tmp;

  @BeforeAll
  static void spark() {
    SharedSpark.get();
  }

  /**
   * Mounts {@code dir} as {@code viewfs://NAME/data} in the shared session's Hadoop configuration.
   */
  private static String mount(String name, Path dir) {
    SharedSpark.get()
        .sparkContext()
        .hadoopConfiguration()
        .set("fs.viewfs.mounttable." + name + ".link./data", "file://" + dir);
    return "viewfs://" + name + "/data";
  }

  @Test
  void runsFromAndIntoAnotherFileSystem() throws IOException {
    Path backing = Files.createDirectories(tmp.resolve("backing"));
    TestFiles.copyFixture("contract", backing.resolve("in"));
    Path previous = Files.createDirectories(backing.resolve("out"));
    Files.writeString(previous.resolve("left-over.txt"), "from an earlier run");
    Files.writeString(
        previous.resolve(".outcomes-run"), "outcomes-run 1\n.outcomes-run\nleft-over.txt\n");
    String root = mount("clinic" + Math.abs(tmp.hashCode()), backing);

    Outcome o =
        WholeFileProblemsTest.run(
            "run", "--input", root + "/in", "--out", root + "/out", "--as-of", "2025-06-30");

    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out()
            .contains("read       13 = accepted        6 + rejected      6 + duplicate     1  ok"),
        o.out());
    assertTrue(o.out().contains("Outputs in " + root + "/out:"), o.out());
    Path out = backing.resolve("out");
    assertFalse(
        Files.exists(out.resolve("left-over.txt")), "the previous output was replaced as a whole");
    for (String f :
        List.of(
            "run.json",
            "rejects.csv",
            "report.html",
            "publish/case-study.html",
            "charts",
            "publish/case_study_cells.csv",
            "case_study_cells/_SUCCESS",
            "stats/_SUCCESS",
            "sessions/_SUCCESS",
            "rejects/_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f + " is written");
    }
    assertFalse(Files.exists(out.resolve("_staging")), "intermediate tables removed");
    String manifest = Files.readString(out.resolve("run.json"));
    assertTrue(manifest.contains("\"path\" : \"" + root + "/in/sessions.csv\""), manifest);
    try (Stream<Path> s = Files.list(backing)) {
      assertEquals(
          List.of("in", "out"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary or old folder is left beside the output");
    }
  }

  @Test
  void missingInputFolderOnAnotherFileSystem() {
    String root = mount("missing" + Math.abs(tmp.hashCode()), tmp);
    Outcome o =
        WholeFileProblemsTest.run(
            "run", "--input", root + "/nowhere", "--out", tmp.resolve("out").toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains(root + "/nowhere: the input folder does not exist"), o.err());
  }

  @Test
  void missingFileNamedAsGiven() throws IOException {
    Path in = TestFiles.copyFixture("contract", tmp.resolve("in"));
    Files.delete(in.resolve("pain_scores.csv"));
    Outcome o =
        WholeFileProblemsTest.run(
            "run", "--input", "file://" + in, "--out", tmp.resolve("out").toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err().contains("file://" + in + "/pain_scores.csv: the required file is missing"),
        o.err());
  }

  @Test
  void unknownSchemeIsABadOption() {
    Outcome in =
        WholeFileProblemsTest.run(
            "run", "--input", "nosuchfs://host/in", "--out", tmp.resolve("out").toString());
    assertEquals(2, in.code(), in.err());
    assertTrue(
        in.err().contains("nosuchfs://host/in: the input folder cannot be reached"), in.err());
    assertFalse(in.err().contains("\tat "), in.err());

    Path input = TestFiles.copyFixture("contract", tmp.resolve("in"));
    Outcome out =
        WholeFileProblemsTest.run(
            "run", "--input", input.toString(), "--out", "nosuchfs://host/out");
    assertEquals(2, out.code(), out.err());
    assertTrue(out.err().contains("--out nosuchfs://host/out"), out.err());
  }
}
