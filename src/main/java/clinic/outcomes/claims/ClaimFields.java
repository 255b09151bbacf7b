package clinic.outcomes.claims;

import clinic.outcomes.core.SettingsException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to the fields of one claim as the safe YAML loader returns them (a map of
 * strings, numbers, booleans, lists, maps). Every failure is a {@link SettingsException} whose
 * message names the file, the claim (its id, or its position when the id is unusable) and the
 * field.
 */
final class ClaimFields {
  private final String file;
  private final int position;
  private final Map<?, ?> values;
  private String label;

  /**
   * @param file the claims file as the user named it
   * @param position the claim's 1-based position in the file
   * @param values the claim's mapping
   */
  ClaimFields(String file, int position, Map<?, ?> values) {
    this.file = file;
    this.position = position;
    this.values = values;
    this.label = "claim " + position;
  }

  /** Names the claim by its id in later messages, once the id is known to be valid. */
  void identify(String id) {
    this.label = "claim '" + id + "'";
  }

  int position() {
    return position;
  }

  /**
   * The failure for a field, e.g. {@code jobs/claims.yaml: claim 'x': field 'threshold' is
   * missing}.
   */
  SettingsException error(String field, String problem) {
    return new SettingsException(file + ": " + label + ": field '" + field + "' " + problem);
  }

  /** The keys of the claim's mapping, as written. */
  Collection<?> keys() {
    return values.keySet();
  }

  boolean has(String field) {
    return values.containsKey(field);
  }

  /** True when the field is present as empty or blank text (e.g. an unquoted {@code >}). */
  boolean blank(String field) {
    Object v = values.get(field);
    return values.containsKey(field) && (v == null || v instanceof String s && s.isBlank());
  }

  /** A required text field, trimmed and not empty. */
  String text(String field) {
    String v = optionalText(field);
    if (v == null) {
      throw error(field, "is missing");
    }
    return v;
  }

  /**
   * An optional text field, trimmed; null when absent. Whole numbers are read as text (so that
   * {@code group: 1} means the group "1"); other types are refused.
   */
  String optionalText(String field) {
    if (!values.containsKey(field)) {
      return null;
    }
    Object v = values.get(field);
    if (v == null) {
      throw error(field, "is empty");
    }
    if (v instanceof String s) {
      if (s.isBlank()) {
        throw error(field, "is empty");
      }
      return s.strip();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return v.toString();
    }
    throw error(field, "must be text, not " + describe(v) + quoteHint(v));
  }

  /** A required number; YAML integers and decimals both count. */
  double number(String field) {
    if (!values.containsKey(field) || values.get(field) == null) {
      throw error(field, "is missing");
    }
    Object v = values.get(field);
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    String hint =
        v instanceof String s && s.strip().endsWith("%")
            ? " (write a rate as a proportion: 0.05 for 5 %)"
            : " (e.g. 2 or 0.05)";
    throw error(field, "must be a finite number, not " + describe(v) + hint);
  }

  /** An optional whole number; {@code fallback} when absent. */
  int integer(String field, int fallback) {
    if (!values.containsKey(field)) {
      return fallback;
    }
    Object v = values.get(field);
    if (v instanceof Integer i) {
      return i;
    }
    throw error(field, "must be a whole number, not " + describe(v));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "empty";
    }
    if (v instanceof Boolean) {
      return "yes/no (" + v + ")";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof Date) {
      return "a date";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Number) {
      return "the number " + v;
    }
    return "a value of YAML type " + v.getClass().getSimpleName();
  }

  private static String quoteHint(Object v) {
    return v instanceof Boolean || v instanceof Date || v instanceof Number
        ? "; put the value in quotes"
        : "";
  }
}
