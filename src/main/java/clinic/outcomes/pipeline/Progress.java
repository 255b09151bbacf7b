package clinic.outcomes.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints stage-by-stage progress and keeps the wall time of each stage for the manifest. */
public final class Progress {
  private final PrintStream out;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
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
    out.printf(Locale.ROOT, "  %-28s", name + " ...");
    out.flush();
  }

  /** Ends the current stage with an optional detail. */
  public void done(String detail) {
    double s = (System.nanoTime() - currentStart) / 1e9;
    seconds.put(current, s);
    out.printf(Locale.ROOT, " %5.1f s  %s%n", s, detail == null ? "" : detail);
    current = null;
  }

  private void end() {
    if (current != null) {
      done(null);
    }
  }

  /** Stage timings in seconds, in order, plus {@code total}. */
  public Map<String, Double> timings() {
    end();
    Map<String, Double> t = new LinkedHashMap<>(seconds);
    t.put("total", (System.nanoTime() - started) / 1e9);
    return t;
  }
}
