package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/**
 * {@link ChartReplay}: a drawing recorded by VectorGraphics2D and replayed onto a raster gives the
 * pixels that drawing straight onto the raster gives.
 */
class ChartReplayTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final int W = 300;
  private static final int H = 200;

  /**
   * Every kind of command a chart uses: shapes, strokes, colours with alpha, a gradient, clips,
   * transforms, an image.
   */
  private static void drawing(Graphics2D g) {
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f));
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, W, H));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(20, 40, 60));
    g.draw(new Line2D.Double(1.25, 2.5, 280.5, 40.75));
    g.setColor(new Color(200, 30, 30, 128));
    g.fill(new Ellipse2D.Double(50.5, 60.25, 30, 20));
    g.setStroke(
        new BasicStroke(
            2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 7f, new float[] {6f, 4.5f}, 1.5f));
    Path2D p = new Path2D.Double();
    p.moveTo(10, 150);
    p.quadTo(70, 100, 90, 160.0625);
    p.curveTo(100, 170, 120, 180, 140.1, 140.9);
    p.closePath();
    g.draw(p);
    Graphics2D sub = (Graphics2D) g.create();
    sub.translate(150, 80);
    sub.clipRect(0, 0, 120, 90);
    sub.setPaint(new GradientPaint(0, 0, Color.YELLOW, 100, 0, Color.GREEN));
    sub.fill(new Rectangle2D.Double(-20, -20, 200, 60));
    sub.rotate(Math.PI / 7);
    sub.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
    sub.setColor(Color.BLUE);
    sub.fill(new Rectangle2D.Double(0, 0, 90, 30));
    sub.dispose();
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xC8553D);
    img.setRGB(2, 2, 0x1B6CA8);
    g.drawImage(img, 20, 170, 8, 6, null);
    g.setColor(Color.BLACK);
    g.fill(new Rectangle2D.Double(270, 170, 20, 20));
  }

  @Test
  void aReplayedDrawingHasTheSamePixelsAsTheDrawingItself() {
    assertArrayEquals(direct(ChartReplayTest::drawing), replayed(ChartReplayTest::drawing));
  }

  @Test
  void aChartOfTheReportsAsPngIsTheChartItself() throws Exception {
    XYChart c =
        Charts.intervals(
            W * 2,
            H,
            "Course improvement by technique",
            "points (0-10)",
            List.of("deep tissue", "trigger point", "swedish"),
            List.of(
                new IntervalSeries(
                    "pain",
                    new Color(0x1B6CA8),
                    List.of(
                        new Interval(2.31, 1.9, 2.72),
                        Interval.WITHHELD,
                        new Interval(0.9, 0.4, 1.4)))),
            0.0);
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W * 2, H);
    c.paint(g, W * 2, H);
    byte[] png = ChartRenderer.png(g.getCommands(), W * 2, H);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(W * 2 * ChartRenderer.SCALE, img.getWidth());
    assertEquals(H * ChartRenderer.SCALE, img.getHeight());
    // The same chart painted straight onto a raster that lays text out as VectorGraphics2D does
    // (fractional metrics): the same pixels but for antialiasing at a glyph's or a marker's edge.
    // Drawn without antialiasing, a marker's edge differs by up to 255 in a channel; a line a
    // pixel out of place, by as much.
    BufferedImage direct =
        new BufferedImage(
            W * 2 * ChartRenderer.SCALE, H * ChartRenderer.SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D d = direct.createGraphics();
    d.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    d.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    d.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    d.setColor(Color.WHITE);
    d.fillRect(0, 0, direct.getWidth(), direct.getHeight());
    d.scale(ChartRenderer.SCALE, ChartRenderer.SCALE);
    c.paint(d, W * 2, H);
    d.dispose();
    int inked = 0;
    int worst = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int a = img.getRGB(x, y);
        int b = direct.getRGB(x, y);
        if (b != Color.WHITE.getRGB()) {
          inked++;
        }
        for (int shift = 0; shift < 24; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 255) - ((b >> shift) & 255)));
        }
      }
    }
    assertTrue(inked > 10_000, "the chart drew " + inked + " pixels");
    assertTrue(worst < 64, "a pixel differs by " + worst + " in a channel");
  }

  private static int[] direct(Consumer<Graphics2D> draw) {
    BufferedImage img = raster();
    Graphics2D g = img.createGraphics();
    g.scale(ChartRenderer.SCALE, ChartRenderer.SCALE);
    draw.accept(g);
    g.dispose();
    return pixels(img);
  }

  private static int[] replayed(Consumer<Graphics2D> draw) {
    VectorGraphics2D v = new VectorGraphics2D();
    draw.accept(v);
    BufferedImage img = raster();
    Graphics2D g = img.createGraphics();
    g.scale(ChartRenderer.SCALE, ChartRenderer.SCALE);
    ChartReplay.replay(v.getCommands(), g, Set.of());
    g.dispose();
    return pixels(img);
  }

  private static BufferedImage raster() {
    return new BufferedImage(
        W * ChartRenderer.SCALE, H * ChartRenderer.SCALE, BufferedImage.TYPE_INT_RGB);
  }

  private static int[] pixels(BufferedImage img) {
    return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
  }
}
