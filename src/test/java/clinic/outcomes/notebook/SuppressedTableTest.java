package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.notebook.SuppressedTable.Kind;
import clinic.outcomes.notebook.SuppressedTable.Rule;
import clinic.outcomes.report.Suppression.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Published tables for drafting; every expectation below is worked out by hand from the rules. */
class SuppressedTableTest {
  private static List<String> column(Table t, String name) {
    return t.stringColumn(name).asList();
  }

  @Test
  void aSmallPartIsShownAsLessThanTheLimitAndTheNextSmallestPartIsWithheld() {
    // Parts a 20, b 5, c 30 add up to the total 55. b (5) is small: "<11". Given the total and the
    // other two parts it could be worked back (55 - 20 - 30), so the smallest shown part of that
    // sum, a (20), is withheld too ("*"). Then a + b = 25 is not small: nothing more.
    SuppressedTable t =
        new SuppressedTable("Episodes by technique", 11)
            .count("n", "Episodes", null)
            .stat("Mean", Rule.GROUP_NOT_SMALL, List.of("n"), k -> "mean of " + k)
            .stat("Share", Rule.ALL_SHOWN, List.of("n"), k -> "share of " + k)
            .row(Kind.PART, "a", "A", null, Map.of("n", 20L))
            .row(Kind.PART, "b", "B", null, Map.of("n", 5L))
            .row(Kind.PART, "c", "C", null, Map.of("n", 30L))
            .row(Kind.TOTAL, "all", "All", null, Map.of("n", 55L));

    Table p = t.published();

    assertEquals(List.of("key", "row", "Episodes", "Mean", "Share"), p.columnNames());
    assertEquals(List.of("*", "<11", "30", "55"), column(p, "Episodes"));
    // Every statistic of a withheld group goes, small or withheld to protect another.
    assertEquals(List.of("\u2014", "\u2014", "mean of c", "mean of all"), column(p, "Mean"));
    assertEquals(List.of("\u2014", "\u2014", "share of c", "share of all"), column(p, "Share"));
    assertEquals(Status.COMPLEMENTARY, t.status("a", "n"));
    assertEquals(Status.PRIMARY, t.status("b", "n"));
    assertEquals(List.of(20L, 5L, 30L, 55L), t.counts().longColumn("n").asList());
  }

  /** A row whose responder count is null (undefined), as a statistic row can have. */
  private static Map<String, Long> nullResponders(long n) {
    Map<String, Long> m = new java.util.HashMap<>();
    m.put("n", n);
    m.put("resp", null);
    return m;
  }

  @Test
  void aSmallComplementOfACountIsProtectedThroughItsDenominator() {
    // 35 responders of 40: the 5 non-responders are never shown but follow from 40 - 35, so the
    // responder count is withheld ("*") and the responder rate with it. 12 of 60: complement 48,
    // nothing small, all shown. 0 of 15: zero is not a small count.
    SuppressedTable t =
        new SuppressedTable("Responders", 11)
            .count("n", "Episodes", null)
            .count("resp", "Responders", "n")
            .stat("Rate", Rule.ALL_SHOWN, List.of("resp", "n"), k -> "rate " + k)
            .row(Kind.OTHER, "x", "X", null, Map.of("n", 40L, "resp", 35L))
            .row(Kind.OTHER, "y", "Y", null, Map.of("n", 60L, "resp", 12L))
            .row(Kind.OTHER, "z", "Z", null, Map.of("n", 15L, "resp", 0L))
            .row(Kind.OTHER, "w", "W", null, nullResponders(15L));

    Table p = t.published();

    assertEquals(List.of("40", "60", "15", "15"), column(p, "Episodes"));
    assertEquals(List.of("*", "12", "0", "\u2014"), column(p, "Responders"));
    assertEquals(List.of("\u2014", "rate y", "rate z", "rate w"), column(p, "Rate"));
  }

  @Test
  void aGroupRowIsTheSumOfItsMembersAndASumThatDoesNotAddUpIsNoRelation() {
    // Group g = m1 + m2 = 30 + 4: m2 (4) is small and could be worked back from g, so m1 is
    // withheld. The total row (99) is not the sum of the parts (30 + 4 + 50 = 84: other rows
    // exist), so no relation is declared there and c stays shown.
    SuppressedTable t =
        new SuppressedTable("Groups", 11)
            .count("n", "Episodes", null)
            .row(Kind.PART, "m1", "M1", null, Map.of("n", 30L))
            .row(Kind.PART, "m2", "M2", null, Map.of("n", 4L))
            .row(Kind.PART, "c", "C", null, Map.of("n", 50L))
            .row(Kind.GROUP, "g", "G", List.of("m1", "m2"), Map.of("n", 34L))
            .row(Kind.TOTAL, "all", "All", null, Map.of("n", 99L));

    assertEquals(List.of("*", "<11", "50", "34", "99"), column(t.published(), "Episodes"));
  }

  @Test
  void columnsThatAddUpAcrossARowAreARelation() {
    // any = soreness + bruising in every row: 3 + 40 = 43. Soreness 3 is small; with "any" and
    // bruising shown it follows, so bruising (the smaller shown member besides the total) goes.
    SuppressedTable t =
        new SuppressedTable("Events", 11)
            .count("any", "Any", null)
            .count("soreness", "Soreness", null)
            .count("bruising", "Bruising", null)
            .sum("any", List.of("soreness", "bruising"))
            .row(Kind.OTHER, "s", "S", null, Map.of("any", 43L, "soreness", 3L, "bruising", 40L));

    Table p = t.published();

    assertEquals(List.of("43"), column(p, "Any"));
    assertEquals(List.of("<11"), column(p, "Soreness"));
    assertEquals(List.of("*"), column(p, "Bruising"));
  }
}
