package clinic.outcomes.spark;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs a run starts (reported per stage in run.json: fewer jobs, less fixed cost)
 * and where its tasks ran, with their CPU time ({@link Work}, run.json's {@code work}).
 */
public final class JobCounter extends SparkListener {
  private final AtomicInteger jobs = new AtomicInteger();
  private final AtomicLong tasksSubmitted = new AtomicLong();
  private final AtomicLong tasksEnded = new AtomicLong();
  private final AtomicLong tasksOnDriver = new AtomicLong();
  private final AtomicLong tasksOnExecutors = new AtomicLong();
  private final AtomicLong driverTaskCpu = new AtomicLong();
  private final AtomicLong executorTaskCpu = new AtomicLong();

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
    // In local mode every task runs in the driver's JVM, whose executor is called "driver".
    boolean onDriver = DRIVER.equals(task.taskInfo().executorId());
    (onDriver ? tasksOnDriver : tasksOnExecutors).incrementAndGet();
    TaskMetrics m = task.taskMetrics();
    if (m != null) {
      (onDriver ? driverTaskCpu : executorTaskCpu).addAndGet(m.executorCpuTime());
    }
  }

  /** The work counted so far (tasks are counted as Spark reports their end). */
  public Work work() {
    return new Work(
        jobs.get(),
        tasksOnDriver.get(),
        tasksOnExecutors.get(),
        driverTaskCpu.get(),
        executorTaskCpu.get(),
        processCpuNanos());
  }

  /** CPU time of this JVM, every thread; 0 where the JVM does not say. */
  public static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  /** Spark's name of the executor inside the driver (SparkContext.DRIVER_IDENTIFIER). */
  private static final String DRIVER = "driver";

  /** Spark tasks ended and submitted so far (for progress within a stage): {ended, submitted}. */
  public long[] tasks() {
    return new long[] {tasksEnded.get(), tasksSubmitted.get()};
  }

  /** Jobs started so far. */
  public int jobs() {
    return jobs.get();
  }
}
