package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The anonymized case study, read as an outsider would: no client, session or therapist id and no
 * full date from the input anywhere in the page or its charts; no count from 1 to 10 shown, nor
 * derivable from a total, a group, a column sum or a denominator; no statistic of a suppressed
 * group; markup from the claims file shown as text. Checked on the sample data and on a tiny
 * dataset where most groups are small.
 */
class CaseStudyPrivacyTest {
  private static final int MIN = 11;
  private static final Pattern DATA_URI =
      Pattern.compile("data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  @Test
  void sampleDataCaseStudyHasNoIdentifiers() throws IOException {
    noIdentifiers(ReportFixture.sample());
  }

  @Test
  void tinyDataCaseStudyHasNoIdentifiers() throws IOException {
    noIdentifiers(ReportFixture.tiny());
  }

  @Test
  void sampleDataCaseStudyShowsNoSmallCount() throws IOException {
    noSmallCount(ReportFixture.sample(), false);
  }

  @Test
  void tinyDataCaseStudyShowsNoSmallCount() throws IOException {
    noSmallCount(ReportFixture.tiny(), true);
  }

  @Test
  void claimsMarkupIsShownAsText() throws IOException {
    for (ReportFixture.Run run : List.of(ReportFixture.sample(), ReportFixture.tiny())) {
      for (Path page : List.of(run.caseStudy(), run.report())) {
        String html = Files.readString(page);
        assertTrue(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            page + ": statement not escaped");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), page + ": a script element");
        assertFalse(html.contains("<img src=x"), page + ": markup from the explanation");
      }
      assertTrue(Files.readString(run.report()).contains("&lt;img src=x onerror=alert(2)&gt;"));
    }
  }

  /** The page minus its embedded images, plus the text of the case study's SVG charts. */
  private static String visible(ReportFixture.Run run) throws IOException {
    StringBuilder b =
        new StringBuilder(DATA_URI.matcher(Files.readString(run.caseStudy())).replaceAll("data:"));
    List<Path> svgs =
        ReportFixture.charts(run, "case_study_").stream()
            .filter(p -> p.toString().endsWith(".svg"))
            .toList();
    assertTrue(svgs.size() >= 6, "case-study charts: " + svgs);
    for (Path svg : svgs) {
      b.append('\n').append(DATA_URI.matcher(Files.readString(svg)).replaceAll("data:"));
    }
    return b.toString();
  }

  private static void noIdentifiers(ReportFixture.Run run) throws IOException {
    String text = visible(run);
    Set<String> ids = new TreeSet<>();
    ids.addAll(
        column(run.input().resolve("sessions.csv"), "session_id", "client_id", "therapist_id"));
    ids.addAll(column(run.input().resolve("pain_scores.csv"), "client_id", "session_id"));
    ids.addAll(column(run.input().resolve("clients.csv"), "client_id"));
    assertTrue(ids.size() > 50, "too few ids read from the input: " + ids.size());
    Set<String> tokens = new TreeSet<>(List.of(text.split("[^A-Za-z0-9_.-]+")));
    Set<String> found = new TreeSet<>(ids);
    found.retainAll(tokens);
    assertTrue(found.isEmpty(), "ids in the case study: " + found);
    Set<String> dates = new TreeSet<>();
    for (String f : List.of("sessions.csv", "pain_scores.csv", "clients.csv")) {
      Path p = run.input().resolve(f);
      Matcher m = DATE.matcher(Files.exists(p) ? Files.readString(p) : "");
      while (m.find()) {
        dates.add(m.group());
      }
    }
    assertTrue(dates.size() > 50, "too few dates read from the input");
    Set<String> shown = new TreeSet<>();
    Matcher any = DATE.matcher(text);
    while (any.find()) {
      shown.add(any.group());
    }
    assertTrue(shown.isEmpty(), "full dates in the case study: " + shown);
    dates.retainAll(tokens);
    assertTrue(dates.isEmpty(), "input dates in the case study: " + dates);
  }

  /**
   * The values of the named columns (a plain split: the test inputs have no quoted commas in ids).
   */
  private static Set<String> column(Path csv, String... names) throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.exists(csv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).toLowerCase(Locale.ROOT).split(",", -1));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      for (String name : names) {
        int i = header.indexOf(name);
        if (i >= 0 && i < f.length) {
          String v = f[i].replace("\"", "").trim();
          if (v.length() >= 2) {
            out.add(v);
          }
        }
      }
    }
    return out;
  }

  private static void noSmallCount(ReportFixture.Run run, boolean expectSuppression)
      throws IOException {
    String html = Files.readString(run.caseStudy());
    List<PublishedTables.Table> tables = PublishedTables.parse(html);
    assertTrue(tables.size() >= 8, "figure tables: " + tables.size());
    int primary = 0;
    int complementary = 0;
    for (PublishedTables.Table t : tables) {
      for (PublishedTables.Row r : t.rows()) {
        for (PublishedTables.Cell c : r.cells()) {
          if (!c.isCount()) {
            continue;
          }
          Long v = value(c);
          if (v != null) {
            assertFalse(Suppression.isSmall(v, MIN), "count " + v + " shown in row " + r.key());
          } else if (c.text().equals("<" + MIN)) {
            primary++;
          } else if (c.text().equals("*")) {
            complementary++;
          } else if (!c.text().equals("\u2014")) {
            fail("unexpected count cell text '" + c.text() + "'");
          }
        }
        statisticsOfSuppressedCountsAreHidden(r);
      }
      attack(t);
    }
    if (expectSuppression) {
      assertTrue(primary > 0, "expected small counts to be suppressed");
      assertTrue(complementary > 0, "expected complementary suppression");
    }
  }

  private static Long value(PublishedTables.Cell c) {
    return c.text().matches("\\d+") ? Long.parseLong(c.text()) : null;
  }

  private static boolean hidden(PublishedTables.Cell c) {
    return c != null && (c.text().equals("<" + MIN) || c.text().equals("*"));
  }

  private static void statisticsOfSuppressedCountsAreHidden(PublishedTables.Row r) {
    for (PublishedTables.Cell c : r.cells()) {
      String deps = c.attrs().get("data-dep");
      if (deps == null) {
        continue;
      }
      boolean all = "all".equals(c.attrs().get("data-rule"));
      for (String d : deps.split(" ")) {
        PublishedTables.Cell dep = r.count(d);
        boolean mustHide = all ? hidden(dep) : dep != null && dep.text().equals("<" + MIN);
        if (mustHide) {
          assertTrue(
              c.text().equals("\u2014"),
              "row " + r.key() + ": '" + c.text() + "' shown although " + d + " is suppressed");
        }
      }
    }
  }

  /**
   * A reader's attack: every relation the page declares (total row = part rows, group row = its
   * parts, column sums, a count and its complement within its denominator) is solved for a single
   * unknown, repeatedly; nothing so derived may be a count from 1 to 10.
   */
  private static void attack(PublishedTables.Table t) {
    Map<String, Long> known = new HashMap<>();
    List<List<String>> relations = new ArrayList<>();
    List<PublishedTables.Row> parts =
        t.rows().stream().filter(r -> r.kind().equals("part")).toList();
    Set<String> cols = new TreeSet<>();
    for (PublishedTables.Row r : t.rows()) {
      for (PublishedTables.Cell c : r.cells()) {
        if (c.isCount() && !c.text().equals("\u2014")) {
          String id = r.key() + "/" + c.attrs().get("data-col");
          cols.add(c.attrs().get("data-col"));
          if (value(c) != null) {
            known.put(id, value(c));
          }
          String of = c.attrs().get("data-of");
          if (of != null && r.count(of) != null) {
            relations.add(List.of(r.key() + "/" + of, id, id + "/complement"));
          }
        }
      }
    }
    for (String col : cols) {
      for (PublishedTables.Row total :
          t.rows().stream().filter(r -> r.kind().equals("total")).toList()) {
        relation(relations, total, parts, col);
      }
      for (PublishedTables.Row g :
          t.rows().stream().filter(r -> r.kind().equals("group")).toList()) {
        List<String> members = List.of(g.attrs().get("data-parts").split(" "));
        relation(
            relations, g, t.rows().stream().filter(r -> members.contains(r.key())).toList(), col);
      }
    }
    String sums = t.attrs().get("data-sums");
    if (sums != null) {
      for (String s : sums.split(" ")) {
        String[] eq = s.split("=");
        for (PublishedTables.Row r : t.rows()) {
          List<String> rel = new ArrayList<>(List.of(r.key() + "/" + eq[0]));
          for (String p : eq[1].split("\\+")) {
            rel.add(r.key() + "/" + p);
          }
          relations.add(rel);
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (List<String> rel : relations) {
        List<String> unknown = rel.stream().filter(x -> !known.containsKey(x)).toList();
        if (unknown.size() != 1) {
          continue;
        }
        String u = unknown.get(0);
        long partsSum =
            rel.subList(1, rel.size()).stream()
                .filter(known::containsKey)
                .mapToLong(known::get)
                .sum();
        long v = u.equals(rel.get(0)) ? partsSum : known.get(rel.get(0)) - partsSum;
        assertFalse(
            Suppression.isSmall(v, MIN),
            "the count " + u + " = " + v + " can be worked back in table " + t.attrs());
        known.put(u, v);
        changed = true;
      }
    }
  }

  private static void relation(
      List<List<String>> relations,
      PublishedTables.Row total,
      List<PublishedTables.Row> parts,
      String col) {
    if (total.count(col) == null
        || parts.isEmpty()
        || parts.stream().anyMatch(p -> p.count(col) == null)) {
      return;
    }
    List<String> rel = new ArrayList<>(List.of(total.key() + "/" + col));
    parts.forEach(p -> rel.add(p.key() + "/" + col));
    relations.add(rel);
  }
}
