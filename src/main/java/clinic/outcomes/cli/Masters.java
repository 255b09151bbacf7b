package clinic.outcomes.cli;

import clinic.outcomes.core.EnvironmentException;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.Problems;
import clinic.outcomes.spark.Sparks;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark master: checked before Spark starts, and a session that fails to start told in one
 * sentence.
 */
final class Masters {
  /**
   * The master URLs Spark 4 accepts (its SparkContext.createTaskScheduler and the cluster
   * managers).
   */
  private static final Pattern MASTER =
      Pattern.compile(
          "local"
              + "|local\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\]"
              + "|local-cluster\\[[1-9][0-9]*,\\s*[1-9][0-9]*,\\s*[1-9][0-9]*\\]"
              + "|spark://[^\\s/]+(,[^\\s/]+)*"
              + "|yarn"
              + "|k8s://\\S+");

  static final String FORMS =
      "local, local[N], local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT";

  private Masters() {}

  /**
   * Refuses a master that is no Spark master URL (exit 2), naming where it came from.
   *
   * @param master the master, or null for the default
   * @param source {@code --master}, or the job file's key
   */
  static void check(String master, String source) {
    if (master != null && !MASTER.matcher(master.trim()).matches()) {
      throw new SettingsException(
          source + ": '" + master + "' is not a Spark master URL (one of " + FORMS + ")");
    }
  }

  /** Starts the session; a failure to start is the environment's (exit 1), told in one sentence. */
  static SparkSession start(String master, Path scratch) {
    return start(master, scratch, List.of());
  }

  /**
   * As {@link #start(String, Path)} with the user's Spark settings ({@code --conf KEY=VALUE}); a
   * malformed one is a bad setting (exit 2), refused before Spark starts.
   */
  static SparkSession start(String master, Path scratch, List<String> conf) {
    Sparks.conf(conf);
    try {
      return Sparks.session(master, scratch, conf);
    } catch (RuntimeException e) {
      if (Problems.environment(e) != null) {
        throw e;
      }
      throw new EnvironmentException(
          "Spark did not start"
              + (master != null ? " with --master " + master : "")
              + " ("
              + Problems.reason(e)
              + ")",
          e);
    }
  }
}
