package clinic.outcomes.cli;

import clinic.outcomes.claims.ClaimResult;
import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** What a finished run prints: the accounting per file, the tables, the claims' verdicts. */
final class RunSummary {
  private RunSummary() {}

  static void print(Pipeline.Result r, RunRequest req, PrintStream out) {
    out.println();
    out.println("Accounting (read = accepted + rejected + duplicate):");
    for (Map.Entry<String, Accounting> e : r.accounting().entrySet()) {
      Accounting a = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-18s read %8d = accepted %8d + rejected %6d + duplicate %5d  %s%n",
          e.getKey(),
          a.read(),
          a.accepted(),
          a.rejected(),
          a.duplicate(),
          a.balances() ? "ok" : "DOES NOT BALANCE");
    }
    out.println();
    out.println("As of " + r.asOf() + ". Outputs in " + r.out() + ":");
    r.tableRows().forEach((t, n) -> out.printf(Locale.ROOT, "  %-18s %8d rows%n", t + "/", n));
    if (!r.claims().isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "Claims (%d, intervals Bonferroni-adjusted to %.2f %% each; observational data, not proof of cause):%n",
          r.claims().size(),
          100 * r.claims().get(0).confidence());
      for (ClaimResult c : r.claims()) {
        out.printf(
            Locale.ROOT,
            "  %-28s %-18s %s%n",
            c.claim().id(),
            c.verdict().name().toLowerCase(Locale.ROOT),
            c.explanation());
      }
    }
    boolean reports = r.tableRows().getOrDefault("episode_outcomes", 0L) > 0;
    out.println(
        "  run.json, rejects.csv"
            + (reports && req.monthlyReport() ? ", report.html, charts/" : "")
            + (reports && req.caseStudy() ? ", case_study_cells/" : "")
            + (reports && req.caseStudy() && r.caseStudyRefused() == null
                ? "\n  publish/ (case-study.html, its charts, case_study_cells.csv): the only folder safe to share"
                : ""));
    out.printf(Locale.ROOT, "Done in %.1f s.%n", r.timings().get("total"));
  }
}
