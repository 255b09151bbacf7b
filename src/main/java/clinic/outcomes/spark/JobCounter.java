package clinic.outcomes.spark;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs a run starts (reported per stage in run.json: fewer jobs, less fixed cost).
 */
public final class JobCounter extends SparkListener {
  private final AtomicInteger jobs = new AtomicInteger();
  private final AtomicLong tasksSubmitted = new AtomicLong();
  private final AtomicLong tasksEnded = new AtomicLong();

  /** Registers a new counter on the session's context. */
  public static JobCounter attach(SparkSession spark) {
    JobCounter c = new JobCounter();
    spark.sparkContext().addSparkListener(c);
    return c;
  }

  /** Removes it again. */
  public void detach(SparkSession spark) {
    spark.sparkContext().removeSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stage) {
    tasksSubmitted.addAndGet(stage.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    tasksEnded.incrementAndGet();
  }

  /** Spark tasks ended and submitted so far (for progress within a stage): {ended, submitted}. */
  public long[] tasks() {
    return new long[] {tasksEnded.get(), tasksSubmitted.get()};
  }

  /** Jobs started so far. */
  public int jobs() {
    return jobs.get();
  }
}
