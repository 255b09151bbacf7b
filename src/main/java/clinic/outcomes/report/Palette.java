package clinic.outcomes.report;

import clinic.outcomes.core.Technique;
import java.awt.Color;
import java.util.List;
import java.util.Locale;

/** Colours of the charts (Okabe-Ito, readable by colour-blind readers) and display labels. */
public final class Palette {
  private Palette() {}

  private static final List<Color> OTHERS =
      List.of(
          new Color(0xCC79A7),
          new Color(0xE69F00),
          new Color(0x56B4E9),
          new Color(0xF0E442),
          new Color(0x8C564B));

  /** Series colour of a technique, technique group or {@code all}. */
  public static Color technique(String code, String reference) {
    if (code.equals(reference)) {
      return new Color(0x555555);
    }
    Technique t = Technique.of(code).orElse(null);
    if (t == Technique.DEEP_TISSUE) {
      return new Color(0x0072B2);
    } else if (t == Technique.TRIGGER_POINT) {
      return new Color(0xD55E00);
    } else if (t == Technique.MYOFASCIAL_RELEASE) {
      return new Color(0x009E73);
    }
    return switch (code) {
      case "all" -> Color.BLACK;
      case "specialized" -> new Color(0x7B3294);
      default -> OTHERS.get(Math.floorMod(code.hashCode(), OTHERS.size()));
    };
  }

  /** Colour of a claim verdict. */
  public static Color verdict(String verdict) {
    return switch (verdict == null ? "" : verdict) {
      case "supported" -> new Color(0x1A7F37);
      case "contradicted" -> new Color(0xC62828);
      case "inconclusive" -> new Color(0xB26A00);
      default -> new Color(0x6E7781);
    };
  }

  /** A code as words: {@code deep_tissue} → {@code deep tissue}. */
  public static String label(String code) {
    return code == null ? "" : code.replace('_', ' ');
  }

  /** CSS hex of a colour. */
  public static String css(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
