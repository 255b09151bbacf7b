package clinic.outcomes.cli;

import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.pipeline.Settings;
import clinic.outcomes.pipeline.SettingsException;
import clinic.outcomes.spark.Sparks;
import clinic.outcomes.validate.Validated.Accounting;
import clinic.outcomes.claims.Claim;
import clinic.outcomes.claims.ClaimResult;
import clinic.outcomes.claims.ClaimsFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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

  @Option(names = "--claims", paramLabel = "FILE", description = "Claims file to judge (default: jobs/claims.yaml when it exists; see docs/claims.md).")
  Path claims;

  @Option(names = "--fail-on", paramLabel = "VERDICT", split = ",",
      description = "Exit with code 4 when any claim gets one of these verdicts (contradicted, inconclusive, insufficient_data), e.g. --fail-on contradicted.")
  List<String> failOn = List.of();

  /** Exit code when a claim's verdict is one named by --fail-on. */
  static final int EXIT_CLAIM_FAILED = 4;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try {
      Settings settings = Settings.defaults();
      if (asOf != null) {
        settings = settings.withAsOf(parseDate("--as-of", asOf));
      }
      Set<String> failVerdicts = failVerdicts();
      List<Claim> claimList = loadClaims(settings);
      RunRequest req = new RunRequest(input, this.out, settings, LocalDate.now(), claimList);
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
      List<String> failing = r.claims().stream()
          .filter(c -> failVerdicts.contains(c.verdict().name().toLowerCase(Locale.ROOT)))
          .map(c -> c.claim().id()).toList();
      if (!failing.isEmpty()) {
        System.err.println("outcomes: --fail-on: claims " + failing + " have a verdict in " + failVerdicts);
        return EXIT_CLAIM_FAILED;
      }
      return 0;
    } catch (RuntimeException e) {
      return Errors.report(e, System.err);
    }
  }

  private Set<String> failVerdicts() {
    Set<String> allowed = Set.of("contradicted", "inconclusive", "insufficient_data", "supported");
    Set<String> out = new TreeSet<>();
    for (String v : failOn) {
      String x = v.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(x)) {
        throw new SettingsException("--fail-on: '" + v + "' is not a verdict (one of " + new TreeSet<>(allowed) + ")");
      }
      out.add(x);
    }
    return out;
  }

  /** Loads and checks the claims before any Spark work. */
  private List<Claim> loadClaims(Settings settings) {
    Path file = claims;
    if (file == null) {
      file = Path.of("jobs", "claims.yaml");
      if (!Files.isRegularFile(file)) {
        System.out.println("outcomes: no claims file (jobs/claims.yaml not found); no claims judged");
        return List.of();
      }
    } else if (!Files.isRegularFile(file)) {
      throw new SettingsException("--claims: " + file + " does not exist");
    }
    Set<String> techniques = new TreeSet<>(List.of("deep_tissue", "trigger_point", "myofascial_release", "swedish", "all"));
    techniques.add(settings.referenceTechnique());
    settings.techniqueGroups().forEach((g, members) -> {
      techniques.add(g);
      techniques.addAll(members);
    });
    return ClaimsFile.load(file, techniques);
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
    if (!r.claims().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "Claims (%d, intervals Bonferroni-adjusted to %.2f %% each; observational data, not proof of cause):%n",
          r.claims().size(), 100 * r.claims().get(0).confidence());
      for (ClaimResult c : r.claims()) {
        out.printf(Locale.ROOT, "  %-28s %-18s %s%n", c.claim().id(), c.verdict().name().toLowerCase(Locale.ROOT),
            c.explanation());
      }
    }
    out.println("  run.json, rejects.csv");
    out.printf(Locale.ROOT, "Done in %.1f s.%n", r.timings().get("total"));
  }
}
