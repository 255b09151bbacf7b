package clinic.outcomes.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A reader attacking a published case study with nothing but the page's text and its {@code
 * case_study_cells.csv}, written apart from the suppression code (it uses none of {@code
 * Suppression}, {@code clinic.outcomes.disclosure} or {@code PageCell}).
 *
 * <p>Every count on the page is an unknown {@code >= 0}; a shown count is fixed to its value;
 * counts the cells table names alike are one unknown. Relations come from the page's markup (total
 * rows = part rows, group rows = their parts, column sums, a count within its denominator), from
 * the cells table ({@code sums}), and from every published percentage of two counts (the numerator
 * within the rounding of the figure times the denominator). For every withheld count and every
 * complement {@code denominator - count}, one linear program over all unknowns finds the smallest
 * and largest value.
 */
final class PageAttacker {
  private static final double EPS = 1e-6;
  private static final Pattern PERCENT = Pattern.compile("^(\\d+(?:\\.(\\d+))?)[\\s\u00a0]*%");

  /** A count the reader learns too much about. */
  record Finding(String what, double low, double high, String why) {}

  private final int min;
  private final Map<String, Integer> vars = new LinkedHashMap<>();
  private final Map<Integer, Long> fixed = new LinkedHashMap<>();
  private final Map<Integer, String> hiddenMark = new LinkedHashMap<>();
  private final List<double[]> rows = new ArrayList<>();
  private final List<double[]> bounds = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private final Map<String, String> denominators = new LinkedHashMap<>();
  private final List<double[]> targetRows = new ArrayList<>();

  private PageAttacker(int min) {
    this.min = min;
  }

  private int percents;

  /** Attacks the page with its cells table; the findings (empty when nothing can be pinned). */
  static List<Finding> attack(Path page, Path cellsCsv, int min) throws IOException {
    PageAttacker a = new PageAttacker(min);
    a.read(Files.readString(page, StandardCharsets.UTF_8), Csv.read(cellsCsv));
    if (a.percents == 0 || a.targets.isEmpty()) {
      throw new AssertionError(
          "the attacker read no percentage ("
              + a.percents
              + ") or no withheld count ("
              + a.targets.size()
              + "): is the page's format what it expects?");
    }
    return a.findings();
  }

  private int var(String name) {
    return vars.computeIfAbsent(name, k -> vars.size());
  }

  private void read(String html, List<Map<String, String>> cells) {
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (Map<String, String> c : cells) {
      if (!c.get("cell").isEmpty()) {
        nameOf.put(c.get("table") + "|" + c.get("row") + "|" + c.get("column"), c.get("cell"));
        if (!c.get("of").isEmpty()) {
          denominators.put(c.get("cell"), c.get("of"));
        }
      }
    }
    List<PublishedTables.Table> tables = PublishedTables.parse(html);
    List<double[]> pending = new ArrayList<>();
    for (PublishedTables.Table t : tables) {
      String table = t.attrs().get("data-table");
      if (table == null) {
        throw new AssertionError("a figures table without data-table: " + t.attrs());
      }
      Map<String, Map<String, Integer>> ids = new LinkedHashMap<>();
      for (PublishedTables.Row r : t.rows()) {
        for (PublishedTables.Cell c : r.cells()) {
          if (!c.isCount() || c.text().equals("\u2014")) {
            continue;
          }
          String col = c.attrs().get("data-col");
          String name = nameOf.get(table + "|" + r.key() + "|" + col);
          if (name == null) {
            throw new AssertionError(
                "count on the page missing from case_study_cells: "
                    + table
                    + "/"
                    + r.key()
                    + "/"
                    + col);
          }
          int v = var(name);
          ids.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(col, v);
          if (c.text().matches("\\d+")) {
            Long before = fixed.put(v, Long.parseLong(c.text()));
            if (before != null && before != Long.parseLong(c.text())) {
              throw new AssertionError(
                  "one count shown as " + before + " and " + c.text() + ": " + name);
            }
          } else {
            hiddenMark.put(v, c.text());
          }
        }
      }
      relationsOfTable(t, ids);
    }
    for (Map<String, String> c : cells) {
      String sums = c.get("sums");
      Integer total = vars.get(c.get("cell"));
      if (!sums.isEmpty() && total != null) {
        for (String sum : sums.split(";")) {
          List<Integer> parts = new ArrayList<>();
          boolean known = true;
          for (String p : sum.split("\\+")) {
            known &= vars.containsKey(p);
            parts.add(vars.get(p));
          }
          if (known) {
            pending.add(sumRow(total, parts));
          }
        }
      }
      percent(c);
    }
    rows.addAll(pending);
    for (Map.Entry<Integer, String> h : hiddenMark.entrySet()) {
      targets.add(name(h.getKey()) + " (" + h.getValue() + ")");
      double[] obj = new double[0];
      obj = grow(obj);
      obj[h.getKey()] = 1;
      targetRows.add(obj);
    }
  }

