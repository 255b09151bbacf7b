package clinic.outcomes.pipeline;

import clinic.outcomes.claims.SafeYaml;
import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job file ({@code jobs/NAME.yaml}): what to read and write, the report kind, the claims file and
 * the analysis settings. Loaded by {@link SafeYaml} (plain maps, lists and scalars only, no
 * duplicate keys), as the claims file is; an unknown key or a bad value is refused with a {@link
 * SettingsException} naming the file and the key. Every field is optional; command-line options
 * override the file. See docs/jobs.md.
 */
public record JobFile(
    String input,
    String out,
    String master,
    YearMonth month,
    Path claims,
    String report,
    Settings settings,
    Map<String, Path> queries) {

  /** A job with nothing set: every value comes from options or defaults. */
  public static JobFile none() {
    return new JobFile(null, null, null, null, null, null, Settings.defaults(), Map.of());
  }

  private static final Set<String> TOP =
      Set.of(
          "description",
          "input",
          "output",
          "master",
          "month",
          "claims",
          "report",
          "settings",
          "queries");
  private static final Set<String> SETTINGS =
      Set.of(
          "episode_gap_days",
          "as_of",
          "mcid",
          "reference_technique",
          "technique_groups",
          "min_group_n",
          "cohort_sessions",
          "min_cell_size",
          "followup_horizons",
          "followup_window_days");

  /** Report kinds. */
  public static final Set<String> REPORTS = Set.of("monthly", "case_study", "both", "none");

  /** Loads {@code file}; relative paths in it are relative to the current folder, like options. */
  public static JobFile load(Path file) {
    Object doc = SafeYaml.load(file, SafeYaml.Document.JOB);
    Map<String, Object> root = map(file, "the document", doc == null ? Map.of() : doc);
    unknownKeys(file, "", root, TOP);
    Settings s = settings(file, root.get("settings"));
    String report = string(file, "report", root.get("report"));
    if (report != null && !REPORTS.contains(report)) {
      throw new SettingsException(
          file + ": key 'report' must be one of " + REPORTS + ", not '" + report + "'");
    }
    String month = string(file, "month", root.get("month"));
    YearMonth ym = null;
    if (month != null) {
      try {
        ym = YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        throw new SettingsException(file + ": key 'month' must be YYYY-MM, not '" + month + "'");
      }
    }
    Map<String, Path> queries = new LinkedHashMap<>();
    if (root.containsKey("queries")) {
      for (Map.Entry<String, Object> q : map(file, "queries", root.get("queries")).entrySet()) {
        Path sql = Path.of(string(file, "queries." + q.getKey(), q.getValue()));
        if (!q.getKey().matches("[a-z][a-z0-9_]{0,39}") || !Files.isRegularFile(sql)) {
          throw new SettingsException(
              file
                  + ": key 'queries."
                  + q.getKey()
                  + "' must name an existing SQL file (and the name be lower_case), not '"
                  + sql
                  + "'");
        }
        queries.put(q.getKey(), sql);
      }
    }
    return new JobFile(
        location(file, "input", root),
        location(file, "output", root),
        string(file, "master", root.get("master")),
        ym,
        path(file, "claims", root),
        report,
        s,
        Map.copyOf(queries));
  }

  private static Settings settings(Path file, Object node) {
    Settings d = Settings.defaults();
    if (node == null) {
      return d;
    }
    Map<String, Object> m = map(file, "settings", node);
    unknownKeys(file, "settings.", m, SETTINGS);
    Map<String, Integer> mcid = new LinkedHashMap<>(d.mcidTenths());
    if (m.containsKey("mcid")) {
      Map<String, Object> given = map(file, "settings.mcid", m.get("mcid"));
      unknownKeys(file, "settings.mcid.", given, mcid.keySet());
      given.forEach((k, v) -> mcid.put(k, tenths(file, "settings.mcid." + k, v)));
    }
    Map<String, List<String>> groups = d.techniqueGroups();
    if (m.containsKey("technique_groups")) {
      groups = new LinkedHashMap<>();
      for (Map.Entry<String, Object> g :
          map(file, "settings.technique_groups", m.get("technique_groups")).entrySet()) {
        groups.put(
            code(file, "settings.technique_groups", g.getKey()),
            codes(file, "settings.technique_groups." + g.getKey(), g.getValue()));
      }
    }
    String ref =
        m.containsKey("reference_technique")
            ? code(
                file,
                "settings.reference_technique",
                string(file, "settings.reference_technique", m.get("reference_technique")))
            : d.referenceTechnique();
    LocalDate asOf = null;
    if (m.containsKey("as_of")) {
      Object raw = m.get("as_of");
      String v =
          raw instanceof java.util.Date date // YAML reads an unquoted date as a timestamp (UTC)
              ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
              : String.valueOf(raw);
      try {
        asOf = LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new SettingsException(
            file + ": key 'settings.as_of' must be a date YYYY-MM-DD, not '" + v + "'");
      }
    }
    return new Settings(
        integer(
            file,
            "settings.episode_gap_days",
            m.get("episode_gap_days"),
            d.episodeGapDays(),
            1,
            3650),
        asOf,
        mcid,
        ref,
        groups,
        integer(file, "settings.min_group_n", m.get("min_group_n"), d.minGroupN(), 1, 1000),
        integer(
            file, "settings.cohort_sessions", m.get("cohort_sessions"), d.cohortSessions(), 2, 50),
        integer(file, "settings.min_cell_size", m.get("min_cell_size"), d.minCellSize(), 1, 1000),
        horizons(file, m.get("followup_horizons"), d.followupHorizons()),
        integer(
            file,
            "settings.followup_window_days",
            m.get("followup_window_days"),
            d.followupWindowDays(),
            0,
            365));
  }

  /**
   * {@code followup_horizons}: a mapping of labels such as {@code 3m} to days after the last
   * session.
   */
  private static Map<String, Integer> horizons(
      Path file, Object node, Map<String, Integer> defaults) {
    if (node == null) {
      return defaults;
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> h : map(file, "settings.followup_horizons", node).entrySet()) {
      if (!h.getKey().matches(Settings.HORIZON_LABEL)) {
        throw new SettingsException(
            file
                + ": key 'settings.followup_horizons."
                + h.getKey()
                + "' must be a label such as 3m or 12m (digits, then one or two lower-case letters)");
      }
      String key = "settings.followup_horizons." + h.getKey();
      if (h.getValue() == null) {
        throw new SettingsException(
            file + ": key '" + key + "' must be a whole number of days from 1 to 3650");
      }
      out.put(h.getKey(), integer(file, key, h.getValue(), 0, 1, 3650));
    }
    if (out.isEmpty()) {
      throw new SettingsException(
          file + ": key 'settings.followup_horizons' must name at least one horizon");
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, String key, Object node) {
    if (!(node instanceof Map<?, ?> m)) {
      throw new SettingsException(file + ": key '" + key + "' must be a mapping");
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new SettingsException(file + ": key '" + k + "' in '" + key + "' must be text");
      }
    }
    return (Map<String, Object>) m;
  }

  private static void unknownKeys(
      Path file, String prefix, Map<String, Object> m, Set<String> known) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        throw new SettingsException(
            file
                + ": unknown key '"
                + prefix
                + k
                + "' (known: "
                + new java.util.TreeSet<>(known)
                + ")");
      }
    }
  }

  private static String string(Path file, String key, Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw new SettingsException(file + ": key '" + key + "' must be a single value");
    }
    return String.valueOf(v).trim();
  }

  /**
   * A folder as written: a local path or a Hadoop URI (see {@code
   * clinic.outcomes.spark.Locations}).
   */
  private static String location(Path file, String key, Map<String, Object> root) {
    String v = string(file, key, root.get(key));
    return v == null || v.isEmpty() ? null : v;
  }

  private static Path path(Path file, String key, Map<String, Object> root) {
    String v = string(file, key, root.get(key));
    return v == null || v.isEmpty() ? null : Path.of(v);
  }

  private static int integer(Path file, String key, Object v, int dflt, int min, int max) {
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer i) || i < min || i > max) {
      throw new SettingsException(
          file
              + ": key '"
              + key
              + "' must be a whole number from "
              + min
              + " to "
              + max
              + ", not '"
              + v
              + "'");
    }
    return i;
  }

  /** An MCID in score units with at most one decimal, as tenths. */
  private static int tenths(Path file, String key, Object v) {
    try {
      java.math.BigDecimal b = new java.math.BigDecimal(String.valueOf(v)).stripTrailingZeros();
      if (b.scale() > 1 || b.signum() <= 0) {
        throw new NumberFormatException();
      }
      return b.movePointRight(1).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new SettingsException(
          file
              + ": key '"
              + key
              + "' must be a positive number with at most one decimal, not '"
              + v
              + "'");
    }
  }

  private static String code(Path file, String key, String v) {
    if (v == null || !v.matches("[a-z][a-z0-9_]{0,39}")) {
      throw new SettingsException(
          file + ": key '" + key + "' must be a technique code like deep_tissue, not '" + v + "'");
    }
    return v;
  }

  private static List<String> codes(Path file, String key, Object v) {
    if (!(v instanceof List<?> l) || l.isEmpty()) {
      throw new SettingsException(
          file + ": key '" + key + "' must be a non-empty list of technique codes");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(code(file, key, string(file, key, o)));
    }
    return List.copyOf(out);
  }
}
