package clinic.outcomes.claims;

import clinic.outcomes.core.Adherence;
import clinic.outcomes.core.Measure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one claim's checked fields into a {@link Claim}: which fields a statistic needs, which it
 * refuses, their defaults and their vocabulary.
 */
final class ClaimParser {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private static final List<String> COMMON =
      List.of("id", "statement", "rationale", "statistic", "operator", "threshold", "min_n");
  private static final List<String> FOLLOWUP_FIELDS = List.of("min_followup_rate");
  private static final List<String> GROUP_FIELDS =
      List.of("analysis", "measure", "group_by", "group");
  private static final List<String> DIFF_FIELDS = List.of("measure", "factor", "level");

  /** The fields of each statistic besides {@link #COMMON}. */
  static final Map<Statistic, List<String>> FIELDS =
      Map.of(
          Statistic.MEAN_CHANGE, concat(GROUP_FIELDS, FOLLOWUP_FIELDS),
          Statistic.RESPONDER_RATE, concat(GROUP_FIELDS, List.of("responder", "min_followup_rate")),
          Statistic.WELCH_DIFF, DIFF_FIELDS,
          Statistic.ANCOVA_DIFF, DIFF_FIELDS,
          Statistic.RISK_ADJUSTED_DIFF, DIFF_FIELDS,
          Statistic.SLOPE, List.of("measure", "model"),
          Statistic.ADVERSE_EVENT_RATE, List.of("unit", "technique", "event"),
          Statistic.SESSIONS_TO_MCID, List.of("measure", "group_by", "group"),
          Statistic.HARM_DIFF, List.of("level"));

  /** Every field a claim can have, in the documented order. */
  static final Set<String> ALL_FIELDS = allFields();

  private final ClaimFields f;
  private final Set<String> known;

  private ClaimParser(ClaimFields fields, Set<String> knownTechniques) {
    this.f = fields;
    this.known = knownTechniques;
  }

  /**
   * Reads one claim.
   *
   * @param fields the claim's fields
   * @param knownTechniques the technique codes, technique-group names and {@code all} a claim may
   *     name
   * @return the claim
   * @throws clinic.outcomes.core.SettingsException naming the claim and field of the first problem
   */
  static Claim parse(ClaimFields fields, Set<String> knownTechniques) {
    return new ClaimParser(fields, knownTechniques).claim();
  }

  private Claim claim() {
    String id = f.text("id");
    if (!ID.matcher(id).matches()) {
      throw f.error("id", "is '" + id + "': use letters, digits, '_', '.' or '-' (at most 64)");
    }
    f.identify(id);
    checkKnownFields();
    String statement = f.text("statement");
    String rationale = f.optionalText("rationale");
    String statisticName = f.text("statistic");
    Statistic statistic = Statistic.fromYaml(statisticName);
    if (statistic == null) {
      throw f.error("statistic", ClaimVocabulary.notOneOf(statisticName, statisticNames()));
    }
    checkApplicable(statistic);
    Parts p = parts(statistic);
    Operator operator = operator();
    double threshold = f.number("threshold");
    checkThreshold(statistic, p.measure, threshold);
    int minN = f.integer("min_n", Claim.DEFAULT_MIN_N);
    if (minN < 2) {
      throw f.error("min_n", "is " + minN + "; a verdict needs an interval, so at least 2");
    }
    return new Claim(
        id,
        statement,
        rationale,
        statistic,
        p.analysis,
        p.measure,
        p.groupBy,
        p.group,
        p.responder,
        p.factor,
        p.level,
        p.unit,
        p.technique,
        p.event,
        operator,
        threshold,
        minN,
        p.model,
        p.minFollowupRate);
  }

  /** The statistic-specific fields of a claim, checked. */
  private static final class Parts {
    String analysis;
    String measure;
    String groupBy;
    String group;
    String responder;
    String factor;
    String level;
    String unit;
    String technique;
    String event;
    String model;
    Double minFollowupRate;
  }

