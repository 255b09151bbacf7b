package clinic.outcomes.core;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analysis settings of one run (SPEC "Derived structure", "Outcomes", "Statistics"). Immutable: the
 * constructor keeps unmodifiable copies of the maps and lists it is given.
 *
 * <p>Scores are handled in integer tenths everywhere, so the MCIDs are held in tenths too: an MCID
 * of 2 points on {@code nrs_pain} is {@code 20}.
 *
 * @param episodeGapDays a new episode starts when the gap since the previous session exceeds this
 * @param asOf the as-of date for open/closed episodes; null means the latest accepted date in the
 *     data
 * @param mcidTenths minimal clinically important difference per measure, in tenths of a unit
 * @param referenceTechnique the comparison reference (regular massage)
 * @param techniqueGroups group name to member techniques (default {@code specialized})
 * @param minGroupN groups with fewer episodes are flagged {@code small_n}
 * @param cohortSessions the trajectory cohort's minimum session count and horizon
 * @param minCellSize case-study counts from 1 to this minus one are suppressed
 * @param followupHorizons follow-up horizon label to days after the last session, in order (default
 *     {@code 3m} = 90, {@code 6m} = 180, {@code 12m} = 365)
 * @param followupWindowDays a horizon's follow-up score is dated within this many days of it
 */
public record Settings(
    int episodeGapDays,
    LocalDate asOf,
    Map<String, Integer> mcidTenths,
    String referenceTechnique,
    Map<String, List<String>> techniqueGroups,
    int minGroupN,
    int cohortSessions,
    int minCellSize,
    Map<String, Integer> followupHorizons,
    int followupWindowDays)
    implements Serializable {

  /** Horizon labels: a digit-led code such as {@code 3m}, used in analysis and column names. */
  public static final String HORIZON_LABEL = "[0-9]{1,3}[a-z]{1,2}";

  public Settings {
    mcidTenths = Collections.unmodifiableMap(new LinkedHashMap<>(mcidTenths));
    techniqueGroups = copyOfGroups(techniqueGroups);
    followupHorizons = Collections.unmodifiableMap(new LinkedHashMap<>(followupHorizons));
  }

  private static Map<String, List<String>> copyOfGroups(Map<String, List<String>> groups) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    groups.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(m);
  }

  /** The SPEC defaults. */
  public static Settings defaults() {
    Map<String, Integer> mcid = new LinkedHashMap<>();
    for (Measure m : Measure.ALL) {
      mcid.put(m.code(), m.defaultMcidTenths());
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    groups.put("specialized", Technique.SPECIALIZED);
    Map<String, Integer> horizons = new LinkedHashMap<>();
    horizons.put("3m", 90);
    horizons.put("6m", 180);
    horizons.put("12m", 365);
    return new Settings(90, null, mcid, Technique.SWEDISH.code(), groups, 5, 6, 11, horizons, 30);
  }

  /** A copy with another as-of date. */
  public Settings withAsOf(LocalDate date) {
    return new Settings(
        episodeGapDays,
        date,
        mcidTenths,
        referenceTechnique,
        techniqueGroups,
        minGroupN,
        cohortSessions,
        minCellSize,
        followupHorizons,
        followupWindowDays);
  }

  /** The completers' follow-up analysis of a horizon, e.g. {@code followup_3m}. */
  public static String followupAnalysis(String horizon) {
    return "followup_" + horizon;
  }

  /**
   * The baseline-carried-forward follow-up analysis of a horizon, e.g. {@code followup_3m_bocf}.
   */
  public static String followupBocfAnalysis(String horizon) {
    return "followup_" + horizon + "_bocf";
  }
}
