package clinic.outcomes.cli;

import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.pipeline.Settings;
import clinic.outcomes.pipeline.SettingsException;
import clinic.outcomes.spark.Sparks;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code outcomes run}: the whole pipeline. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole job: validate the input, build episodes, compute outcomes, write the tables.",
      "With no options it reads sample-data/ and writes out/."
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--input", paramLabel = "DIR", description = "Input folder (default: ${DEFAULT-VALUE}).")
  Path input = Path.of("sample-data");

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder, replaced only when the run completes (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out");

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "As-of date: the last valid input date and the reference for open/closed episodes (default: the run date for validity, the latest accepted date for closing).")
  String asOf;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or the one spark-submit gives).")
  String master;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try {
      Settings settings = Settings.defaults();
      if (asOf != null) {
        settings = settings.withAsOf(parseDate("--as-of", asOf));
      }
      RunRequest req = new RunRequest(input, this.out, settings, LocalDate.now());
      out.println("outcomes: reading " + input + " into " + this.out);
      Path scratch = this.out.toAbsolutePath().resolveSibling("." + this.out.getFileName() + ".spark");
      boolean ownSession = SparkSession.getActiveSession().isEmpty();
      SparkSession spark = Sparks.session(master, scratch);
      Pipeline.Result r;
      try {
        r = Pipeline.run(spark, req, out);
      } finally {
        if (ownSession) {
          spark.stop();
          clinic.outcomes.output.RunFolder.deleteTree(scratch);
        }
      }
      printEnd(r, out);
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(e, System.err);
    }
  }

  static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new SettingsException(option + " must be a date YYYY-MM-DD, not '" + value + "'");
    }
  }

  private static void printEnd(Pipeline.Result r, PrintStream out) {
    out.println();
    out.println("Accounting (read = accepted + rejected + duplicate):");
    for (Map.Entry<String, Accounting> e : r.accounting().entrySet()) {
      Accounting a = e.getValue();
      out.printf(Locale.ROOT, "  %-18s read %8d = accepted %8d + rejected %6d + duplicate %5d  %s%n",
          e.getKey(), a.read(), a.accepted(), a.rejected(), a.duplicate(), a.balances() ? "ok" : "DOES NOT BALANCE");
    }
    out.println();
    out.println("As of " + r.asOf() + ". Outputs in " + r.out() + ":");
    r.tableRows().forEach((t, n) -> out.printf(Locale.ROOT, "  %-18s %8d rows%n", t + "/", n));
    out.println("  run.json, rejects.csv");
    out.printf(Locale.ROOT, "Done in %.1f s.%n", r.timings().get("total"));
  }
}
