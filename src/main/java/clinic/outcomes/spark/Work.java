package clinic.outcomes.spark;

/**
 * Where a run's work was done, counted from its start: Spark jobs, Spark tasks by where they ran
 * (the driver's own executor in local mode, or the cluster's executors) with their CPU time, and
 * the CPU time of this JVM (the driver; in local mode it includes the tasks it ran). {@link #minus}
 * gives the work of one stage.
 *
 * @param jobs Spark jobs started
 * @param tasksOnDriver tasks ended that ran in the driver's JVM (local mode)
 * @param tasksOnExecutors tasks ended that ran on an executor of a cluster
 * @param driverTaskCpuNanos CPU time of the tasks that ran in the driver's JVM
 * @param executorTaskCpuNanos CPU time of the tasks that ran on executors
 * @param processCpuNanos CPU time of the driver's JVM (all threads, JIT and GC included)
 */
public record Work(
    int jobs,
    long tasksOnDriver,
    long tasksOnExecutors,
    long driverTaskCpuNanos,
    long executorTaskCpuNanos,
    long processCpuNanos) {

  /** The work done since {@code earlier}. */
  public Work minus(Work earlier) {
    return new Work(
        jobs - earlier.jobs,
        tasksOnDriver - earlier.tasksOnDriver,
        tasksOnExecutors - earlier.tasksOnExecutors,
        driverTaskCpuNanos - earlier.driverTaskCpuNanos,
        executorTaskCpuNanos - earlier.executorTaskCpuNanos,
        processCpuNanos - earlier.processCpuNanos);
  }

  /**
   * CPU time the driver spent on its own work (planning, scheduling, collecting, JIT, GC): the
   * JVM's CPU time less the tasks it ran itself.
   */
  public long driverOwnCpuNanos() {
    return Math.max(0, processCpuNanos - driverTaskCpuNanos);
  }
}
