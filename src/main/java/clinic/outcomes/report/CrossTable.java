package clinic.outcomes.report;

import clinic.outcomes.disclosure.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relations of the case study that cross its tables, beyond the same count shown twice
 * (declared with {@link CountTable#same}): episodes with and without follow-up make up a measure's
 * episodes; a measure's episodes are no more than all episodes; a claim's number of episodes is a
 * figure a table may show too. And the one-line reason a page is refused.
 */
final class CrossTable {
  private CrossTable() {}

  /** Declares the cross-table relations that hold for these figures. */
  static void relate(Suppression s, List<String> measures, ClaimsSection claims) {
    Integer episodes = s.id("records/episodes/count");
    List<Integer> courseCells = new ArrayList<>();
    for (String m : measures) {
      Integer all = s.id("course_" + m + "/all/n");
      Integer with = s.id("followup/" + m + "/n");
      Integer without = s.id("followup/" + m + "/missing");
      if (all != null
          && with != null
          && without != null
          && s.value(with) + s.value(without) == s.value(all)) {
        s.relation(all, with, without);
      }
      if (all != null && episodes != null && s.value(all) <= s.value(episodes)) {
        s.atMost(all, episodes);
      }
      for (String col : List.of("n", "resp")) {
        for (int id = 0; id < s.size(); id++) {
          String name = s.name(id);
          if (name != null && name.startsWith("course_" + m + "/") && name.endsWith("/" + col)) {
            courseCells.add(id);
          }
        }
      }
    }
    // A claim's n is a number of episodes that a course table may show as well: where the values
    // agree, a reader may take them for the same count (which only makes the audit stricter).
    for (int claim : claims.nCells()) {
      if (claim < 0) {
        continue;
      }
      for (int cell : courseCells) {
        if (s.value(cell) == s.value(claim)) {
          s.relation(claim, cell);
        }
      }
    }
  }

  /** Why a page that fails its audit is not published, in one line. */
  static String refusal(Suppression s, Suppression.Result r) {
    List<String> cells = new ArrayList<>();
    for (int id : r.unprotected()) {
      Range range = r.range(id);
      String name = s.name(id) == null ? "a derived count" : s.name(id);
      cells.add(
          range.consistent()
              ? String.format(
                  Locale.ROOT,
                  "%s (a reader can tell %.1f to %.1f)",
                  name,
                  range.low(),
                  range.high())
              : name + " (the published figures contradict each other)");
    }
    return "case-study.html not written: the disclosure audit cannot protect "
        + cells.size()
        + " suppressed count"
        + (cells.size() == 1 ? "" : "s")
        + ": "
        + String.join(", ", cells.subList(0, Math.min(3, cells.size())))
        + (cells.size() > 3 ? ", ..." : "")
        + "; see case_study_cells";
  }
}