  private void relationsOfTable(PublishedTables.Table t, Map<String, Map<String, Integer>> ids) {
    List<PublishedTables.Row> parts =
        t.rows().stream().filter(r -> r.kind().equals("part")).toList();
    for (PublishedTables.Row r : t.rows()) {
      Map<String, Integer> mine = ids.getOrDefault(r.key(), Map.of());
      for (String col : mine.keySet()) {
        List<PublishedTables.Row> members =
            r.kind().equals("total")
                ? parts
                : r.kind().equals("group")
                    ? t.rows().stream()
                        .filter(
                            p -> List.of(r.attrs().get("data-parts").split(" ")).contains(p.key()))
                        .toList()
                    : List.of();
        List<Integer> partIds =
            members.stream().map(p -> ids.getOrDefault(p.key(), Map.of()).get(col)).toList();
        if (!members.isEmpty() && !partIds.contains(null)) {
          rows.add(sumRow(mine.get(col), partIds));
        }
      }
      for (PublishedTables.Cell c : r.cells()) {
        String of = c.attrs().get("data-of");
        Integer part = mine.get(c.attrs().get("data-col"));
        if (c.isCount() && of != null && part != null && mine.get(of) != null) {
          complement(
              mine.get(of),
              part,
              t.attrs().get("data-table")
                  + "/"
                  + r.key()
                  + "/"
                  + of
                  + "-"
                  + c.attrs().get("data-col"));
        }
      }
      String sums = t.attrs().get("data-sums");
      if (sums != null) {
        for (String s : sums.split(" ")) {
          String[] eq = s.split("=");
          List<Integer> p = new ArrayList<>();
          for (String x : eq[1].split("\\+")) {
            p.add(mine.get(x));
          }
          if (mine.get(eq[0]) != null && !p.contains(null)) {
            rows.add(sumRow(mine.get(eq[0]), p));
          }
        }
      }
    }
  }

  /** {@code whole - part >= 0}, and the complement is a count the reader may try to pin. */
  private void complement(int whole, int part, String label) {
    double[] r = new double[0];
    r = grow(r);
    r[whole] += 1;
    r[part] -= 1;
    bounds.add(r);
    if (hiddenMark.containsKey(whole) || hiddenMark.containsKey(part)) {
      targets.add(label + " (derived)");
      targetRows.add(r);
    }
  }

  private void percent(Map<String, String> c) {
    String[] of = c.get("of").split(" ");
    Matcher m = PERCENT.matcher(c.get("shown"));
    // a percentage of two counts where the first is part of the second (responders of n, sessions
    // with an event of the sessions); the follow-up rate n / (n + missing) is not of that form
    if (!c.get("cell").isEmpty()
        || of.length != 2
        || !m.find()
        || !vars.containsKey(of[0])
        || !vars.containsKey(of[1])
        || !of[1].equals(denominators.get(of[0]))) {
      return;
    }
    percents++;
    int decimals = m.group(2) == null ? 0 : m.group(2).length();
    double p = Double.parseDouble(m.group(1)) / 100;
    double half = 0.5 * Math.pow(10, -decimals) / 100;
    int num = vars.get(of[0]);
    int den = vars.get(of[1]);
    double[] lowRow = grow(new double[0]);
    lowRow[num] += 1;
    lowRow[den] -= p - half;
    bounds.add(lowRow);
    double[] highRow = grow(new double[0]);
    highRow[num] -= 1;
    highRow[den] += p + half;
    bounds.add(highRow);
  }

