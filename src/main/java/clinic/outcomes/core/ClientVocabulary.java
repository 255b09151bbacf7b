package clinic.outcomes.core;

import java.util.List;

/**
 * The allowed values of the client attributes in {@code clients.csv} (SPEC data contract), in the
 * SPEC's order: read by the row rules, the claims file's vocabulary and the generator. The
 * multi-valued columns ({@code co_treatment}, {@code contraindications}) also allow {@code none},
 * which is not listed here.
 */
public final class ClientVocabulary {
  private ClientVocabulary() {}

  public static final List<String> AGE_BANDS =
      List.of("18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+");

  public static final List<String> SEXES = List.of("female", "male", "other", "unknown");

  public static final List<String> CONDITIONS =
      List.of(
          "herniated_disc",
          "spinal_stenosis",
          "degenerative_disc",
          "piriformis",
          "pregnancy",
          "other",
          "unknown");

  public static final List<String> CO_TREATMENTS = List.of("physio", "chiro", "medication");

  public static final List<String> CONTRAINDICATIONS =
      List.of(
          "recent_surgery",
          "open_wound",
          "clotting_disorder",
          "severe_osteoporosis",
          "pregnancy",
          "hypertension",
          "diabetes");

  /** The value of a multi-valued column that means "none of them". */
  public static final String NONE = "none";
}
