package clinic.outcomes.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The count tables of a published {@code case-study.html}, read back from the page: what a reader
 * of the case study sees. It relies on the structure the report gives its count tables for auditing
 * ({@code <table class="figures">} with a caption, rows with {@code data-key}, cells as {@code <td
 * class="count" data-col=..>} or {@code <td class="stat ..">}).
 */
public final class CaseStudyPage {
  private static final Pattern TABLE =
      Pattern.compile("<table class=\"figures\"[^>]*>(.*?)</table>", Pattern.DOTALL);
  private static final Pattern CAPTION =
      Pattern.compile("<caption>(.*?)</caption>", Pattern.DOTALL);
  private static final Pattern HEADER =
      Pattern.compile("<th scope=\"col\">(.*?)</th>", Pattern.DOTALL);
  private static final Pattern ROW =
      Pattern.compile(
          "<tr class=\"(part|group|total|other)\" data-key=\"([^\"]*)\"[^>]*><th scope=\"row\">(.*?)</th>(.*?)</tr>",
          Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

  private final Map<String, Table> tables = new LinkedHashMap<>();

  private CaseStudyPage(String html) {
    Matcher t = TABLE.matcher(html);
    while (t.find()) {
      Table table = parseTable(t.group(1));
      if (table != null) {
        tables.put(table.name(), table);
      }
    }
  }

  /** Reads a case-study page (the run's {@code case-study.html}). */
  public static CaseStudyPage read(Path html) {
    try {
      return parse(Files.readString(html, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + html, e);
    }
  }

  /** Reads the count tables of a page given as text. */
  public static CaseStudyPage parse(String html) {
    return new CaseStudyPage(html);
  }

  /** The captions of the page's count tables, in page order. */
  public List<String> captions() {
    return List.copyOf(tables.keySet());
  }

  /**
   * The table with this caption, as published: columns {@code key}, {@code row} (the row label),
   * then one text column per header of the page's table (a repeated header gets " (2)", " (3)",
   * ...), in the same shape as {@link SuppressedTable#published()}.
   *
   * @throws IllegalArgumentException when the page has no such table
   */
  public Table table(String caption) {
    Table t = tables.get(caption);
    if (t == null) {
      throw new IllegalArgumentException(
          "the page has no table \"" + caption + "\"; it has " + captions());
    }
    return t.copy();
  }

  /**
   * Where two published tables differ, cell by cell, as readable lines ("row key / column: expected
   * X, published Y"); empty when they are the same, row for row (matched by key) and column for
   * column (matched by name).
   */
  public static List<String> differences(Table expected, Table published) {
    List<String> out = new ArrayList<>();
    if (!expected.columnNames().equals(published.columnNames())) {
      out.add(
          "columns: expected " + expected.columnNames() + ", published " + published.columnNames());
      return out;
    }
    List<String> keys = expected.stringColumn("key").asList();
    List<String> publishedKeys = published.stringColumn("key").asList();
    if (!keys.equals(publishedKeys)) {
      out.add("rows: expected " + keys + ", published " + publishedKeys);
      return out;
    }
    for (int r = 0; r < expected.rowCount(); r++) {
      for (String c : expected.columnNames()) {
        String e = expected.getString(r, c);
        String p = published.getString(r, c);
        if (!e.equals(p)) {
          out.add(keys.get(r) + " / " + c + ": expected " + e + ", published " + p);
        }
      }
    }
    return out;
  }

  private static Table parseTable(String body) {
    Matcher cap = CAPTION.matcher(body);
    if (!cap.find()) {
      return null;
    }
    Table t = Table.create(text(cap.group(1)));
    List<StringColumn> cols =
        new ArrayList<>(List.of(StringColumn.create("key"), StringColumn.create("row")));
    Matcher h = HEADER.matcher(body);
    List<String> used = new ArrayList<>(List.of("key", "row"));
    boolean first = true;
    while (h.find()) {
      if (!first) {
        cols.add(StringColumn.create(uniqueName(used, text(h.group(1)))));
      }
      first = false;
    }
    Matcher row = ROW.matcher(body);
    while (row.find()) {
      cols.get(0).append(text(row.group(2)));
      cols.get(1).append(text(row.group(3)));
      Matcher cell = CELL.matcher(row.group(4));
      for (int c = 2; c < cols.size(); c++) {
        cols.get(c).append(cell.find() ? text(cell.group(1)) : "");
      }
    }
    cols.forEach(t::addColumns);
    return t;
  }

  /**
   * {@code header}, or where a table repeats it ("%" after every count), {@code header (2)}, {@code
   * header (3)}, ...; adds the name to {@code used}.
   */
  static String uniqueName(List<String> used, String header) {
    String name = header;
    for (int k = 2; used.contains(name); k++) {
      name = header + " (" + k + ")";
    }
    used.add(name);
    return name;
  }

  /** The text of an HTML fragment: tags dropped, the report's entities decoded. */
  static String text(String html) {
    return html.replaceAll("<[^>]+>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .strip();
  }
}
