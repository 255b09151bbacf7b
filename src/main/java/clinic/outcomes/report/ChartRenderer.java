package clinic.outcomes.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Paints one or more XChart panels in a grid and writes the result as PNG and SVG: the panels are
 * painted once, on VectorGraphics2D (as XChart's own {@code VectorGraphicsEncoder} does for a
 * single chart), and the recorded drawing is written as SVG by {@link SvgWriter} and replayed onto
 * the PNG's raster by {@link ChartReplay}. Painting each panel a second time, straight onto the
 * raster, was a fifth of the report stage's samples (XChart's layout and the outlines of every
 * label).
 */
public final class ChartRenderer {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** PNG pixels per CSS pixel. */
  static final int SCALE = 2;

  /** Every chart is antialiased, shapes and text (the house style, {@code Charts#panel}). */
  private static final Set<RenderingHints.Key> ANTIALIASED =
      Set.of(RenderingHints.KEY_ANTIALIASING, RenderingHints.KEY_TEXT_ANTIALIASING);

  private ChartRenderer() {}

  /**
   * Renders panels of equal size in {@code columns} columns into {@code dir/NAME.png} and {@code
   * dir/NAME.svg}.
   */
  public static ChartImage write(
      Path dir, String name, String alt, List<? extends Chart<?, ?>> panels, int columns) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("chart " + name + " has no panels");
    }
    int w = panels.get(0).getWidth();
    int h = panels.get(0).getHeight();
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int width = w * cols;
    int height = h * rows;
    // Laid out and painted once; the recorded commands become the PNG and the SVG.
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    paint(g, panels, cols, w, h);
    CommandSequence drawing = g.getCommands();
    byte[] png = png(drawing, width, height);
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), png);
      try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".svg"))) {
        SvgWriter.write(drawing, width, height, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + name, e);
    }
    return new ChartImage(name, png, width, height, alt);
  }

  /** The drawing on a white raster of {@link #SCALE} pixels per CSS pixel, as a PNG file. */
  static byte[] png(CommandSequence drawing, int width, int height) {
    BufferedImage img =
        new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.scale(SCALE, SCALE);
      ChartReplay.replay(drawing, g, ANTIALIASED);
    } finally {
      g.dispose();
    }
    return PngEncoder.encode(img);
  }

  private static void paint(
      Graphics2D g, List<? extends Chart<?, ?>> panels, int cols, int w, int h) {
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D pg = (Graphics2D) g.create();
      try {
        pg.translate((i % cols) * w, (i / cols) * h);
        pg.clipRect(0, 0, w, h);
        panels.get(i).paint(pg, w, h);
      } finally {
        pg.dispose();
      }
    }
  }
}
