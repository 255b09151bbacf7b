package clinic.outcomes.cli;

import clinic.outcomes.generate.Generator;
import clinic.outcomes.generate.GeneratorSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcomes generate}: synthetic, anonymized input with known true effects
 * (docs/generator.md).
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Writes synthetic sessions.csv, pain_scores.csv and clients.csv with documented true effects.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--clients", required = true, description = "Number of clients.")
  int clients;

  @Option(
      names = "--seed",
      defaultValue = "20260101",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write (created).")
  Path out;

  @Option(
      names = "--start",
      defaultValue = "2024-01-01",
      description = "First session date (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--end",
      defaultValue = "2025-12-31",
      description = "Last date of any row (default: ${DEFAULT-VALUE}).")
  LocalDate end;

  @Option(
      names = "--bad-rows",
      description = "Append a handful of realistic bad rows (as in sample-data/).")
  boolean badRows;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    var summary =
        Generator.generate(new GeneratorSettings(clients, seed, start, end, badRows), out);
    System.out.printf(
        java.util.Locale.ROOT,
        "generated %d clients, %d episodes, %d sessions, %d scores, %d bad rows in %.1f s into %s%n",
        summary.clients(),
        summary.episodes(),
        summary.sessions(),
        summary.scores(),
        summary.badRows(),
        (System.nanoTime() - t0) / 1e9,
        out);
    if (badRows) {
      System.out.println("expected rejects (file:line reasons):");
      summary
          .expectedRejects()
          .forEach(
              b ->
                  System.out.println(
                      "  " + b.file() + ":" + b.line() + " " + b.outcome() + " " + b.reasons()));
    }
    return 0;
  }
}
