package clinic.outcomes.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints stage-by-stage progress and keeps the wall time of each stage for the manifest. */
public final class Progress {
  private final PrintStream out;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Integer> jobs = new LinkedHashMap<>();
  private java.util.function.IntSupplier jobCounter = () -> 0;
  private int currentJobs;
  private final long started = System.nanoTime();
  private String current;
  private long currentStart;

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** Starts a stage (ending the previous one). */
  public void stage(String name) {
    end();
    current = name;
    currentStart = System.nanoTime();
    currentJobs = jobCounter.getAsInt();
    out.printf(Locale.ROOT, "  %-28s", name + " ...");
    out.flush();
  }

  /** Ends the current stage with an optional detail. */
  public void done(String detail) {
    double s = (System.nanoTime() - currentStart) / 1e9;
    seconds.put(current, s);
    jobs.put(current, jobCounter.getAsInt() - currentJobs);
    out.printf(Locale.ROOT, " %5.1f s  %s%n", s, detail == null ? "" : detail);
    current = null;
  }

  private void end() {
    if (current != null) {
      done(null);
    }
  }

  /** Counts Spark jobs per stage with {@code counter} (jobs started so far). */
  public void countJobsWith(java.util.function.IntSupplier counter) {
    this.jobCounter = counter;
  }

  /** Spark jobs started per stage. */
  public Map<String, Integer> jobs() {
    return new LinkedHashMap<>(jobs);
  }

  /** Stage timings in seconds, in order, plus {@code total}. */
  public Map<String, Double> timings() {
    end();
    Map<String, Double> t = new LinkedHashMap<>(seconds);
    t.put("total", (System.nanoTime() - started) / 1e9);
    return t;
  }
}
