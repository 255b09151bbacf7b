package clinic.outcomes.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The four massage techniques the clinic records, with the reference (Swedish) last. */
public enum Technique {
  DEEP_TISSUE("deep_tissue", "Deep tissue", true),
  TRIGGER_POINT("trigger_point", "Trigger point", true),
  MYOFASCIAL_RELEASE("myofascial_release", "Myofascial release", true),
  SWEDISH("swedish", "Swedish (regular)", false);

  /** In table order. */
  public static final List<Technique> ALL = List.of(values());

  /** The codes in table order. */
  public static final List<String> CODES = ALL.stream().map(Technique::code).toList();

  /** The codes of the techniques the SPEC calls specialized (the default technique group). */
  public static final List<String> SPECIALIZED =
      ALL.stream().filter(Technique::specialized).map(Technique::code).toList();

  private final String code;
  private final String title;
  private final boolean specialized;

  Technique(String code, String title, boolean specialized) {
    this.code = code;
    this.title = title;
    this.specialized = specialized;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** Whether the SPEC counts it as a specialized technique (all but Swedish). */
  public boolean specialized() {
    return specialized;
  }

  public static Optional<Technique> of(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }
}