  private Parts parts(Statistic statistic) {
    Parts p = new Parts();
    if (statistic != Statistic.ADVERSE_EVENT_RATE && statistic != Statistic.HARM_DIFF) {
      p.measure = oneOf("measure", ClaimVocabulary.MEASURES, null);
    }
    switch (statistic) {
      case MEAN_CHANGE, RESPONDER_RATE -> slice(p, statistic);
      case WELCH_DIFF, ANCOVA_DIFF, RISK_ADJUSTED_DIFF -> levels(p);
      case ADVERSE_EVENT_RATE -> adverseEvent(p);
      case SLOPE -> p.model = oneOf("model", ClaimVocabulary.MODELS, "between_episodes");
      case SESSIONS_TO_MCID -> {
        p.groupBy =
            oneOf("group_by", List.of("overall", "technique", "technique_group"), "overall");
        p.group =
            "overall".equals(p.groupBy) ? oneOf("group", List.of("all"), "all") : f.text("group");
        String problem =
            "overall".equals(p.groupBy)
                ? null
                : ClaimVocabulary.techniqueProblem(p.group, known, false);
        if (problem != null) {
          throw f.error("group", problem);
        }
      }
      case HARM_DIFF -> {
        p.level = f.text("level");
        String problem = ClaimVocabulary.techniqueProblem(p.level, known, false);
        if (problem != null) {
          throw f.error("level", problem);
        }
      }
    }
    return p;
  }

  private void slice(Parts p, Statistic statistic) {
    String analysis = f.text("analysis");
    List<String> groupBys = ClaimVocabulary.groupBysOf(analysis);
    if (groupBys == null) {
      throw f.error(
          "analysis", ClaimVocabulary.notOneOf(analysis, ClaimVocabulary.GROUP_BYS.keySet()));
    }
    p.analysis = analysis;
    if (ClaimVocabulary.isCompletersFollowup(analysis)) {
      double rate =
          f.has("min_followup_rate")
              ? f.number("min_followup_rate")
              : Claim.DEFAULT_MIN_FOLLOWUP_RATE;
      if (rate < 0 || rate > 1) {
        throw f.error(
            "min_followup_rate",
            "is " + Numbers.plain(rate, false) + ", but a rate is a proportion from 0 to 1");
      }
      p.minFollowupRate = rate;
    } else if (f.has("min_followup_rate")) {
      throw f.error(
          "min_followup_rate",
          "applies only to a completers' follow-up analysis (followup_3m, ...),"
              + " not "
              + analysis);
    }
    boolean trajectory = !groupBys.contains("overall");
    if (!f.has("group_by") && (f.has("group") || trajectory)) {
      throw f.error(
          "group_by",
          "is missing ("
              + p.analysis
              + " is grouped by one of: "
              + String.join(", ", groupBys)
              + ")");
    }
    p.groupBy = oneOf("group_by", groupBys, "overall");
    if (!f.has("group") && !"overall".equals(p.groupBy)) {
      throw f.error("group", "is missing (the group within group_by " + p.groupBy + ")");
    }
    p.group = "overall".equals(p.groupBy) ? oneOf("group", List.of("all"), "all") : f.text("group");
    String problem = ClaimVocabulary.groupProblem(p.analysis, p.groupBy, p.group, known);
    if (problem != null) {
      throw f.error("group", problem);
    }
    if (statistic == Statistic.RESPONDER_RATE) {
      p.responder = oneOf("responder", ClaimVocabulary.RESPONDERS, null);
    }
  }

  private void levels(Parts p) {
    p.factor = oneOf("factor", ClaimVocabulary.FACTORS, null);
    if ("adherence".equals(p.factor)) {
      p.level = oneOf("level", List.of(Adherence.ADHERENT.code()), null);
      return;
    }
    p.level = f.text("level");
    String problem = ClaimVocabulary.techniqueProblem(p.level, known, false);
    if (problem != null) {
      throw f.error("level", problem);
    }
  }

