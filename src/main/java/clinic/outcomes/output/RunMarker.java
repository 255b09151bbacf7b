package clinic.outcomes.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file {@value #NAME} a run writes into its output folder at the commit: the line {@value
 * #HEADER}, then the names of the entries the run wrote. It is how the next run knows the folder as
 * one earlier run's output, which it may replace ({@link OutputGuard}). A folder written before the
 * marker existed is known by its {@code run.json} ({@code "tool": "outcomes"}), its driver files
 * and its Spark tables (folders with {@code _SUCCESS}).
 */
final class RunMarker {
  /** The marker's file name. */
  static final String NAME = ".outcomes-run";

  /** The marker's first line. */
  static final String HEADER = "outcomes-run 1";

  /** What a run may add to its folder after the commit (the job's queries write {@code adhoc/}). */
  static final Set<String> WRITTEN_AFTER_COMMIT = Set.of("adhoc");

  /** The driver's own files in a folder written before the marker existed. */
  private static final Set<String> LEGACY_FILES =
      Set.of("run.json", "rejects.csv", "report.html", "case-study.html", "charts", "adhoc");

  private static final int MAX_BYTES = 1 << 16;

  private RunMarker() {}

  /** The marker's text for a folder holding {@code entries} (names of its top-level entries). */
  static String text(List<String> entries) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append(
        "# The output of one run of outcomes. The next run into this folder replaces it as a\n");
    b.append("# whole, and refuses to if the folder holds anything not listed here.\n");
    new TreeSet<>(entries).forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }

  /**
   * The names of the entries a run wrote into {@code folder} (whose entries are {@code entries}),
   * from its marker or, for an older folder, its run.json; null when no run wrote the folder.
   */
  static Set<String> ownEntries(FileSystem fs, Path folder, List<FileStatus> entries) {
    Set<String> names = new HashSet<>();
    entries.forEach(e -> names.add(e.getPath().getName()));
    if (names.contains(NAME)) {
      List<String> lines = readSmall(fs, new Path(folder, NAME));
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        return null;
      }
      Set<String> own = new HashSet<>(WRITTEN_AFTER_COMMIT);
      own.add(NAME);
      lines.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(own::add);
      return own;
    }
    if (!names.contains("run.json") || !isRunManifest(fs, new Path(folder, "run.json"))) {
      return null;
    }
    Set<String> own = new HashSet<>(LEGACY_FILES);
    for (FileStatus e : entries) {
      if (e.isDirectory()
          && exists(fs, new Path(e.getPath(), "_SUCCESS"))
          && !isRun(fs, e.getPath())) {
        own.add(e.getPath().getName());
      }
    }
    return own;
  }

  /** Tells whether a folder is a run's output (it has a marker or a run.json). */
  static boolean isRun(FileSystem fs, Path folder) {
    return exists(fs, new Path(folder, NAME)) || exists(fs, new Path(folder, "run.json"));
  }

  private static boolean isRunManifest(FileSystem fs, Path runJson) {
    List<String> lines = readSmall(fs, runJson);
    try {
      JsonNode tool = new ObjectMapper().readTree(String.join("\n", lines)).get("tool");
      return tool != null && "outcomes".equals(tool.asText());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> readSmall(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean exists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
