package clinic.outcomes.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Creates the SparkSession of a run: embedded {@code local[*]} unless a master is given. */
public final class Sparks {
  private Sparks() {}

  /**
   * Returns a session for the given master. When {@code master} is null and the JVM was not
   * started by {@code spark-submit} (no {@code spark.master} property), the session runs embedded
   * as {@code local[*]} bound to 127.0.0.1 with its scratch files under {@code scratchDir}.
   */
  public static SparkSession session(String master, Path scratchDir) {
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
          // Adaptive execution splits every shuffle into a job of its own: on one machine with
          // the partition count set below it doubled the job count (166 -> 85) for no gain.
          .config("spark.sql.adaptive.enabled", System.getProperty("spark.sql.adaptive.enabled", "false"))
          .config("spark.sql.shuffle.partitions", Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
      if (scratchDir != null) {
        b.config("spark.local.dir", scratchDir.toAbsolutePath().toString());
      }
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.compression.codec", "snappy")
        .config("spark.sql.maxPlanStringLength", "200000")
        // A write partitioned by kind keeps a few files open instead of sorting its input first.
        .config("spark.sql.maxConcurrentOutputFileWriters", "8")
        // Dates come back as java.time.LocalDate (java.sql.Date needs JDK-internal access on Java 17).
        .config("spark.sql.datetime.java8API.enabled", "true")
        // Undefined ratios (0/0) become null, never an error: statistics report them as null.
        .config("spark.sql.ansi.enabled", "false");
    return b.getOrCreate();
  }
}
