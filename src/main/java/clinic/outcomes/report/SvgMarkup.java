package clinic.outcomes.report;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Locale;

/**
 * The markup {@link SvgWriter} writes: shapes, colours, transforms, fonts, numbers (text and
 * attribute values are escaped by {@link Html#escape}, as in the pages).
 */
final class SvgMarkup {
  private SvgMarkup() {}

  /** The start of a shape's element with its geometry, up to where its style goes. */
  static void element(StringBuilder e, Shape shape) {
    if (shape instanceof Line2D s) {
      e.append("<line x1=\"");
      num(e, s.getX1()).append("\" y1=\"");
      num(e, s.getY1()).append("\" x2=\"");
      num(e, s.getX2()).append("\" y2=\"");
      num(e, s.getY2()).append('"');
    } else if (shape instanceof Rectangle2D s) {
      rect(e, s.getX(), s.getY(), s.getWidth(), s.getHeight());
    } else if (shape instanceof RoundRectangle2D s) {
      rect(e, s.getX(), s.getY(), s.getWidth(), s.getHeight());
      e.append(" rx=\"");
      num(e, s.getArcWidth() / 2.0).append("\" ry=\"");
      num(e, s.getArcHeight() / 2.0).append('"');
    } else if (shape instanceof Ellipse2D s) {
      e.append("<ellipse cx=\"");
      num(e, s.getCenterX()).append("\" cy=\"");
      num(e, s.getCenterY()).append("\" rx=\"");
      num(e, s.getWidth() / 2.0).append("\" ry=\"");
      num(e, s.getHeight() / 2.0).append('"');
    } else {
      e.append("<path d=\"");
      path(e, shape);
      e.append('"');
    }
  }

  static void rect(StringBuilder e, double x, double y, double w, double h) {
    e.append("<rect x=\"");
    num(e, x).append("\" y=\"");
    num(e, y).append("\" width=\"");
    num(e, w).append("\" height=\"");
    num(e, h).append('"');
  }

  static void path(StringBuilder e, Shape shape) {
    PathIterator it = shape.getPathIterator(null);
    double[] c = new double[6];
    for (int i = 0; !it.isDone(); i++, it.next()) {
      if (i > 0) {
        e.append(' ');
      }
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO -> points(e.append('M'), c, 1);
        case PathIterator.SEG_LINETO -> points(e.append('L'), c, 1);
        case PathIterator.SEG_QUADTO -> points(e.append('Q'), c, 2);
        case PathIterator.SEG_CUBICTO -> points(e.append('C'), c, 3);
        case PathIterator.SEG_CLOSE -> e.append('Z');
        default -> throw new IllegalStateException("unknown path segment");
      }
    }
  }

  static void points(StringBuilder e, double[] c, int n) {
    for (int p = 0; p < n; p++) {
      if (p > 0) {
        e.append(' ');
      }
      num(e, c[2 * p]).append(',');
      num(e, c[2 * p + 1]);
    }
  }

  /** A text's font, where it is not the default one (as the library writes it). */
  static void font(StringBuilder e, Font font) {
    Font d = GraphicsState.DEFAULT_FONT;
    if (d.equals(font)) {
      return;
    }
    if (!d.getFamily().equals(font.getFamily())) {
      e.append("font-family:&quot;");
      e.append(Html.escape(GraphicsUtils.getPhysicalFont(font).getFamily()));
      e.append("&quot;;");
    }
    if (font.getSize2D() != d.getSize2D()) {
      num(e.append("font-size:"), font.getSize2D()).append("px;");
    }
    if ((font.getStyle() & Font.ITALIC) != 0) {
      e.append("font-style:italic;");
    }
    if ((font.getStyle() & Font.BOLD) != 0) {
      e.append("font-weight:bold;");
    }
  }

  static StringBuilder color(StringBuilder e, Color c) {
    if (c.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
      float[] cmyk = c.getComponents(null);
      return e.append(
          String.format(
              Locale.ROOT,
              "rgb(%d,%d,%d) icc-color(Generic-CMYK-profile,%f,%f,%f,%f)",
              c.getRed(),
              c.getGreen(),
              c.getBlue(),
              cmyk[0],
              cmyk[1],
              cmyk[2],
              cmyk[3]));
    }
    return e.append("rgb(")
        .append(c.getRed())
        .append(',')
        .append(c.getGreen())
        .append(',')
        .append(c.getBlue())
        .append(')');
  }

  static void transform(StringBuilder e, AffineTransform tx) {
    if (tx.getType() == AffineTransform.TYPE_TRANSLATION
        || tx.getType() == AffineTransform.TYPE_IDENTITY) {
      e.append("translate(");
      num(e, tx.getTranslateX()).append(' ');
      num(e, tx.getTranslateY()).append(')');
      return;
    }
    double[] m = new double[6];
    tx.getMatrix(m);
    e.append("matrix(");
    for (int i = 0; i < 6; i++) {
      num(i > 0 ? e.append(' ') : e, m[i]);
    }
    e.append(')');
  }

  /**
   * {@code v} rounded to three decimals, without trailing zeros or a sign on zero ({@code 12},
   * {@code -0.5}, {@code 17.104}); non-finite values as Java writes them.
   */
  static StringBuilder num(StringBuilder e, double v) {
    if (!Double.isFinite(v) || Math.abs(v) >= 1e15) {
      return e.append(v);
    }
    long m = Math.round(v * 1000);
    if (m == 0) {
      return e.append('0');
    }
    if (m < 0) {
      e.append('-');
      m = -m;
    }
    e.append(m / 1000);
    int f = (int) (m % 1000);
    if (f != 0) {
      e.append('.');
      if (f < 100) {
        e.append('0');
      }
      if (f < 10) {
        e.append('0');
      }
      while (f % 10 == 0) {
        f /= 10;
      }
      e.append(f);
    }
    return e;
  }
}
