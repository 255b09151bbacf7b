package clinic.outcomes.pipeline;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analysis settings of one run (SPEC "Derived structure", "Outcomes", "Statistics"). Immutable.
 *
 * <p>Scores are handled in integer tenths everywhere, so the MCIDs are held in tenths too: an MCID
 * of 2 points on {@code nrs_pain} is {@code 20}.
 *
 * @param episodeGapDays a new episode starts when the gap since the previous session exceeds this
 * @param asOf the as-of date for open/closed episodes; null means the latest accepted date in the data
 * @param mcidTenths minimal clinically important difference per measure, in tenths of a unit
 * @param referenceTechnique the comparison reference (regular massage)
 * @param techniqueGroups group name to member techniques (default {@code specialized})
 * @param minGroupN groups with fewer episodes are flagged {@code small_n}
 * @param cohortSessions the trajectory cohort's minimum session count and horizon
 * @param minCellSize case-study counts from 1 to this minus one are suppressed
 */
public record Settings(
    int episodeGapDays,
    LocalDate asOf,
    Map<String, Integer> mcidTenths,
    String referenceTechnique,
    Map<String, List<String>> techniqueGroups,
    int minGroupN,
    int cohortSessions,
    int minCellSize)
    implements Serializable {

  /** The SPEC defaults. */
  public static Settings defaults() {
    Map<String, Integer> mcid = new LinkedHashMap<>();
    mcid.put("nrs_pain", 20);
    mcid.put("odi", 100);
    mcid.put("rmdq", 50);
    mcid.put("slr_deg", 100);
    Map<String, List<String>> groups = new LinkedHashMap<>();
    groups.put("specialized", List.of("deep_tissue", "trigger_point", "myofascial_release"));
    return new Settings(90, null, mcid, "swedish", groups, 5, 6, 11);
  }

  /** A copy with another as-of date. */
  public Settings withAsOf(LocalDate date) {
    return new Settings(
        episodeGapDays, date, mcidTenths, referenceTechnique, techniqueGroups, minGroupN,
        cohortSessions, minCellSize);
  }
}
