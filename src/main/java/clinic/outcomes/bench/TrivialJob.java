package clinic.outcomes.bench;

import clinic.outcomes.spark.Sparks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's yardstick: the cheapest complete Spark job, cold. It starts an embedded session
 * the way a run does and counts the rows of one small CSV file, then prints the wall seconds.
 * {@code bench/run} times it in a fresh JVM next to the pipeline.
 */
public final class TrivialJob {
  private TrivialJob() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Path scratch = Files.createTempDirectory("outcomes-trivial");
    SparkSession spark = Sparks.session(null, scratch);
    spark.sparkContext().setLogLevel("ERROR");
    long rows = spark.read().option("header", "true").csv(args[0]).count();
    spark.stop();
    System.out.printf(
        "trivial job: %d rows counted in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
  }
}
