package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both reports in headless Chromium: the page loads with no console message, no exception, no
 * failed request and no request for anything but the page itself and its {@code data:} images;
 * every image decodes with a non-zero size; the claims statement {@code <script>...} is text; a
 * screenshot and a PDF are saved under {@code target/}.
 */
class ReportBrowserTest {
  private static final Pattern DATA_IMG =
      Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
  private static Path browser;

  @BeforeAll
  static void findBrowser() {
    browser = Chromium.binary().orElse(null);
    assumeTrue(browser != null, Chromium.MISSING);
  }

  @Test
  void monthlyReviewLoadsCleanly() throws Exception {
    check(ReportFixture.sample().report(), "report");
  }

  @Test
  void caseStudyLoadsCleanly() throws Exception {
    check(ReportFixture.sample().caseStudy(), "case-study");
  }

  @Test
  void caseStudyOfTinyDataLoadsCleanly() throws Exception {
    check(ReportFixture.tiny().caseStudy(), "case-study-tiny");
  }

  private static void check(Path page, String name) throws Exception {
    try (Chromium c = Chromium.start(browser, Path.of("target", "chromium").toAbsolutePath())) {
      Chromium.Load load = c.open(page.toUri().toString(), 1280, 2000);
      assertEquals(List.of(), load.problems(), name + ": console messages, errors or requests");
      JsonNode images =
          c.eval(
              "Array.from(document.images).map(i => [i.naturalWidth, i.naturalHeight, "
                  + "i.complete ? 1 : 0, Math.round(i.getBoundingClientRect().width)])");
      assertTrue(images.size() >= 5, name + ": expected the charts, got " + images);
      for (JsonNode img : images) {
        assertTrue(
            img.get(0).asInt() > 0
                && img.get(1).asInt() > 0
                && img.get(2).asInt() == 1
                && img.get(3).asInt() > 0,
            name + ": image not rendered: " + img);
      }
      assertEquals(
          0,
          c.eval("document.querySelectorAll('script').length").asInt(),
          name + ": a script element");
      assertTrue(
          c.eval("document.body.innerText.includes('" + ReportFixture.SCRIPT + "')").asBoolean(),
          name + ": the claims statement is not shown as text");
      byte[] png = c.screenshot();
      Path shot = Path.of("target", name + ".png");
      Files.write(shot, png);
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(1280, img.getWidth());
      assertEquals(2000, img.getHeight());
      assertTrue(colours(img) > 50, name + ": the screenshot looks blank");
      byte[] pdf = c.pdf();
      Files.write(Path.of("target", name + ".pdf"), pdf);
      assertTrue(
          pdf.length > 10_000 && new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"),
          name + ": no PDF");
    }
    decodeEmbeddedImages(page);
  }

  /** Every embedded PNG decodes to a non-empty image. */
  static int decodeEmbeddedImages(Path page) throws IOException {
    String html = Files.readString(page);
    Matcher m = DATA_IMG.matcher(html);
    int n = 0;
    while (m.find()) {
      BufferedImage img =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertTrue(img != null && img.getWidth() > 0 && img.getHeight() > 0, page + ": image " + n);
      n++;
    }
    assertTrue(n >= 5, page + ": only " + n + " embedded images");
    return n;
  }

  private static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** The checks catch what they are meant to: a broken page is reported. */
  @Test
  void aBrokenPageIsCaught() throws Exception {
    Path dir = Path.of("target", "chromium").toAbsolutePath();
    Files.createDirectories(dir);
    Path page = dir.resolve("broken.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>broken</title></head><body>"
            + "<img src=\"missing.png\" alt=\"\"><script>console.error('boom')</script></body></html>");
    try (Chromium c = Chromium.start(browser, dir)) {
      List<String> problems = c.open(page.toUri().toString(), 800, 600).problems();
      assertTrue(
          problems.stream().anyMatch(p -> p.startsWith("console.error")), problems.toString());
      assertTrue(
          problems.stream().anyMatch(p -> p.startsWith("request to") && p.contains("missing.png")),
          problems.toString());
      assertTrue(
          problems.stream().anyMatch(p -> p.startsWith("failed request")), problems.toString());
    }
  }
}
