package clinic.outcomes.pipeline;

import clinic.outcomes.spark.Work;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints stage-by-stage progress and keeps the wall time of each stage for the manifest. Within a
 * long stage it shows how many of the Spark tasks submitted so far have ended: on a terminal as a
 * bar redrawn in place every second; otherwise as a plain line every {@link #PLAIN_EVERY_SECONDS}
 * seconds, so that a log is not flooded.
 */
public final class Progress {
  /** A non-terminal log gets a progress line this often, and only in stages that run this long. */
  static final int PLAIN_EVERY_SECONDS = 10;

  private static final int BAR = 20;

  private final PrintStream out;
  private final boolean terminal;
  private Supplier<long[]> tasks;
  private ScheduledExecutorService ticker;
  private ScheduledFuture<?> tick;
  private long[] tasksAtStart = {0, 0};
  private boolean lineBroken;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Work> work = new LinkedHashMap<>();
  private Supplier<Work> workCounter = () -> new Work(0, 0, 0, 0, 0, 0);
  private Work workAtStart;
  private final long started = System.nanoTime();
  private String current;
  private long currentStart;

  public Progress(PrintStream out) {
    this(out, false);
  }

  /**
   * @param out where progress goes
   * @param terminal whether {@code out} is a terminal (a bar redrawn in place) or a log (plain
   *     lines)
   */
  public Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows progress within a stage from {@code counter}: Spark tasks {ended, submitted} so far. */
  public void tasksWith(Supplier<long[]> counter) {
    this.tasks = counter;
  }

  /** Starts a stage (ending the previous one). */
  public synchronized void stage(String name) {
    end();
    current = name;
    currentStart = System.nanoTime();
    workAtStart = workCounter.get();
    lineBroken = false;
    out.printf(Locale.ROOT, "  %-28s", name + " ...");
    out.flush();
    if (tasks != null) {
      tasksAtStart = tasks.get();
      if (ticker == null) {
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "outcomes-progress");
                  t.setDaemon(true);
                  return t;
                });
      }
      int every = terminal ? 1 : PLAIN_EVERY_SECONDS;
      tick = ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.SECONDS);
    }
  }

  /** Ends the current stage with an optional detail. */
  public synchronized void done(String detail) {
    if (tick != null) {
      tick.cancel(false);
      tick = null;
    }
    double s = (System.nanoTime() - currentStart) / 1e9;
    seconds.put(current, s);
    work.put(current, workCounter.get().minus(workAtStart));
    String d = detail == null ? "" : detail;
    if (terminal) {
      out.printf(Locale.ROOT, "\r  %-28s %5.1f s  %s\033[K%n", current + " ...", s, d);
    } else if (lineBroken) {
      out.printf(Locale.ROOT, "  %-28s %5.1f s  %s%n", current + " done", s, d);
    } else {
      out.printf(Locale.ROOT, " %5.1f s  %s%n", s, d);
    }
    current = null;
  }

  /** One progress update of the current stage. */
  synchronized void tick() {
    if (current == null || tasks == null) {
      return;
    }
    long[] now = tasks.get();
    long ended = now[0] - tasksAtStart[0];
    long submitted = now[1] - tasksAtStart[1];
    double s = (System.nanoTime() - currentStart) / 1e9;
    if (submitted <= 0) {
      return;
    }
    int pct = (int) Math.min(100, 100 * ended / submitted);
    if (terminal) {
      int filled = pct * BAR / 100;
      out.printf(
          Locale.ROOT,
          "\r  %-28s [%s%s] %3d %% of %d Spark tasks, %.0f s",
          current + " ...",
          "#".repeat(filled),
          " ".repeat(BAR - filled),
          pct,
          submitted,
          s);
    } else {
      out.printf(
          Locale.ROOT,
          "%s    %s: %d of %d Spark tasks done (%d %%) after %.0f s%n",
          lineBroken ? "" : "\n",
          current,
          ended,
          submitted,
          pct,
          s);
      lineBroken = true;
    }
    out.flush();
  }

  private void end() {
    if (current != null) {
      done(null);
    }
  }

  /** Counts Spark jobs, tasks and CPU time per stage with {@code counter} (all so far). */
  public void countWorkWith(Supplier<Work> counter) {
    this.workCounter = counter;
  }

  /** Spark jobs started per stage. */
  public Map<String, Integer> jobs() {
    Map<String, Integer> jobs = new LinkedHashMap<>();
    work.forEach((stage, w) -> jobs.put(stage, w.jobs()));
    return jobs;
  }

  /** The work of each stage: jobs, tasks by where they ran, CPU time. */
  public Map<String, Work> work() {
    return new LinkedHashMap<>(work);
  }

  /** Stage timings in seconds, in order, plus {@code total}. */
  public Map<String, Double> timings() {
    end();
    Map<String, Double> t = new LinkedHashMap<>(seconds);
    t.put("total", (System.nanoTime() - started) / 1e9);
    return t;
  }
}