  private void adverseEvent(Parts p) {
    p.unit = oneOf("unit", ClaimVocabulary.UNITS, "episode");
    p.technique = f.has("technique") ? f.text("technique") : "all";
    String problem = ClaimVocabulary.techniqueProblem(p.technique, known, true);
    if (problem != null) {
      throw f.error("technique", problem);
    }
    p.event = oneOf("event", ClaimVocabulary.EVENTS, null);
  }

  /** A field from a fixed list; {@code fallback} when absent, or an error when that is null. */
  private String oneOf(String field, Iterable<String> allowed, String fallback) {
    String v = fallback == null || f.has(field) ? f.text(field) : fallback;
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw f.error(field, ClaimVocabulary.notOneOf(v, allowed));
  }

  private Operator operator() {
    if (f.blank("operator")) {
      throw f.error(
          "operator",
          "is empty; an unquoted > or >= starts a YAML text block: write the"
              + " operator in quotes, e.g. operator: \">\"");
    }
    String text = f.text("operator");
    Operator op = Operator.parse(text);
    if (op == null) {
      throw f.error(
          "operator",
          "is '"
              + text
              + "', not one of: >, >=, <, <= (or gt, ge, lt, le);"
              + " write symbols in quotes, e.g. operator: \">=\"");
    }
    return op;
  }

  private void checkThreshold(Statistic statistic, String measure, double threshold) {
    if (statistic == Statistic.SESSIONS_TO_MCID) {
      if (threshold < 0 || threshold > 1000) {
        throw f.error(
            "threshold",
            "is " + Numbers.plain(threshold, false) + ", not a number of sessions (0 to 1000)");
      }
      return;
    }
    if (statistic == Statistic.HARM_DIFF) {
      if (threshold < -1 || threshold > 1) {
        throw f.error(
            "threshold",
            "is "
                + Numbers.plain(threshold, false)
                + ", but a difference of proportions is from -1 to 1 (0.05 for 5 percentage points)");
      }
      return;
    }
    if (statistic.isRate()) {
      if (threshold < 0 || threshold > 1) {
        throw f.error(
            "threshold",
            "is "
                + Numbers.plain(threshold, false)
                + ", but a rate is a proportion from 0 to 1 (0.05 for 5 %)");
      }
      return;
    }
    double range = ClaimVocabulary.MEASURE_RANGE.get(measure);
    if (Math.abs(threshold) > range) {
      String unit = Measure.SLR_DEG.code().equals(measure) ? " degrees" : " points";
      throw f.error(
          "threshold",
          "is "
              + Numbers.plain(threshold, false)
              + ", beyond the whole "
              + measure
              + " scale ("
              + Numbers.plain(range, false)
              + unit
              + "); thresholds are in"
              + unit
              + ", not tenths");
    }
  }

  private void checkKnownFields() {
    for (Object key : f.keys()) {
      String name = String.valueOf(key);
      if (!(key instanceof String) || !ALL_FIELDS.contains(name)) {
        String near = Suggestions.nearest(name, ALL_FIELDS);
        throw f.error(
            name,
            "is not a claim field"
                + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; fields: "
                + String.join(", ", ALL_FIELDS));
      }
    }
  }

  private void checkApplicable(Statistic statistic) {
    List<String> own = FIELDS.get(statistic);
    for (String field : ALL_FIELDS) {
      if (f.has(field) && !COMMON.contains(field) && !own.contains(field)) {
        throw f.error(
            field,
            "does not apply to statistic "
                + statistic.yamlName()
                + " (its fields: "
                + String.join(", ", own)
                + ")");
      }
    }
  }

  private static List<String> statisticNames() {
    List<String> names = new ArrayList<>();
    for (Statistic s : Statistic.values()) {
      names.add(s.yamlName());
    }
    return names;
  }

  private static Set<String> allFields() {
    Set<String> all = new LinkedHashSet<>(COMMON.subList(0, 4));
    all.addAll(
        List.of(
            "analysis",
            "measure",
            "group_by",
            "group",
            "responder",
            "min_followup_rate",
            "factor",
            "level",
            "model",
            "unit",
            "technique",
            "event"));
    all.addAll(COMMON.subList(4, COMMON.size()));
    return Collections.unmodifiableSet(all);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
