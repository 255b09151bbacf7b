package clinic.outcomes.report;

import clinic.outcomes.core.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built figures for the case study, without Spark: the counts of each table are chosen by the
 * test (course responders by technique and measure, adverse events per session by technique), the
 * rest is filled in consistently (groups and totals are the sums of their parts).
 */
final class CaseStudyData {
  /** The specialized techniques of the default settings; the reference is {@code swedish}. */
  static final List<String> SPECIALIZED =
      List.of("deep_tissue", "trigger_point", "myofascial_release");

  static final List<String> TECHNIQUES =
      List.of("deep_tissue", "trigger_point", "myofascial_release", "swedish");

  private final List<StatRow> stats = new ArrayList<>();
  private final List<SafetyRow> safety = new ArrayList<>();
  private final List<MonthRow> months = new ArrayList<>();
  private long sessions;

  /** Course episodes and responders of one measure, by technique (in {@link #TECHNIQUES} order). */
  CaseStudyData course(String measure, long[] n, long[] resp) {
    long sn = 0;
    long sr = 0;
    for (int i = 0; i < TECHNIQUES.size(); i++) {
      stats.add(stat("course", measure, "technique", TECHNIQUES.get(i), n[i], resp[i]));
      if (i < 3) {
        sn += n[i];
        sr += resp[i];
      }
    }
    stats.add(stat("course", measure, "technique_group", "specialized", sn, sr));
    stats.add(stat("course", measure, "overall", "all", sn + n[3], sr + resp[3]));
    stats.add(
        new StatRow(
            "followup",
            measure,
            "overall",
            "all",
            (sn + n[3]) / 2,
            (sn + n[3]) - (sn + n[3]) / 2,
            false,
            new Interval(1.2, 0.8, 1.6),
            null,
            null,
            null,
            null,
            1.0,
            none(),
            none(),
            none(),
            0.5));
    stats.add(
        new StatRow(
            "followup_worst_case",
            measure,
            "overall",
            "all",
            sn + n[3],
            0L,
            false,
            new Interval(0.6, 0.4, 0.8),
            null,
            null,
            null,
            null,
            1.0,
            none(),
            none(),
            none(),
            null));
    if (measure.equals("nrs_pain")) {
      long total = sn + n[3];
      long totalResp = sr + resp[3];
      long[] bn = {total / 4, total / 4, total / 4, total - 3 * (total / 4)};
      long[] br = {totalResp / 4, totalResp / 4, totalResp / 4, totalResp - 3 * (totalResp / 4)};
      String[] buckets = {"1", "2-3", "4-6", "7+"};
      for (int i = 0; i < 4; i++) {
        stats.add(stat("course", measure, "session_bucket", buckets[i], bn[i], br[i]));
      }
      String[] m = {"2025-01", "2025-04", "2025-07", "2025-10"};
      for (int i = 0; i < 4; i++) {
        stats.add(stat("course", measure, "month", m[i], bn[i], br[i]));
        months.add(new MonthRow(m[i], 300L, 40L, 10L, 10L, 1.0, 1.5, 0.5, 0.1));
        sessions += 300;
      }
      for (String t : TECHNIQUES) {
        for (int v = 1; v <= 3; v++) {
          stats.add(
              new StatRow(
                  "trajectory",
                  measure,
                  "technique\u00d7session_number",
                  t + "|" + v,
                  40,
                  0L,
                  false,
                  new Interval(0.5 * v, 0.3 * v, 0.7 * v),
                  null,
                  null,
                  null,
                  null,
                  1.0,
                  none(),
                  none(),
                  none(),
                  null));
        }
      }
    }
    return this;
  }

  /**
   * Sessions recording adverse events and sessions with each event, by technique ({@link
   * #TECHNIQUES} order).
   */
  CaseStudyData safety(long[] n, Map<String, long[]> events) {
    Map<String, long[]> all = new LinkedHashMap<>(events);
    long[] any = new long[TECHNIQUES.size()];
    events
        .values()
        .forEach(
            e -> {
              for (int i = 0; i < any.length; i++) {
                any[i] += e[i];
              }
            });
    all.put("any", any);
    all.forEach(
        (event, counts) -> {
          long sn = 0;
          long se = 0;
          for (int i = 0; i < TECHNIQUES.size(); i++) {
            safety.add(safetyRow("session", TECHNIQUES.get(i), event, n[i], counts[i]));
            if (i < 3) {
              sn += n[i];
              se += counts[i];
            }
          }
          safety.add(safetyRow("session", "specialized", event, sn, se));
          safety.add(safetyRow("session", "all", event, sn + n[3], se + counts[3]));
        });
    for (int i = 0; i < TECHNIQUES.size(); i++) {
      safety.add(
          safetyRow("episode", TECHNIQUES.get(i), "any", n[i] / 5, Math.min(any[i], n[i] / 5)));
    }
    return this;
  }

  ReportData data() {
    ClaimRow claim =
        new ClaimRow(
            "pain_reduction",
            "Specialized massage reduces pain",
            "mean_change",
            new Interval(1.5, 1.2, 1.8),
            0.99,
            200L,
            ">=",
            1.0,
            10L,
            "supported",
            "Pain fell by 1.5 points.");
    return new ReportData(
        stats,
        List.of(),
        List.of(),
        safety,
        months,
        List.of(claim),
        true,
        Map.of(),
        sessions,
        sessions / 8,
        sessions / 6,
        List.of(),
        Registry.EMPTY);
  }

  /**
   * Renders the case study into {@code dir} as the report stage would; the page's refusal or null.
   */
  static String render(ReportData data, Path dir) throws IOException {
    CaseStudy.Page page = new CaseStudy(data, Settings.defaults()).render(dir.resolve("charts"));
    CaseStudyCells.csv(dir.resolve("case_study_cells.csv"), page.cells());
    if (page.html() != null) {
      Files.writeString(dir.resolve("case-study.html"), page.html(), StandardCharsets.UTF_8);
    }
    return page.refusal();
  }

  private static StatRow stat(
      String analysis, String measure, String groupBy, String group, long n, long resp) {
    double rate = n == 0 ? 0 : (double) resp / n;
    return new StatRow(
        analysis,
        measure,
        groupBy,
        group,
        n,
        0L,
        n < 10,
        new Interval(1.5, 1.0, 2.0),
        1.5,
        0.01,
        0.01,
        0.8,
        1.0,
        new StatRow.Responders(
            n, resp, new Interval(rate, Math.max(0, rate - 0.1), Math.min(1, rate + 0.1))),
        none(),
        none(),
        null);
  }

  private static StatRow.Responders none() {
    return new StatRow.Responders(null, null, Interval.NONE);
  }

  private static SafetyRow safetyRow(
      String unit, String technique, String event, long n, long events) {
    double rate = n == 0 ? 0 : (double) events / n;
    return new SafetyRow(
        unit,
        technique,
        event,
        n,
        events,
        new Interval(rate, Math.max(0, rate - 0.02), Math.min(1, rate + 0.02)));
  }
}
