package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * {@link SvgWriter} against the SVG writer it replaces, VectorGraphics2D 0.13's own {@code
 * SVGProcessor} (DOM and XSLT serializer): the same drawing, recorded once, written by both and
 * read back by an XML parser, must give the same elements in the same order, with the same
 * attributes and text; numbers may differ by the rounding to a thousandth of a pixel.
 */
class SvgWriterTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:E-?\\d+)?");

  @Test
  void numbersAreRoundedToAThousandthWithoutTrailingZerosOrNegativeZero() {
    String[][] cases = {
      {"0", "0"},
      {"-0.0", "0"},
      {"0.0004", "0"},
      {"-0.0004", "0"},
      {"17.103515625", "17.104"},
      {"-8.75", "-8.75"},
      {"1000", "1000"},
      {"0.05", "0.05"},
      {"0.005", "0.005"},
      {"-0.012", "-0.012"},
      {"2.9996", "3"},
      {"123456.7", "123456.7"},
      {"NaN", "NaN"},
    };
    for (String[] c : cases) {
      assertEquals(
          c[1], SvgMarkup.num(new StringBuilder(), Double.parseDouble(c[0])).toString(), c[0]);
    }
  }

  @Test
  void everyKindOfDrawingIsWrittenAsTheLibraryWritesIt() throws Exception {
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 300);
    g.setColor(new Color(20, 40, 60));
    g.draw(new Line2D.Double(1.25, 2.5, 300.123456, 40.987654));
    g.fill(new RoundRectangle2D.Double(10, 10, 80, 40, 6, 4));
    g.setColor(new Color(200, 30, 30, 128));
    g.fill(new Ellipse2D.Double(50.5, 60.25, 30, 20));
    g.setStroke(
        new BasicStroke(
            2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 7f, new float[] {6f, 4.5f}, 1.5f));
    g.draw(new Rectangle2D.Double(5, 5, 390.0001, 290.0001));
    Path2D p = new Path2D.Double();
    p.moveTo(10, 200);
    p.lineTo(50.333333, 180.666666);
    p.quadTo(70, 150, 90, 210.0625);
    p.curveTo(100, 220, 120, 230, 140.1, 190.9);
    p.closePath();
    g.draw(p);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND));
    g.fill(p);
    Graphics2D sub = (Graphics2D) g.create();
    sub.translate(200, 100);
    sub.clipRect(0, 0, 150, 90);
    sub.setFont(new Font(Font.SERIF, Font.BOLD | Font.ITALIC, 17));
    sub.drawString("Trigger point & <myofascial> \"release\" 5 – 10", 3.5f, 20.25f);
    sub.rotate(Math.PI / 7);
    sub.setColor(Color.BLUE);
    sub.fill(new Rectangle2D.Double(0, 0, 20, 10));
    sub.dispose();
    // A fill with a paint other than a colour becomes an embedded image (the library's filter),
    // and so does an image drawn.
    g.setPaint(new GradientPaint(0, 0, Color.YELLOW, 50, 0, Color.GREEN));
    g.fill(new Rectangle2D.Double(300, 220, 60, 30));
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xC8553D);
    g.drawImage(img, 20, 230, 8, 6, null);
    g.setColor(Color.BLACK);
    g.drawString("back in the root group", 12, 290);
    String ours = assertSame(g, 400, 300);
    assertEquals(2, ours.split("<image ", -1).length - 1, "the gradient and the image, embedded");
  }

  @Test
  void textWithAControlCharacterStillMakesAWellFormedFile() throws Exception {
    VectorGraphics2D g = new VectorGraphics2D();
    g.drawString("deep\u0001tissue & <swedish>", 10, 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SvgWriter.write(g.getCommands(), 100, 40, out);
    Element svg = parse(out.toByteArray());
    assertEquals(
        "deep\uFFFDtissue & <swedish>", svg.getElementsByTagName("text").item(0).getTextContent());
  }

  @Test
  void aChartOfTheReportsIsWrittenAsTheLibraryWritesIt() throws Exception {
    XYChart c =
        Charts.intervals(
            700,
            340,
            "Course improvement in pain & function <by technique>",
            "points (0-10)",
            List.of("deep tissue", "trigger point", "myofascial", "swedish"),
            List.of(
                new IntervalSeries(
                    "pain",
                    new Color(0x1B6CA8),
                    List.of(
                        new Interval(2.31, 1.9, 2.72),
                        new Interval(1.875, 1.2, 2.55),
                        Interval.WITHHELD,
                        new Interval(0.9, 0.4, 1.4))),
                new IntervalSeries(
                    "function",
                    new Color(0xC8553D),
                    List.of(
                        new Interval(8.1, 6.0, 10.2),
                        Interval.NONE,
                        new Interval(5.5, 3.25, 7.75),
                        new Interval(3.0, 1.0, 5.0)))),
            0.0);
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 700, 340);
    Graphics2D pg = (Graphics2D) g.create();
    pg.clipRect(0, 0, 700, 340);
    c.paint(pg, 700, 340);
    pg.dispose();
    String ours = assertSame(g, 700, 340);
    assertTrue(ours.length() > 10_000, "the chart draws its labels as outlines");
  }

  /** Writes {@code g}'s drawing both ways and compares them; returns ours. */
  private static String assertSame(VectorGraphics2D g, int width, int height) throws Exception {
    ByteArrayOutputStream theirs = new ByteArrayOutputStream();
    new SVGProcessor()
        .getDocument(g.getCommands(), new PageSize(0, 0, width, height))
        .writeTo(theirs);
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    SvgWriter.write(g.getCommands(), width, height, ours);
    Element a = parse(theirs.toByteArray());
    Element b = parse(ours.toByteArray());
    assertTrue(a.getElementsByTagName("*").getLength() > 5, "the reference drew something");
    new Comparison(clips(a), clips(b)).compare(a, b, "svg");
    return ours.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Element parse(byte[] svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg)).getDocumentElement();
  }

  /** The geometry of every clip path, by its id. */
  private static Map<String, Element> clips(Element svg) {
    Map<String, Element> m = new HashMap<>();
    for (Element d : children(svg)) {
      if (d.getTagName().equals("defs")) {
        for (Element c : children(d)) {
          assertEquals("clipPath", c.getTagName());
          assertEquals(1, children(c).size(), "one shape per clip path");
          m.put(c.getAttribute("id"), children(c).get(0));
        }
      }
    }
    return m;
  }

  /**
   * Two documents compared element by element, the defs left out: a clip path is compared where it
   * is used, by its geometry (the ids are arbitrary, and the library writes one clip path per
   * object where we write one per geometry).
   */
  private record Comparison(Map<String, Element> clipsA, Map<String, Element> clipsB) {
    void compare(Element a, Element b, String where) {
      assertEquals(a.getTagName(), b.getTagName(), where);
      NamedNodeMap aa = a.getAttributes();
      assertEquals(names(aa), names(b.getAttributes()), where + " attributes");
      for (int i = 0; i < aa.getLength(); i++) {
        Node x = aa.item(i);
        String name = x.getNodeName();
        if (name.equals("clip-path")) {
          compare(
              clip(clipsA, x.getNodeValue()), clip(clipsB, b.getAttribute(name)), where + "@clip");
        } else {
          sameText(x.getNodeValue(), b.getAttribute(name), where + "@" + name);
        }
      }
      List<Element> ca = drawn(a);
      List<Element> cb = drawn(b);
      assertEquals(ca.size(), cb.size(), where + " children");
      if (ca.isEmpty()) {
        assertEquals(a.getTextContent(), b.getTextContent(), where + " text");
      }
      for (int i = 0; i < ca.size(); i++) {
        compare(ca.get(i), cb.get(i), where + "/" + ca.get(i).getTagName() + "[" + i + "]");
      }
    }

    private static Element clip(Map<String, Element> clips, String url) {
      Matcher m = Pattern.compile("url\\(#(.+)\\)").matcher(url);
      assertTrue(m.matches(), url);
      Element e = clips.get(m.group(1));
      assertTrue(e != null, "no clip path " + url);
      return e;
    }

    private static List<Element> drawn(Element e) {
      List<Element> c = children(e);
      c.removeIf(x -> x.getTagName().equals("defs"));
      return c;
    }
  }

  private static List<String> names(NamedNodeMap m) {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < m.getLength(); i++) {
      n.add(m.item(i).getNodeName());
    }
    n.sort(null);
    return n;
  }

  private static List<Element> children(Element e) {
    List<Element> c = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element x) {
        c.add(x);
      }
    }
    return c;
  }

  /** Equal text around the numbers, and every number within the rounding (half a thousandth). */
  private static void sameText(String expected, String actual, String where) {
    Matcher me = NUMBER.matcher(expected);
    Matcher ma = NUMBER.matcher(actual);
    int pe = 0;
    int pa = 0;
    while (me.find()) {
      if (!ma.find()) {
        fail(where + ": fewer numbers in " + clip(actual) + " than in " + clip(expected));
      }
      assertEquals(
          expected.substring(pe, me.start()), actual.substring(pa, ma.start()), where + " text");
      double x = Double.parseDouble(me.group());
      double y = Double.parseDouble(ma.group());
      if (Math.abs(x - y) > 0.0005 + 1e-9) {
        fail(where + ": " + me.group() + " written as " + ma.group());
      }
      pe = me.end();
      pa = ma.end();
    }
    assertTrue(!ma.find(), where + ": more numbers in " + clip(actual));
    assertEquals(expected.substring(pe), actual.substring(pa), where + " text");
  }

  private static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
