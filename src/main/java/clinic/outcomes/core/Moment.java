package clinic.outcomes.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /** The moment with this code; looked up once per score row, so from a map, not a scan. */
  public static Optional<Moment> of(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  private static final Map<String, Moment> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Moment::code, m -> m));
}
