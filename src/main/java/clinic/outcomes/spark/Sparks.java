package clinic.outcomes.spark;

import clinic.outcomes.core.SettingsException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;

/** Creates the SparkSession of a run: embedded {@code local[*]} unless a master is given. */
public final class Sparks {
  private Sparks() {}

  /**
   * Returns a session for the given master. When {@code master} is null and the JVM was not started
   * by {@code spark-submit} (no {@code spark.master} property), the session runs embedded as {@code
   * local[*]} bound to 127.0.0.1 with its scratch files under {@code scratchDir}. Under {@code
   * spark-submit} a null {@code master} keeps the one it gave.
   */
  public static SparkSession session(String master, Path scratchDir) {
    return session(master, scratchDir, List.of());
  }

  /**
   * As {@link #session(String, Path)}, then the user's Spark settings ({@code --conf key=value}, as
   * spark-submit takes them), which win over this project's defaults.
   *
   * @throws SettingsException when an entry is not {@code key=value}, before Spark starts
   */
  public static SparkSession session(String master, Path scratchDir, List<String> conf) {
    Map<String, String> settings = conf(conf);
    SparkSession.Builder b = SparkSession.builder().appName("outcomes");
    String effective = master != null ? master : System.getProperty("spark.master");
    boolean local = effective == null || effective.startsWith("local");
    if (effective == null) {
      effective = "local[*]";
    }
    b.master(effective);
    if (local) {
      b.config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          // chmod without a process per file (LocalFiles); a cluster's executors keep Hadoop's
          .config("spark.hadoop." + LocalFiles.SETTING, LocalFiles.class.getName())
          // Adaptive execution splits every shuffle into a job of its own: on one machine with
          // the partition count set below it doubled the job count (166 -> 85) for no gain.
          .config(
              "spark.sql.adaptive.enabled",
              System.getProperty("spark.sql.adaptive.enabled", "false"))
          .config(
              "spark.sql.shuffle.partitions",
              Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
      if (scratchDir != null) {
        b.config("spark.local.dir", scratchDir.toAbsolutePath().toString());
      }
    }
    if (!local && System.getProperty("spark.master") == null) {
      // The launcher itself is the driver of a cluster run (--master): unlike spark-submit, nothing
      // ships this project's classes to the executors, so name the jar that holds them.
      String jar = applicationJar();
      if (jar != null) {
        b.config("spark.jars", jar);
      }
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.compression.codec", "snappy")
        .config("spark.sql.maxPlanStringLength", "200000")
        // Dates come back as java.time.LocalDate (java.sql.Date needs JDK-internal access on Java
        // 17).
        .config("spark.sql.datetime.java8API.enabled", "true")
        // Undefined ratios (0/0) become null, never an error: statistics report them as null.
        .config("spark.sql.ansi.enabled", "false");
    settings.forEach(b::config);
    return b.getOrCreate();
  }

  /** The {@code key=value} entries of {@code --conf}, in order; a later key wins. */
  public static Map<String, String> conf(List<String> entries) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || e.substring(0, eq).isBlank()) {
        throw new SettingsException(
            "--conf takes KEY=VALUE (e.g. --conf spark.sql.shuffle.partitions=48), not '"
                + e
                + "'");
      }
      m.put(e.substring(0, eq).strip(), e.substring(eq + 1));
    }
    return m;
  }

  /**
   * The jar for executors when the launcher drives a cluster: {@code outcomes-spark-submit.jar}
   * (the project with its non-Spark dependencies) beside the jar this class was loaded from, else
   * that jar itself; null when the classes do not come from a jar (an IDE, the test suite).
   */
  static String applicationJar() {
    try {
      java.security.CodeSource source = Sparks.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path jar = Path.of(source.getLocation().toURI());
      if (!jar.getFileName().toString().endsWith(".jar")) {
        return null;
      }
      Path full = jar.resolveSibling("outcomes-spark-submit.jar");
      return (java.nio.file.Files.isRegularFile(full) ? full : jar).toAbsolutePath().toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  /**
   * Cancels every job and waits (up to {@code maxMillis}) until no task runs any more. A failed
   * job's other tasks are killed asynchronously and may still be writing into the run's temporary
   * folder; deleting the folder before they stop lets a late write create it again.
   *
   * @return whether every task stopped in time
   */
  public static boolean quiesce(SparkSession spark, long maxMillis) {
    SparkContext sc = spark.sparkContext();
    sc.cancelAllJobs();
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      int running = 0;
      for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
        running += e.numRunningTasks();
      }
      if (running == 0 && sc.statusTracker().getActiveStageIds().length == 0) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /**
   * Runs the map stage of the nearest shuffle in {@code rdd}'s lineage now, in a Spark job of its
   * own: a later job over {@code rdd} reads the shuffle's files (Spark skips the map stage it finds
   * done).
   */
  public static void runMapStage(RDD<?> rdd, String description) {
    ShuffleDependency<?, ?, ?> dep = shuffle(rdd);
    if (dep == null) {
      throw new IllegalStateException("no shuffle to run in " + rdd);
    }
    rdd.context().setJobDescription(description);
    try {
      rdd.context().submitMapStage(dep).get();
    } catch (SparkException e) {
      // As any other Spark action throws it (undeclared): the run's error handling reads it.
      throw Sparks.<RuntimeException>undeclared(e);
    } finally {
      rdd.context().setJobDescription(null);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E undeclared(Throwable e) throws E {
    throw (E) e;
  }

  /** The nearest shuffle in {@code rdd}'s lineage, or null. */
  private static ShuffleDependency<?, ?, ?> shuffle(RDD<?> rdd) {
    for (Dependency<?> d : scala.jdk.javaapi.CollectionConverters.asJava(rdd.dependencies())) {
      if (d instanceof ShuffleDependency<?, ?, ?> s) {
        return s;
      }
      ShuffleDependency<?, ?, ?> deeper = shuffle(d.rdd());
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }
}
