package clinic.outcomes.episodes;

import java.util.List;

/**
 * The four measures, their direction and best possible score (SPEC data contract and "Outcomes"):
 * the one place these rules live, used by episode outcomes and by the statistics. The MCIDs are
 * settings ({@code Settings.mcidTenths}).
 */
public final class Measures {
  private Measures() {}

  /** In table order. */
  public static final List<String> ALL = List.of("nrs_pain", "odi", "rmdq", "slr_deg");

  /** Whether a higher score is better ({@code slr_deg}, an angle) rather than worse. */
  public static boolean higherIsBetter(String measure) {
    return "slr_deg".equals(measure);
  }

  /** Best possible score in tenths: 900 for {@code slr_deg}, else 0. */
  public static int bestTenths(String measure) {
    return higherIsBetter(measure) ? 900 : 0;
  }
}
