package clinic.outcomes.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The four massage techniques the clinic records, with the reference (Swedish) last. */
public enum Technique {
  DEEP_TISSUE("deep_tissue", true),
  TRIGGER_POINT("trigger_point", true),
  MYOFASCIAL_RELEASE("myofascial_release", true),
  SWEDISH("swedish", false);

  /** In table order. */
  public static final List<Technique> ALL = List.of(values());

  /** The codes in table order. */
  public static final List<String> CODES = ALL.stream().map(Technique::code).toList();

  /** The codes of the techniques the SPEC calls specialized (the default technique group). */
  public static final List<String> SPECIALIZED =
      ALL.stream().filter(Technique::specialized).map(Technique::code).toList();

  private final String code;
  private final boolean specialized;

  Technique(String code, boolean specialized) {
    this.code = code;
    this.specialized = specialized;
  }

  public String code() {
    return code;
  }

  /** Whether the SPEC counts it as a specialized technique (all but Swedish). */
  public boolean specialized() {
    return specialized;
  }

  /** The technique with this code; looked up once per session row, so from a map. */
  public static Optional<Technique> of(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  private static final Map<String, Technique> BY_CODE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Technique::code, t -> t));
}
