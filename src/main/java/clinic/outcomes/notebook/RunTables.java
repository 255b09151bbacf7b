package clinic.outcomes.notebook;

import clinic.outcomes.core.Technique;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * A finished run folder as the notebooks see it: its Parquet tables read with {@link ParquetTables}
 * (no Spark) and its manifest {@code run.json}.
 *
 * <p>Which folder: {@link #open()} takes the environment variable {@value #ENV} when it is set,
 * else the nearest {@code out/} that holds a {@code run.json}, from the working folder upwards
 * (Jupyter runs a notebook in {@code notebooks/}, so that is the project's {@code out/}).
 */
public final class RunTables {
  /** The environment variable that names the run folder. */
  public static final String ENV = "OUTCOMES_RUN";

  private final Path folder;
  private final Map<String, Table> cache = new HashMap<>();
  private JsonNode manifest;

  private RunTables(Path folder) {
    this.folder = folder;
  }

  /**
   * The run folder named by {@value #ENV}, or the nearest {@code out/} upwards from the working
   * folder.
   *
   * @throws IllegalArgumentException when neither names a finished run (a folder with run.json)
   */
  public static RunTables open() {
    return open(locate(System.getenv(ENV), Path.of("").toAbsolutePath()));
  }

  /**
   * A finished run folder.
   *
   * @throws IllegalArgumentException when {@code folder} has no run.json (no run finished there)
   */
  public static RunTables open(Path folder) {
    Path f = folder.toAbsolutePath().normalize();
    if (!Files.isRegularFile(f.resolve("run.json"))) {
      throw new IllegalArgumentException(
          f + ": is not a finished run (no run.json); make one with ./outcomes run");
    }
    return new RunTables(f);
  }

  /**
   * The folder to open: {@code env} when it is set (relative to {@code cwd}), else the first {@code
   * out/} holding a run.json in {@code cwd} or one of its parents.
   *
   * @throws IllegalArgumentException when there is none
   */
  static Path locate(String env, Path cwd) {
    if (env != null && !env.isBlank()) {
      return cwd.resolve(env.strip());
    }
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("out").resolve("run.json"))) {
        return p.resolve("out");
      }
    }
    throw new IllegalArgumentException(
        "no run folder: set "
            + ENV
            + " or make out/ with ./outcomes run (looked in "
            + cwd
            + " and its parents)");
  }

  /** The run folder (absolute). */
  public Path folder() {
    return folder;
  }

  /** The tables of the run (Parquet folders written completely, with {@code _SUCCESS}), by name. */
  public List<String> names() {
    try (Stream<Path> s = Files.list(folder)) {
      List<String> names = new ArrayList<>();
      s.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("_SUCCESS")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .forEach(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /**
   * Table {@code name} ({@code stats}, {@code episodes}, ...), read once and then returned from a
   * cache: a copy, so that a notebook may change it freely.
   *
   * @throws IllegalArgumentException when the run has no such table
   */
  public Table table(String name) {
    Table t = cache.get(name);
    if (t == null) {
      Path p = folder.resolve(name);
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException("the run has no table " + name + "; it has " + names());
      }
      t = ParquetTables.read(p);
      cache.put(name, t);
    }
    return t.copy();
  }

  /** Row counts of every table, in name order. */
  public Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String n : names()) {
      counts.put(n, table(n).rowCount());
    }
    return counts;
  }

  /** The run manifest {@code run.json}. */
  public JsonNode manifest() {
    if (manifest == null) {
      try {
        manifest = new ObjectMapper().readTree(folder.resolve("run.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + folder.resolve("run.json"), e);
      }
    }
    return manifest;
  }

  /** The run's smallest publishable count ({@code settings.min_cell_size}, 11 when absent). */
  public int minCellSize() {
    return manifest().path("settings").path("min_cell_size").asInt(11);
  }

  /** The run's reference technique ({@code settings.reference_technique}, swedish when absent). */
  public String referenceTechnique() {
    return manifest().path("settings").path("reference_technique").asText(Technique.SWEDISH.code());
  }

  /** The run's technique groups ({@code settings.technique_groups}): group to member techniques. */
  public Map<String, List<String>> techniqueGroups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    manifest()
        .path("settings")
        .path("technique_groups")
        .properties()
        .forEach(
            e -> {
              List<String> members = new ArrayList<>();
              e.getValue().forEach(m -> members.add(m.asText()));
              groups.put(e.getKey(), List.copyOf(members));
            });
    return groups;
  }
}
