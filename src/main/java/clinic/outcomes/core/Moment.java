package clinic.outcomes.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** When a score was taken (the {@code moment} column of scores). */
public enum Moment {
  INTAKE("intake"),
  BEFORE("before"),
  AFTER("after"),
  DISCHARGE("discharge"),
  FOLLOWUP("followup");

  public static final List<String> CODES = Arrays.stream(values()).map(Moment::code).toList();

  private final String code;

  Moment(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the score belongs to a session (before or after it), so it needs a session_id. */
  public boolean ofSession() {
    return this == BEFORE || this == AFTER;
  }

  public static Optional<Moment> of(String code) {
    return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
  }
}
