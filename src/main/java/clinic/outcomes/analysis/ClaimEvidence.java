package clinic.outcomes.analysis;

import clinic.outcomes.claims.Claim;
import clinic.outcomes.claims.Evidence;
import clinic.outcomes.claims.EvidenceSource;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.stats.EpisodeSlopes;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.KaplanMeier;
import clinic.outcomes.stats.Ols;
import clinic.outcomes.stats.PairedStats;
import clinic.outcomes.stats.RiskDifference;
import clinic.outcomes.stats.TwoSample;
import clinic.outcomes.stats.Wilson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Answers a claim from the run's sufficient statistics at any confidence level, so that the claims
 * of one file can be judged on Bonferroni-widened intervals (the tables hold 95 %). Every estimate
 * is recomputed by the same pure statistics that fill the tables.
 *
 * <p>{@code n} is episodes for paired statistics and rates per episode, sessions for rates per
 * session, and for a two-group difference the smaller of the two groups (both must be large enough
 * for the claim's minimum).
 */
public final class ClaimEvidence implements EvidenceSource {
  private static final Evidence NONE = new Evidence(null, null, null, 0);

  private final Settings settings;
  private final Map<GroupKey, Histogram> histograms;
  private final Map<GroupKey, Row> statsRows = new HashMap<>();
  private final Map<ModelKey, ModelSpec> models;
  private final Map<ModelKey, Ols.Accumulator> accumulators;
  private final Map<SafetyKey, long[]> safety = new HashMap<>();
  private final PairTotals totals;

  public ClaimEvidence(
      Settings settings,
      StatsStage.Result stats,
      ComparisonStage.Result comparisons,
      List<Row> safetyRows,
      PairTotals totals) {
    this.settings = settings;
    this.totals = totals;
    this.histograms = stats.histograms();
    for (Row r : stats.rows()) {
      statsRows.put(StatsStage.key(r), r);
    }
    this.models = comparisons.models();
    this.accumulators = comparisons.accumulators();
    for (Row r : safetyRows) {
      safety.put(
          new SafetyKey(r.getAs("unit"), r.getAs("technique"), r.getAs("event")),
          new long[] {r.<Long>getAs("n"), r.<Long>getAs("n_events")});
    }
  }

  /** A row of the safety table: the rate's unit (session or episode), technique and event. */
  private record SafetyKey(String unit, String technique, String event) {}

  @Override
  public Evidence evidence(Claim c, double confidence) {
    return switch (c.statistic()) {
      case MEAN_CHANGE -> meanChange(c, confidence);
      case RESPONDER_RATE -> responderRate(c, confidence);
      case WELCH_DIFF -> welch(c, confidence);
      case ANCOVA_DIFF ->
          withN(model(ModelKey.ancova(c.measure(), c.factor()), c.level(), confidence), c);
      case RISK_ADJUSTED_DIFF ->
          model(ModelKey.risk(c.measure(), c.factor()), c.level(), confidence);
      case SLOPE ->
          c.model() == null || ClientHistory.BETWEEN_EPISODES.equals(c.model())
              ? model(ModelKey.dose(c.measure()), null, confidence)
              : withinEpisode(c, confidence);
      case ADVERSE_EVENT_RATE ->
          rate(safety.get(new SafetyKey(c.unit(), c.technique(), c.event())), confidence);
      case SESSIONS_TO_MCID -> sessionsToMcid(c, confidence);
      case HARM_DIFF -> harmDiff(c, confidence);
    };
  }

  /** The Kaplan-Meier median sessions to the MCID, its interval at {@code confidence}. */
  private Evidence sessionsToMcid(Claim c, double confidence) {
    TreeMap<Integer, long[]> counts =
        totals
            .survival()
            .get(new GroupKey(PairTotals.TIME_TO_MCID, c.measure(), c.groupBy(), c.group()));
    if (counts == null) {
      return NONE;
    }
    long[] t = new long[counts.size()];
    long[] ev = new long[t.length];
    long[] cens = new long[t.length];
    int i = 0;
    for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
      t[i] = e.getKey();
      ev[i] = e.getValue()[0];
      cens[i++] = e.getValue()[1];
    }
    KaplanMeier.Curve k = KaplanMeier.fromCounts(t, ev, cens, confidence);
    return new Evidence(k.median(), k.medianCiLow(), k.medianCiHigh(), k.n());
  }

  /**
   * Harm: the difference in the share of episodes with any adverse event, level minus reference.
   */
  private Evidence harmDiff(Claim c, double confidence) {
    String by =
        settings.techniqueGroups().containsKey(c.level())
            ? Groups.TECHNIQUE_GROUP
            : Groups.TECHNIQUE;
    long[] lv = totals.harm().get(new GroupKey(PairTotals.HARM, "any", by, c.level()));
    long[] ref =
        totals
            .harm()
            .get(
                new GroupKey(
                    PairTotals.HARM, "any", Groups.TECHNIQUE, settings.referenceTechnique()));
    if (lv == null || ref == null) {
      return NONE;
    }
    RiskDifference.Difference d = RiskDifference.newcombe(lv[1], lv[0], ref[1], ref[0], confidence);
    return d == null
        ? NONE
        : new Evidence(d.diff(), d.ciLow(), d.ciHigh(), Math.min(lv[0], ref[0]));
  }

  private GroupKey key(Claim c) {
    return new GroupKey(c.analysis(), c.measure(), c.groupBy(), c.group());
  }

  private Evidence meanChange(Claim c, double confidence) {
    Histogram h = histograms.get(key(c));
    if (h == null) {
      return NONE;
    }
    PairedStats s = PairedStats.of(h, confidence);
    return new Evidence(s.meanChange(), s.ciLow(), s.ciHigh(), s.n(), followupRate(c));
  }

  /**
   * The mean of the episodes' within-episode slopes, with its Student t interval (summary
   * measures).
   */
  private Evidence withinEpisode(Claim c, double confidence) {
    Map<Double, Long> h = totals.slopes().get(new PairTotals.SlopeKey(c.model(), c.measure()));
    if (h == null) {
      return NONE;
    }
    EpisodeSlopes.Summary s = EpisodeSlopes.summarize(StatsStage.toHistogram(h), confidence);
    return new Evidence(s.slope(), s.ciLow(), s.ciHigh(), s.n());
  }

  /** The stats row's follow-up rate (completers / eligible) of a follow-up analysis, else null. */
  private Double followupRate(Claim c) {
    Row r = statsRows.get(key(c));
    return r == null || r.isNullAt(r.fieldIndex("followup_rate")) ? null : r.getAs("followup_rate");
  }

  private Evidence responderRate(Claim c, double confidence) {
    Row r = statsRows.get(key(c));
    if (r == null) {
      return NONE;
    }
    Evidence e =
        rate(
            new long[] {r.getAs(c.responder() + "_n"), r.getAs(c.responder() + "_count")},
            confidence);
    return new Evidence(e.estimate(), e.low(), e.high(), e.n(), followupRate(c));
  }

  private static Evidence rate(long[] nk, double confidence) {
    if (nk == null || nk[0] == 0) {
      return NONE;
    }
    Wilson.Interval ci = Wilson.interval(nk[1], nk[0], confidence);
    return new Evidence((double) nk[1] / nk[0], ci.low(), ci.high(), nk[0]);
  }

  private String reference(String factor) {
    return new ComparisonModels(settings).reference(factor);
  }

  /** The baseline-adjusted difference's n: the smaller of the two compared groups, as for Welch. */
  private Evidence withN(Evidence e, Claim c) {
    Evidence w = welch(c, 0.95);
    return w == NONE ? e : new Evidence(e.estimate(), e.low(), e.high(), w.n());
  }

  private Evidence welch(Claim c, double confidence) {
    String refGroupBy = "adherence".equals(c.factor()) ? Groups.ADHERENCE : Groups.TECHNIQUE;
    Histogram lv =
        histograms.get(
            new GroupKey(
                ClientHistory.COURSE,
                c.measure(),
                ComparisonStage.groupByOf(c.factor()),
                c.level()));
    Histogram ref =
        histograms.get(
            new GroupKey(ClientHistory.COURSE, c.measure(), refGroupBy, reference(c.factor())));
    if (lv == null || ref == null) {
      return NONE;
    }
    TwoSample.Welch w = TwoSample.welch(lv, ref, confidence);
    return new Evidence(w.diff(), w.ciLow(), w.ciHigh(), Math.min(lv.n(), ref.n()));
  }

  /**
   * A coefficient of a regression refitted at {@code confidence}: the level's, or the slope when
   * level is null.
   */
  private Evidence model(ModelKey modelKey, String level, double confidence) {
    ModelSpec spec = models.get(modelKey);
    Ols.Accumulator acc = accumulators.get(modelKey);
    if (spec == null || acc == null) {
      return NONE;
    }
    int j = level == null ? 1 : spec.levels().indexOf(level) + 1;
    if (j == 0) {
      return NONE;
    }
    Ols.Fit fit = Ols.fit(acc, confidence);
    if (fit == null) {
      return new Evidence(null, null, null, acc.n());
    }
    Ols.Coefficient coef = fit.coefficient(j);
    return new Evidence(coef.estimate(), coef.ciLow(), coef.ciHigh(), fit.n());
  }
}
