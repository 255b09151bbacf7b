package clinic.outcomes.claims;

import clinic.outcomes.core.Adherence;
import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.ClientVocabulary;
import clinic.outcomes.core.Measure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names a claim may use: those of the run's tables (SPEC "Statistics", "Names in the tables").
 * A name outside them would never match a row and so always give {@code insufficient_data}; the
 * loader refuses it instead, so that a typo cannot pass silently.
 */
final class ClaimVocabulary {
  /** Analyses and the group_by slices each one has (ClientHistory makes exactly these). */
  static final Map<String, List<String>> GROUP_BYS = groupBys();

  /** Measures and the width of their scale (points, or degrees for the straight-leg raise). */
  static final Map<String, Double> MEASURE_RANGE =
      Measure.ALL.stream()
          .collect(Collectors.toUnmodifiableMap(Measure::code, m -> (double) m.max()));

  static final List<String> MEASURES = Measure.CODES;
  static final List<String> RESPONDERS = List.of("mcid", "r30", "r50");
  static final List<String> FACTORS = List.of("technique", "technique_group", "adherence");
  static final List<String> UNITS = List.of("episode", "session");
  static final List<String> EVENTS =
      Stream.concat(
              AdverseEvent.CODES.stream().filter(e -> !e.equals(AdverseEvent.NONE.code())),
              Stream.of("any"))
          .toList();

  /** The groups of the fixed group_by slices. */
  private static final Map<String, List<String>> FIXED_GROUPS =
      Map.of(
          "overall", List.of("all"),
          "session_bucket", List.of("1", "2-3", "4-6", "7-10", "11+"),
          "session_number_group", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"),
          "baseline_band", List.of("mild", "moderate", "severe", "unknown"),
          "condition", ClientVocabulary.CONDITIONS,
          "chronicity", List.of("acute", "subacute", "chronic", "unknown"),
          "adherence", Adherence.CODES);

  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private ClaimVocabulary() {}

  private static Map<String, List<String>> groupBys() {
    List<String> common = List.of("overall", "technique", "technique_group");
    List<String> attributes = List.of("month", "condition", "chronicity", "adherence", "therapist");
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("session_relief", concat(common, List.of("session_number_group"), attributes));
    m.put("course", concat(common, List.of("session_bucket", "baseline_band"), attributes));
    List<String> trajectory = List.of("session_number_group", "technique×session_number");
    m.put("trajectory", trajectory);
    m.put("trajectory_cohort", trajectory);
    m.put("course_immediate", m.get("course"));
    m.put("pre_treatment", common);
    List<String> followup = concat(common, List.of("baseline_band"), attributes);
    for (String h : List.of("3m", "6m", "12m")) {
      m.put("followup_" + h, followup);
      m.put("followup_" + h + "_bocf", followup);
    }
    return m;
  }

  /**
   * Follow-up analyses of any horizon label the settings may define, e.g. {@code
   * followup_24m_bocf}.
   */
  private static final Pattern FOLLOWUP = Pattern.compile("followup_[0-9]{1,3}[a-z]{1,2}(_bocf)?");

  /** The group_by slices of an analysis, or null when it is not one. */
  static List<String> groupBysOf(String analysis) {
    List<String> g = GROUP_BYS.get(analysis);
    return g != null || !FOLLOWUP.matcher(analysis).matches() ? g : GROUP_BYS.get("followup_3m");
  }

  /** A completers' follow-up analysis (not baseline carried forward): it has a follow-up rate. */
  static boolean isCompletersFollowup(String analysis) {
    return FOLLOWUP.matcher(analysis).matches() && !analysis.endsWith("_bocf");
  }

  /** Dose-response models (SPEC "Dose-response"). */
  static final List<String> MODELS =
      List.of("between_episodes", "within_episode", "within_episode_late");

  private static List<String> concat(List<String> first, List<String> middle, List<String> last) {
    return Stream.of(first, middle, last).flatMap(List::stream).toList();
  }

  /** "is 'x', not one of: a, b, c". */
  static String notOneOf(String value, Iterable<String> allowed) {
    return "is '" + value + "', not one of: " + String.join(", ", allowed);
  }

  /**
   * Checks a technique name against the known ones.
   *
   * @param value the name as written
   * @param known technique codes, technique-group names and {@code all}
   * @param allowAll whether {@code all} is acceptable here
   * @return the problem, or null when the name is fine
   */
  static String techniqueProblem(String value, Set<String> known, boolean allowAll) {
    Set<String> allowed = new TreeSet<>(known);
    if (!allowAll) {
      allowed.remove("all");
    }
    if (allowed.contains(value)) {
      return null;
    }
    String form = CODE.matcher(value).matches() ? "" : " (a technique is a lower-case code)";
    return "is '"
        + value
        + "', not a known technique"
        + form
        + "; known: "
        + String.join(", ", allowed);
  }

  /**
   * Checks the group of a {@code (analysis, group_by)} slice.
   *
   * @return the problem, or null when the group can exist
   */
  static String groupProblem(String analysis, String groupBy, String group, Set<String> known) {
    List<String> fixed = FIXED_GROUPS.get(groupBy);
    if (fixed != null) {
      List<String> allowed =
          analysis.startsWith("trajectory") && "session_number_group".equals(groupBy)
              ? fixed.subList(1, fixed.size())
              : fixed;
      return allowed.contains(group) ? null : notOneOf(group, allowed);
    }
    return switch (groupBy) {
      case "technique", "technique_group" -> techniqueProblem(group, known, false);
      case "month" ->
          MONTH.matcher(group).matches() ? null : "is '" + group + "', not a month YYYY-MM";
      case "therapist" ->
          PSEUDONYM.matcher(group).matches()
              ? null
              : "is '" + group + "', not a therapist pseudonym";
      default -> techniqueVisitProblem(group, known);
    };
  }

  /** A {@code technique×session_number} group: {@code <technique>|<visit 2..9 or 10+>}. */
  private static String techniqueVisitProblem(String group, Set<String> known) {
    int bar = group.indexOf('|');
    if (bar < 0) {
      return "is '" + group + "', not of the form technique|visit (e.g. deep_tissue|3)";
    }
    String technique = group.substring(0, bar);
    String visit = group.substring(bar + 1);
    String problem = "unknown".equals(technique) ? null : techniqueProblem(technique, known, false);
    if (problem != null) {
      return problem;
    }
    List<String> visits = FIXED_GROUPS.get("session_number_group");
    return visits.subList(1, visits.size()).contains(visit)
        ? null
        : "has visit '"
            + visit
            + "', not one of: "
            + String.join(", ", visits.subList(1, visits.size()));
  }
}
