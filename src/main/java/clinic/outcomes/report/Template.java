package clinic.outcomes.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTML template: {@code {{name}}} placeholders in a UTF-8 resource under {@code
 * src/main/resources/report/}. A value of type {@link Html.Safe} is inserted as is; any other value
 * is escaped. A placeholder without a value, or a value without a placeholder, is an error, so a
 * typo cannot silently drop a section.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_][a-z0-9_]*)}}");
  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Loads {@code report/NAME} from the class path. */
  public static Template load(String fileName) {
    return new Template(fileName, resource(fileName));
  }

  /** A template from text (for tests and fragments). */
  static Template of(String name, String text) {
    return new Template(name, text);
  }

  /** The text of {@code report/NAME} on the class path. */
  public static String resource(String fileName) {
    String path = "/report/" + fileName;
    try (InputStream in = Template.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills every placeholder. */
  public String render(Map<String, ?> values) {
    Set<String> unused = new LinkedHashSet<>(values.keySet());
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() * 2);
    while (m.find()) {
      String key = m.group(1);
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException("template " + name + ": no value for {{" + key + "}}");
      }
      unused.remove(key);
      Object v = values.get(key);
      String html = v instanceof Html.Safe s ? s.html() : Html.escape(v);
      m.appendReplacement(out, Matcher.quoteReplacement(html));
    }
    m.appendTail(out);
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("template " + name + ": no placeholder for " + unused);
    }
    return out.toString();
  }
}
