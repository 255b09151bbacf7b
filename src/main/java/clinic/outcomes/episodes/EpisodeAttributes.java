package clinic.outcomes.episodes;

import clinic.outcomes.core.Adherence;
import clinic.outcomes.core.Measure;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Visit;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grouping attributes of an episode (SPEC "Derived structure" and "Statistics"): primary
 * technique and therapist, session bucket, adherence, baseline band, chronicity and the client's
 * record, and the small rules that name the groups ({@code month}, session-number group, {@code
 * unknown} for a missing value).
 */
public final class EpisodeAttributes {
  private EpisodeAttributes() {}

  /**
   * The episode with its attributes.
   *
   * @param closedBy {@code discharge}, {@code gap} or null (open)
   * @param client the client's record, or null
   */
  static Episode of(
      String episodeId,
      int number,
      List<NumberedVisit> mine,
      LocalDate next,
      String closedBy,
      List<Outcome> outcomes,
      Client client) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    int n = mine.size();
    int yes = 0;
    int recorded = 0;
    for (NumberedVisit v : mine) {
      String hx = v.visit().homeExercise();
      if (hx != null) {
        recorded++;
        if ("yes".equals(hx)) {
          yes++;
        }
      }
    }
    String adherence = Adherence.of(yes, recorded).code();
    Integer nrsBaseline = null;
    for (Outcome o : outcomes) {
      if (Measure.NRS_PAIN.code().equals(o.measure())) {
        nrsBaseline = o.baselineTenths();
      }
    }
    Integer weeks = client == null ? null : client.symptomWeeks();
    return new Episode(
        episodeId,
        number,
        start,
        end,
        n,
        primary(mine, v -> v.technique()),
        primary(mine, v -> v.therapistId()),
        bucket(n),
        adherence,
        next,
        month(end),
        closedBy,
        baselineBand(nrsBaseline),
        client == null ? null : client.condition(),
        weeks,
        client == null ? null : client.ageBand(),
        client == null ? null : client.sex(),
        client != null,
        chronicity(weeks));
  }

  /** The value of most sessions; a tie goes to the value seen first (lowest session number). */
  private static String primary(List<NumberedVisit> mine, Function<Visit, String> f) {
    Map<String, Integer> counts = new LinkedHashMap<>(); // insertion order = first session
    for (NumberedVisit v : mine) {
      counts.merge(f.apply(v.visit()), 1, Integer::sum);
    }
    String best = null;
    int bestN = -1;
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      if (c.getValue() > bestN) {
        best = c.getKey();
        bestN = c.getValue();
      }
    }
    return best;
  }

  /** The first year of {@link #MONTHS}. */
  private static final int FIRST_YEAR = 1900;

  /**
   * {@code YYYY-MM} of the months of 1900 to 2299, each built once when first asked for: a group's
   * name is hashed and compared every time a pair is added under it, and one shared instance hashes
   * once and compares by identity. A race may build one twice; either is a correct value.
   */
  private static final String[] MONTHS = new String[12 * 400];

  /** {@code YYYY-MM} of a date. */
  static String month(LocalDate d) {
    int i = (d.getYear() - FIRST_YEAR) * 12 + d.getMonthValue() - 1;
    if (i < 0 || i >= MONTHS.length) {
      return monthText(d);
    }
    String m = MONTHS[i];
    if (m == null) {
      m = monthText(d);
      MONTHS[i] = m;
    }
    return m;
  }

  private static String monthText(LocalDate d) {
    int m = d.getMonthValue();
    return d.getYear() + (m < 10 ? "-0" : "-") + m;
  }

  static String orUnknown(String v) {
    return v == null ? "unknown" : v;
  }

  /** Session bucket of an episode by its session count: 1, 2-3, 4-6, 7-10, 11+. */
  public static String bucket(int n) {
    return n == 1 ? "1" : n <= 3 ? "2-3" : n <= 6 ? "4-6" : n <= 10 ? "7-10" : "11+";
  }

  private static final String[] SESSION_NUMBER_GROUPS = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"
  };

  /** Session-number group: 1 ... 9, 10+ (constants: see {@link #MONTHS}). */
  public static String sessionNumberGroup(int k) {
    return k >= 10 ? "10+" : k >= 0 ? SESSION_NUMBER_GROUPS[k] : Integer.toString(k);
  }

  /** Baseline band from the nrs_pain baseline in tenths: <= 3 mild, <= 6 moderate, above severe. */
  public static String baselineBand(Integer nrsBaselineTenths) {
    return nrsBaselineTenths == null
        ? "unknown"
        : nrsBaselineTenths <= 30 ? "mild" : nrsBaselineTenths <= 60 ? "moderate" : "severe";
  }

  /** Chronicity from symptom weeks at intake: acute < 6, subacute 6-12, chronic > 12. */
  public static String chronicity(Integer symptomWeeks) {
    return symptomWeeks == null
        ? "unknown"
        : symptomWeeks < 6 ? "acute" : symptomWeeks <= 12 ? "subacute" : "chronic";
  }
}
