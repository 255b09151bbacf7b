package clinic.outcomes.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One-line messages for YAML that {@link SafeYaml} refused: the line and column, the claim and
 * field found near that line, what was wrong, and a hint for the common mistakes (an unquoted
 * {@code >} or {@code >=}, a type tag).
 */
final class YamlProblems {
  private static final Pattern ID_LINE =
      Pattern.compile("^\\s*(?:-\\s+)?id\\s*:\\s*['\"]?([A-Za-z0-9_.-]+)");
  private static final Pattern KEY_LINE =
      Pattern.compile("^\\s*(?:-\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*:");

  private YamlProblems() {}

  /**
   * The message for a refused document.
   *
   * @param name the file as the user named it
   * @param text the file's text
   * @param e the loader's exception
   * @param document what the file is
   */
  static String describe(
      String name, String text, MarkedYAMLException e, SafeYaml.Document document) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    StringBuilder out = new StringBuilder(name).append(": ");
    if (mark != null) {
      out.append("line ")
          .append(mark.getLine() + 1)
          .append(", column ")
          .append(mark.getColumn() + 1);
      out.append(near(text, mark.getLine())).append(": ");
    }
    out.append(document.invalid()).append(": ");
    if (problem.contains("tag")) {
      out.append("YAML type tags are not allowed in a ")
          .append(document.noun())
          .append(" (")
          .append(problem.strip())
          .append(")");
    } else {
      out.append(problem.strip());
    }
    String context = e.getContext() == null ? "" : e.getContext();
    if (context.contains("block scalar")) {
      out.append(
          "; an unquoted > or >= starts a YAML text block: write the operator in quotes,"
              + " e.g. operator: \">=\"");
    }
    return out.toString();
  }

  /** " (claim 'x', field 'y')" from the last id at or above {@code line} and the key on it. */
  private static String near(String text, int line) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    String id = null;
    for (int i = 0; i <= line && i < lines.length; i++) {
      Matcher m = ID_LINE.matcher(lines[i]);
      if (m.find()) {
        id = m.group(1);
      }
    }
    String field = null;
    if (line < lines.length) {
      Matcher m = KEY_LINE.matcher(lines[line]);
      if (m.find()) {
        field = m.group(1);
      }
    }
    if (id == null && field == null) {
      return "";
    }
    String claim = id == null ? "" : "claim '" + id + "'";
    String key = field == null ? "" : "field '" + field + "'";
    return " (" + claim + (id != null && field != null ? ", " : "") + key + ")";
  }
}
