package clinic.outcomes.pipeline;

import clinic.outcomes.core.Settings;
import clinic.outcomes.spark.Work;
import clinic.outcomes.stage.StagedFile;
import clinic.outcomes.validate.Validated.Accounting;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code run.json}: inputs with sha256 and row counts, accounting, settings, versions,
 * timings, outputs.
 */
public final class RunManifest {
  private RunManifest() {}

  /**
   * The project version the build wrote into {@code clinic/outcomes/version.properties} (Maven
   * resource filtering), else the jar manifest's Implementation-Version; "unknown" only when the
   * classes were compiled outside Maven.
   */
  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  public static String version() {
    try (InputStream in =
        RunManifest.class.getResourceAsStream("/clinic/outcomes/version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall back to the manifest
    }
    String v = RunManifest.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  public static void write(
      Path file,
      RunRequest req,
      Settings settings,
      List<StagedFile> inputs,
      Map<String, Accounting> accounting,
      Map<String, Long> tables,
      Map<String, Double> timings,
      Map<String, Work> work,
      String sparkVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "outcomes");
    m.put("finished_at", Instant.now().toString());
    Map<String, Object> in = new LinkedHashMap<>();
    for (StagedFile f : inputs) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", f.source());
      e.put("sha256", f.sha256());
      if (f.sha256PieceBytes() > 0) {
        // a list hash: sha256 of the sha256 of each piece of this many bytes (docs/cluster.md)
        e.put("sha256_piece_bytes", f.sha256PieceBytes());
      }
      e.put("rows", f.read());
      e.put("unknown_columns", f.unknownColumns());
      in.put(f.fileName(), e);
    }
    m.put("inputs", in);
    Map<String, Object> acc = new LinkedHashMap<>();
    accounting.forEach(
        (name, a) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("read", a.read());
          e.put("accepted", a.accepted());
          e.put("rejected", a.rejected());
          e.put("duplicate", a.duplicate());
          e.put("balances", a.balances());
          acc.put(name, e);
        });
    m.put("accounting", acc);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("as_of", settings.asOf() == null ? null : settings.asOf().toString());
    s.put("as_of_given", req.settings().asOf() != null);
    s.put("max_input_date", req.maxInputDate().toString());
    s.put("episode_gap_days", settings.episodeGapDays());
    Map<String, Double> mcid = new LinkedHashMap<>();
    settings.mcidTenths().forEach((k, v) -> mcid.put(k, v / 10.0));
    s.put("mcid", mcid);
    s.put("reference_technique", settings.referenceTechnique());
    s.put("technique_groups", settings.techniqueGroups());
    s.put("min_group_n", settings.minGroupN());
    s.put("cohort_sessions", settings.cohortSessions());
    s.put("min_cell_size", settings.minCellSize());
    s.put("followup_horizons", settings.followupHorizons());
    s.put("followup_window_days", settings.followupWindowDays());
    m.put("settings", s);
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("outcomes", version());
    versions.put("spark", sparkVersion);
    versions.put("java", System.getProperty("java.version"));
    m.put("versions", versions);
    m.put("timings_seconds", timings);
    Map<String, Object> jobs = new LinkedHashMap<>();
    Map<String, Object> where = new LinkedHashMap<>();
    work.forEach(
        (stage, w) -> {
          jobs.put(stage, w.jobs());
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("tasks_on_driver", w.tasksOnDriver());
          e.put("tasks_on_executors", w.tasksOnExecutors());
          e.put("task_cpu_s_on_driver", seconds(w.driverTaskCpuNanos()));
          e.put("task_cpu_s_on_executors", seconds(w.executorTaskCpuNanos()));
          e.put("driver_own_cpu_s", seconds(w.driverOwnCpuNanos()));
          where.put(stage, e);
        });
    m.put("spark_jobs", jobs);
    // Where each stage's work ran (docs/cluster.md): on a cluster the parse of the inputs shows as
    // tasks on the executors and the driver's own CPU stays small.
    m.put("work", where);
    m.put("outputs", tables);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
