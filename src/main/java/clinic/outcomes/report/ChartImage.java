package clinic.outcomes.report;

import java.util.Base64;

/**
 * A rendered chart: the PNG (drawn at twice the size for sharp print) and where it was written.
 *
 * @param name file base name under {@code charts/}
 * @param png PNG bytes
 * @param width display width in CSS pixels
 * @param height display height in CSS pixels
 * @param alt text alternative for the image
 */
public record ChartImage(String name, byte[] png, int width, int height, String alt) {
  /** The PNG as a {@code data:} URI. */
  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** An {@code <img>} element with the embedded PNG (all attribute values escaped). */
  public Html.Safe img() {
    return new Html.Safe(
        "<img src=\""
            + dataUri()
            + "\" width=\""
            + width
            + "\" height=\""
            + height
            + "\" alt=\""
            + Html.escape(alt)
            + "\">");
  }
}
