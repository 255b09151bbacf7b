package clinic.outcomes.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Command line: {@code java -cp outcomes.jar clinic.outcomes.generate.GeneratorMain --clients N
 * [--seed S] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--bad-rows] --out DIR}. Prints the summary
 * and the throughput; exit code 2 for bad arguments.
 */
public final class GeneratorMain {

  private GeneratorMain() {}

  /** Runs the generator; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    int clients = -1;
    long seed = 1;
    LocalDate start = GeneratorSettings.DEFAULT_START;
    LocalDate end = GeneratorSettings.DEFAULT_END;
    boolean badRows = false;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--clients" -> clients = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--start" -> start = LocalDate.parse(args[++i]);
          case "--end" -> end = LocalDate.parse(args[++i]);
          case "--bad-rows" -> badRows = true;
          case "--out" -> out = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      if (clients < 0 || out == null) {
        throw new IllegalArgumentException("--clients N and --out DIR are required");
      }
      GeneratorSettings settings = new GeneratorSettings(clients, seed, start, end, badRows);
      long begin = System.nanoTime();
      Summary summary = Generator.generate(settings, out);
      double seconds = (System.nanoTime() - begin) / 1e9;
      System.out.printf(
          "clients=%d episodes=%d sessions=%d scores=%d badRows=%d clamped=%d%n",
          summary.clients(),
          summary.episodes(),
          summary.sessions(),
          summary.scores(),
          summary.badRows(),
          summary.clampedScores());
      System.out.printf(
          "%.1f s, %.0f sessions/s into %s%n", seconds, summary.sessions() / seconds, out);
    } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
      System.err.println("generator: " + e.getMessage());
      System.exit(2);
    }
  }
}
