package clinic.outcomes.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * One task's staging file, written under a name of its own attempt ({@code _attempt-*}, which
 * Spark's reader skips) and renamed into place when complete: a retried or speculative attempt
 * never leaves a half-written part, and the attempts of one piece write identical rows.
 */
final class StagingPart {
  private final Path target;
  private final Path attempt;
  private final FileSystem fs;

  StagingPart(Path target, Configuration conf) {
    this.target = target;
    TaskContext task = TaskContext.get();
    long id = task == null ? 0 : task.taskAttemptId();
    this.attempt = new Path(target.getParent(), "_attempt-" + id + "-" + target.getName());
    try {
      this.fs = target.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the staging folder " + target.getParent(), e);
    }
  }

  /** Where the attempt writes. */
  Path attempt() {
    return attempt;
  }

  /** Moves the complete attempt into place (replacing an earlier attempt's file). */
  void commit() {
    try {
      fs.delete(target, false);
      if (!fs.rename(attempt, target) && !fs.exists(target)) {
        throw new IOException("rename of " + attempt + " failed");
      }
      fs.delete(attempt, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the staging file into place: " + target, e);
    }
  }
}
