package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds an HTML table; every header, cell and attribute value is escaped. */
public final class HtmlTable {
  private final String cssClass;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<String> headers = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private String caption;
  private String captionStyle;

  /** A table with a CSS class (may be null). */
  public HtmlTable(String cssClass) {
    this.cssClass = cssClass;
  }

  /** Sets the caption. */
  public HtmlTable caption(String text) {
    this.caption = text;
    return this;
  }

  /** Sets the caption with an inline CSS style (for pages without the report's style sheet). */
  public HtmlTable caption(String text, String style) {
    this.caption = text;
    this.captionStyle = style;
    return this;
  }

  /** Adds an attribute to the table element. */
  public HtmlTable attr(String name, String value) {
    attributes.put(name, value);
    return this;
  }

  /** Sets the header cells. */
  public HtmlTable head(String... names) {
    headers.addAll(List.of(names));
    return this;
  }

  /** Starts a new row with an optional CSS class. */
  public Row row(String rowClass) {
    Row r = new Row(rowClass);
    rows.add(r);
    return r;
  }

  /** Starts a new row. */
  public Row row() {
    return row(null);
  }

  /** Number of body rows. */
  public int size() {
    return rows.size();
  }

  /** The table as a safe fragment. */
  public Html.Safe html() {
    StringBuilder b = new StringBuilder("<table");
    appendAttr(b, "class", cssClass);
    attributes.forEach((k, v) -> appendAttr(b, k, v));
    b.append(">");
    if (caption != null) {
      b.append("<caption");
      appendAttr(b, "style", captionStyle);
      b.append(">").append(Html.escape(caption)).append("</caption>");
    }
    if (!headers.isEmpty()) {
      b.append("<thead><tr>");
      for (String h : headers) {
        b.append("<th scope=\"col\">").append(Html.escape(h)).append("</th>");
      }
      b.append("</tr></thead>");
    }
    b.append("<tbody>");
    for (Row r : rows) {
      r.append(b);
    }
    b.append("</tbody></table>");
    return new Html.Safe(b.toString());
  }

  private static void appendAttr(StringBuilder b, String name, String value) {
    if (value != null) {
      b.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"');
    }
  }

  /** One body row. */
  public static final class Row {
    private final String cssClass;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<String> cells = new ArrayList<>();

    private Row(String cssClass) {
      this.cssClass = cssClass;
    }

    /** Adds an attribute to the row element. */
    public Row attr(String name, String value) {
      attributes.put(name, value);
      return this;
    }

    /** A row header cell (first column). */
    public Row th(Object text) {
      cells.add("<th scope=\"row\">" + Html.escape(text) + "</th>");
      return this;
    }

    /** A plain text cell. */
    public Row td(Object text) {
      return td(text, null);
    }

    /** A text cell with a CSS class. */
    public Row td(Object text, String cellClass) {
      return td(text, cellClass, Map.of());
    }

    /** A text cell with a CSS class and attributes. */
    public Row td(Object text, String cellClass, Map<String, String> attrs) {
      StringBuilder b = new StringBuilder("<td");
      appendAttr(b, "class", cellClass);
      new TreeMap<>(attrs).forEach((k, v) -> appendAttr(b, k, v));
      b.append('>').append(Html.escape(text)).append("</td>");
      cells.add(b.toString());
      return this;
    }

    /** A cell with a prebuilt safe fragment. */
    public Row html(Html.Safe content, String cellClass) {
      StringBuilder b = new StringBuilder("<td");
      appendAttr(b, "class", cellClass);
      b.append('>').append(content.html()).append("</td>");
      cells.add(b.toString());
      return this;
    }

    private void append(StringBuilder b) {
      b.append("<tr");
      appendAttr(b, "class", cssClass);
      attributes.forEach((k, v) -> appendAttr(b, k, v));
      b.append('>');
      cells.forEach(b::append);
      b.append("</tr>");
    }
  }
}