  private double[] sumRow(int total, List<Integer> parts) {
    double[] r = grow(new double[0]);
    r[total] += 1;
    for (int p : parts) {
      r[p] -= 1;
    }
    return r;
  }

  private double[] grow(double[] r) {
    double[] out = new double[Math.max(vars.size(), 1)];
    System.arraycopy(r, 0, out, 0, r.length);
    return out;
  }

  private String name(int v) {
    return vars.entrySet().stream()
        .filter(e -> e.getValue() == v)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      double low = solve(targetRows.get(i), false);
      double high = solve(targetRows.get(i), true);
      String what = targets.get(i);
      if (Double.isNaN(low) || Double.isNaN(high)) {
        out.add(new Finding(what, low, high, "the page contradicts itself"));
      } else if (low >= 1 - EPS && high <= min - 1 + EPS) {
        out.add(new Finding(what, low, high, "pinned inside 1.." + (min - 1)));
      } else if (what.endsWith("(<" + min + ")") && (low > EPS || high < min - EPS)) {
        out.add(new Finding(what, low, high, "a small count that does not reach from 0 to " + min));
      }
    }
    return out;
  }

  private double solve(double[] objective, boolean max) {
    int n = vars.size();
    ExpressionsBasedModel m = new ExpressionsBasedModel();
    Variable[] x = new Variable[n];
    for (int i = 0; i < n; i++) {
      x[i] = m.addVariable("v" + i).lower(0);
      Long v = fixed.get(i);
      if (v != null) {
        x[i].level(v);
      }
    }
    Expression goal = m.addExpression("goal").weight(1);
    addTerms(goal, objective, x);
    int k = 0;
    for (double[] r : rows) {
      addTerms(m.addExpression("eq" + k++), r, x).level(0);
    }
    for (double[] r : bounds) {
      addTerms(m.addExpression("ge" + k++), r, x).lower(0);
    }
    Optimisation.Result res = max ? m.maximise() : m.minimise();
    if (res.getState() == Optimisation.State.UNBOUNDED) {
      return max ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return res.getState().isFeasible() ? res.getValue() : Double.NaN;
  }

  private static Expression addTerms(Expression e, double[] r, Variable[] x) {
    for (int i = 0; i < r.length && i < x.length; i++) {
      if (r[i] != 0) {
        e.set(x[i], r[i]);
      }
    }
    return e;
  }

  /** A plain RFC 4180 reader for the cells table (header row; empty cells read as ""). */
  static final class Csv {
    private Csv() {}

    static List<Map<String, String>> read(Path file) throws IOException {
      List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
      List<String> header = records.get(0);
      List<Map<String, String>> out = new ArrayList<>();
      for (List<String> r : records.subList(1, records.size())) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          m.put(header.get(i), i < r.size() ? r.get(i) : "");
        }
        out.add(m);
      }
      return out;
    }

    private static List<List<String>> parse(String text) {
      List<List<String>> out = new ArrayList<>();
      List<String> rec = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            f.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          rec.add(f.toString());
          f.setLength(0);
        } else if (ch == '\n') {
          rec.add(f.toString());
          f.setLength(0);
          out.add(rec);
          rec = new ArrayList<>();
        } else if (ch != '\r') {
          f.append(ch);
        }
      }
      if (f.length() > 0 || !rec.isEmpty()) {
        rec.add(f.toString());
        out.add(rec);
      }
      return out;
    }
  }
}
