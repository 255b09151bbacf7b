package clinic.outcomes.core;

import java.util.Arrays;
import java.util.List;

/**
 * Home-stretching adherence of an episode: adherent when at least half of its sessions that record
 * it say yes, unknown when none record it.
 */
public enum Adherence {
  ADHERENT("adherent"),
  NOT_ADHERENT("not_adherent"),
  UNKNOWN("unknown");

  public static final List<String> CODES = Arrays.stream(values()).map(Adherence::code).toList();

  private final String code;

  Adherence(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** From the sessions that recorded it: {@code yes} of {@code recorded}. */
  public static Adherence of(long yes, long recorded) {
    return recorded == 0 ? UNKNOWN : yes * 2 >= recorded ? ADHERENT : NOT_ADHERENT;
  }
}
