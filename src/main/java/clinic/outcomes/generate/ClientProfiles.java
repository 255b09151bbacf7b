package clinic.outcomes.generate;

import clinic.outcomes.core.ClientVocabulary;
import java.util.SplittableRandom;

/**
 * Draws one client's {@code clients.csv} row. Attributes have no effect on outcomes, so a
 * risk-adjusted comparison should agree with the unadjusted one in expectation.
 */
final class ClientProfiles {

  /** Chance that a client has a row in {@code clients.csv} at all. */
  static final double ROW_SHARE = 0.98;

  static final String[] AGE_BANDS = ClientVocabulary.AGE_BANDS.toArray(String[]::new);
  static final double[] AGE_SHARE = {0.10, 0.18, 0.22, 0.22, 0.15, 0.09, 0.035, 0.005};

  static final String[] SEXES = ClientVocabulary.SEXES.toArray(String[]::new);
  static final double[] SEX_SHARE = {0.58, 0.40, 0.01, 0.01};

  /** {@code pregnancy} is only kept for female clients aged 18-49; others get {@code other}. */
  static final String[] CONDITIONS = ClientVocabulary.CONDITIONS.toArray(String[]::new);

  static final double[] CONDITION_SHARE = {0.30, 0.12, 0.20, 0.15, 0.04, 0.12, 0.07};

  /** Symptom weeks: empty, acute 0-5, subacute 6-12, chronic 13-519 (log-uniform-ish). */
  static final double[] CHRONICITY_SHARE = {0.04, 0.30, 0.25, 0.41};

  static final String[] CO_TREATMENTS = ClientVocabulary.CO_TREATMENTS.toArray(String[]::new);
  static final double[] CO_TREATMENT_SHARE = {0.35, 0.15, 0.40};

  /** In the SPEC's order; {@code pregnancy} comes from the condition, not from a draw. */
  static final String[] CONTRAINDICATIONS =
      ClientVocabulary.CONTRAINDICATIONS.toArray(String[]::new);

  static final double[] CONTRAINDICATION_SHARE = {0.02, 0.005, 0.01, 0.02, 0.0, 0.08, 0.05};

  /** Chance that a client with a contraindication has no medical clearance. */
  static final double UNCLEARED_SHARE = 0.08;

  /** Chance that a client without contraindication has {@code medical_clearance = yes}. */
  static final double CLEARED_WITHOUT_NEED = 0.25;

  private ClientProfiles() {}

  /** The client's row (without the line end), or null when the client has no row. */
  static String row(SplittableRandom rng, String clientId) {
    int age = Draw.index(rng, AGE_SHARE);
    String sex = SEXES[Draw.index(rng, SEX_SHARE)];
    String condition = CONDITIONS[Draw.index(rng, CONDITION_SHARE)];
    if (condition.equals("pregnancy") && !(sex.equals("female") && age <= 2)) {
      condition = "other";
    }
    String weeks = symptomWeeks(rng);
    String coTreatment = joined(rng, CO_TREATMENTS, CO_TREATMENT_SHARE, null);
    String pregnancy = condition.equals("pregnancy") ? "pregnancy" : null;
    String contraindications = joined(rng, CONTRAINDICATIONS, CONTRAINDICATION_SHARE, pregnancy);
    boolean cleared =
        contraindications.equals("none")
            ? Draw.chance(rng, CLEARED_WITHOUT_NEED)
            : !Draw.chance(rng, UNCLEARED_SHARE);
    if (!Draw.chance(rng, ROW_SHARE)) {
      return null;
    }
    return String.join(
        ",",
        clientId,
        AGE_BANDS[age],
        sex,
        condition,
        weeks,
        coTreatment,
        contraindications,
        cleared ? "yes" : "no");
  }

  private static String symptomWeeks(SplittableRandom rng) {
    return switch (Draw.index(rng, CHRONICITY_SHARE)) {
      case 0 -> "";
      case 1 -> Integer.toString(Draw.between(rng, 0, 5));
      case 2 -> Integer.toString(Draw.between(rng, 6, 12));
      default -> {
        double logUniform = StrictMath.expm1(rng.nextDouble() * StrictMath.log(507));
        yield Integer.toString(13 + (int) StrictMath.floor(logUniform));
      }
    };
  }

  /** The drawn items joined by {@code |} in table order, {@code none} when none. */
  private static String joined(
      SplittableRandom rng, String[] items, double[] shares, String forced) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < items.length; i++) {
      if (items[i].equals(forced) || Draw.chance(rng, shares[i])) {
        if (out.length() > 0) {
          out.append('|');
        }
        out.append(items[i]);
      }
    }
    return out.length() == 0 ? "none" : out.toString();
  }
}
