package clinic.outcomes.claims;

import clinic.outcomes.core.SettingsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a claims file (YAML; format in {@code docs/claims.md}). The file is loaded by {@link
 * SafeYaml}: plain maps, lists, strings and numbers only, no YAML type tags ({@code !!java.io.File}
 * and the like are refused), at most 1 MiB, few aliases, no duplicate keys. Every claim is checked
 * before any Spark work; the first problem stops the run with a {@link SettingsException} (exit 2)
 * naming the file, the claim (id, or position when the id is unusable) and the field.
 */
public final class ClaimsFile {
  private ClaimsFile() {}

  /**
   * Loads and checks the claims of a file.
   *
   * @param file the claims file, e.g. {@code jobs/claims.yaml}
   * @param knownTechniques the technique codes, technique-group names and {@code all} a claim may
   *     name; any other technique is refused (it could only ever give {@code insufficient_data})
   * @return the claims in file order, at least one, unmodifiable
   * @throws SettingsException for an unreadable, malformed or invalid file, with a message naming
   *     the file, the claim and the field
   */
  public static List<Claim> load(Path file, Set<String> knownTechniques) {
    return loadAll(file, knownTechniques).claims();
  }

  /**
   * A published sentence that these records cannot test, with the reason (SPEC "Claims").
   *
   * @param statement the sentence as published
   * @param reason why the records cannot test it
   */
  public record Untestable(String statement, String reason) {}

  /** The whole file: the claims in file order and the untestable sentences. */
  public record Contents(List<Claim> claims, List<Untestable> untestable) {}

  /**
   * Loads and checks the claims and the {@code untestable:} list of a file.
   *
   * @see #load
   */
  public static Contents loadAll(Path file, Set<String> knownTechniques) {
    String name = file.toString();
    Object root = SafeYaml.load(file, SafeYaml.Document.CLAIMS);
    List<?> items = claimList(name, root);
    List<Claim> claims = new ArrayList<>(items.size());
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (!(item instanceof Map<?, ?> fields)) {
        throw new SettingsException(
            name
                + ": claim "
                + (i + 1)
                + ": must be a mapping of fields"
                + " (id, statement, statistic, ...), not "
                + (item == null ? "empty" : "'" + item + "'"));
      }
      ClaimFields f = new ClaimFields(name, i + 1, fields);
      Claim claim = ClaimParser.parse(f, knownTechniques);
      Integer first = positions.putIfAbsent(claim.id(), i + 1);
      if (first != null) {
        throw f.error("id", "duplicates the id of claim " + first + "; ids must be unique");
      }
      claims.add(claim);
    }
    return new Contents(
        List.copyOf(claims), untestable(name, ((Map<?, ?>) root).get("untestable")));
  }

  private static List<Untestable> untestable(String name, Object node) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> list)) {
      throw new SettingsException(
          name + ": field 'untestable' must be a list of {statement, reason}");
    }
    List<Untestable> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = name + ": untestable " + (i + 1) + ": ";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new SettingsException(where + "must be a mapping with 'statement' and 'reason'");
      }
      for (Object k : m.keySet()) {
        if (!"statement".equals(k) && !"reason".equals(k)) {
          throw new SettingsException(
              where + "field '" + k + "' is not allowed; fields: statement, reason");
        }
      }
      if (!(m.get("statement") instanceof String st) || st.isBlank()) {
        throw new SettingsException(where + "field 'statement' is missing");
      }
      if (!(m.get("reason") instanceof String r) || r.isBlank()) {
        throw new SettingsException(where + "field 'reason' is missing");
      }
      out.add(new Untestable(st.strip(), r.strip()));
    }
    return List.copyOf(out);
  }

  private static List<?> claimList(String name, Object root) {
    if (!(root instanceof Map<?, ?> top)) {
      throw new SettingsException(
          name
              + ": must be a YAML mapping with one field, 'claims' (a list"
              + " of claims), not "
              + (root == null ? "an empty file" : "'" + root + "'"));
    }
    for (Object key : top.keySet()) {
      if (!"claims".equals(key) && !"untestable".equals(key)) {
        throw new SettingsException(
            name
                + ": top-level field '"
                + key
                + "' is not allowed; the file"
                + " has the fields 'claims' and 'untestable'");
      }
    }
    Object claims = top.get("claims");
    if (!(claims instanceof List<?> list) || list.isEmpty()) {
      throw new SettingsException(
          name
              + ": field 'claims' must be a non-empty list of claims"
              + (top.containsKey("claims") ? "" : " (it is missing)"));
    }
    return list;
  }
}
