package clinic.outcomes.core;

/** Why an episode counts as closed (the {@code closed_by} column); open episodes have none. */
public enum ClosedBy {
  /** A discharge score on or after the episode's first session, before the next episode. */
  DISCHARGE("discharge"),
  /** More than the episode gap between the last session and the as-of date. */
  GAP("gap");

  private final String code;

  ClosedBy(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
