package clinic.outcomes.episodes;

/**
 * The names of the grouping of SPEC "Statistics": the {@code group_by} values of the tables. Which
 * slices a row falls in is decided in {@link clinic.outcomes.episodes.ClientHistory}; a missing
 * attribute forms the group {@code unknown}, technique groups are only formed for members.
 */
public final class Groups {
  private Groups() {}

  public static final String OVERALL = "overall";
  public static final String TECHNIQUE = "technique";
  public static final String TECHNIQUE_GROUP = "technique_group";
  public static final String SESSION_BUCKET = "session_bucket";
  public static final String SESSION_NUMBER_GROUP = "session_number_group";
  public static final String MONTH = "month";
  public static final String BASELINE_BAND = "baseline_band";
  public static final String CONDITION = "condition";
  public static final String CHRONICITY = "chronicity";
  public static final String ADHERENCE = "adherence";
  public static final String THERAPIST = "therapist";
  public static final String TECHNIQUE_BY_SESSION = "technique×session_number";
}
