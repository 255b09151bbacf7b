package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escaping, formatting, templates and tables. */
class HtmlTest {
  @Test
  void escapesMarkupQuotesAndControlCharacters() {
    assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("<script>alert(1)</script>"));
    assertEquals("a &amp; b &quot;c&quot; &#39;d&#39;", Html.escape("a & b \"c\" 'd'"));
    assertEquals("x&#xFFFD;y", Html.escape("x\u0000y"));
    assertEquals("", Html.escape(null));
  }

  @Test
  void formatsNumbersWithoutNegativeZeroAndWithATrueMinus() {
    assertEquals("0.00", Html.num(-0.001, 2));
    assertEquals("\u22121.50", Html.num(-1.5, 2));
    assertEquals("\u2014", Html.num(null, 2));
    assertEquals("\u2014", Html.num(Double.NaN, 2));
    assertEquals("<0.001", Html.p(1e-9));
    assertEquals("12.5\u00a0%", Html.pct(0.125));
  }

  @Test
  void templateEscapesPlainValuesAndInsertsSafeFragments() {
    Map<String, Object> v = new HashMap<>();
    v.put("title", "<b>x</b>");
    v.put("style", new Html.Safe("p{}"));
    v.put("lede", "a");
    String page = renderTitleOnly(v);
    assertTrue(page.contains("&lt;b&gt;x&lt;/b&gt;"));
    assertFalse(page.contains("<b>x</b>"));
  }

  private static String renderTitleOnly(Map<String, Object> v) {
    Template t = Template.of("probe", "<h1>{{title}}</h1><style>{{style}}</style><p>{{lede}}</p>");
    return t.render(v);
  }

  @Test
  void templateRefusesMissingAndUnusedValues() {
    Template t = Template.of("probe", "<h1>{{title}}</h1>");
    assertThrows(IllegalArgumentException.class, () -> t.render(Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> t.render(Map.of("title", "a", "other", "b")));
  }

  @Test
  void theShippedTemplatesHaveNoScriptAndForbidExternalLoads() {
    for (String name : List.of("report.html", "case-study.html")) {
      String text = Template.resource(name);
      assertFalse(text.toLowerCase().contains("<script"), name);
      assertTrue(text.contains("default-src 'none'; img-src data:"), name);
    }
  }

  @Test
  void tableCellsAndAttributesAreEscaped() {
    HtmlTable t = new HtmlTable("x").caption("<c>").head("<h>");
    t.row("r").attr("data-key", "\"><script>").td("<td>", "num", Map.of("data-x", "'"));
    String html = t.html().html();
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;td&gt;"));
    assertTrue(html.contains("data-key=\"&quot;&gt;&lt;script&gt;\""));
    assertTrue(html.contains("data-x=\"&#39;\""));
  }

  @Test
  void aClaimSentenceWithASmallWholeNumberIsNotPublished() {
    ClaimRow c =
        new ClaimRow(
            "c",
            "s",
            "rate",
            new Interval(0.1, 0.05, 0.2),
            0.99,
            40L,
            "<",
            0.25,
            10L,
            "supported",
            "x");
    assertFalse(ClaimText.safeToPublish("3 of 40 episodes", c, 11));
    assertTrue(ClaimText.safeToPublish("12 of 40 episodes, 2.5 points, 99 % interval", c, 11));
    assertTrue(ClaimText.safeToPublish("at least 10 episodes", c, 11), "the claim's own minimum n");
  }
}
