package clinic.outcomes;

import clinic.outcomes.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test suite (local[2], 127.0.0.1, scratch under target/). */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      try {
        Path scratch = Files.createDirectories(Path.of("target", "spark-scratch"));
        session = Sparks.session("local[2]", scratch);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return session;
  }
}
