package clinic.outcomes.core;

import java.util.Arrays;
import java.util.List;

/** The adverse events a session can record ({@code none} when there was none). */
public enum AdverseEvent {
  NONE("none"),
  SORENESS("soreness"),
  BRUISING("bruising"),
  INCREASED_PAIN("increased_pain"),
  OTHER("other");

  public static final List<String> CODES = Arrays.stream(values()).map(AdverseEvent::code).toList();

  private final String code;

  AdverseEvent(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
