package clinic.outcomes.report;

import clinic.outcomes.report.CountTable.Kind;
import clinic.outcomes.report.CountTable.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two adverse-event tables of the case study: events per session by technique and event, and
 * episodes with any event by technique (rows that need not add up, as an episode can mix
 * techniques).
 */
final class SafetyTables {
  private final ReportData data;
  private final String reference;
  private final Map<String, List<String>> groups;

  /** Events shown in the tables ("any" first; clearance breaches are not an event). */
  final List<String> events;

  SafetyTables(ReportData data, String reference, Map<String, List<String>> groups) {
    this.data = data;
    this.reference = reference;
    this.groups = groups;
    this.events =
        data.safety().stream()
            .map(SafetyRow::event)
            .filter(e -> !e.equals("contraindicated_without_clearance"))
            .distinct()
            .sorted((a, b) -> a.equals("any") ? -1 : b.equals("any") ? 1 : a.compareTo(b))
            .toList();
  }

  private List<String> safetyTechniques() {
    List<String> t = new ArrayList<>();
    data.safety().stream()
        .map(SafetyRow::technique)
        .filter(x -> !x.equals("all") && !groups.containsKey(x))
        .distinct()
        .sorted((a, b) -> a.equals(reference) ? 1 : b.equals(reference) ? -1 : a.compareTo(b))
        .forEach(t::add);
    return t;
  }

  private Optional<SafetyRow> safety(String unit, String technique, String event) {
    return data.safety().stream()
        .filter(
            s ->
                s.unit().equals(unit) && s.technique().equals(technique) && s.event().equals(event))
        .findFirst();
  }

  CountTable sessionTable() {
    CountTable t =
        new CountTable(
            "adverse_events_sessions",
            "Adverse events per session (sessions that record whether one occurred)");
    t.count("n", "Sessions", null);
    for (String e : events) {
      t.count(e, Palette.label(e), "n");
      if (e.equals("any")) {
        t.stat(
            "% any (95% CI)",
            Rule.ALL_SHOWN,
            List.of(e, "n"),
            k -> CaseStudyTables.rate(safety("session", k, e).map(SafetyRow::rate)));
      } else {
        t.stat(
            "%",
            Rule.ALL_SHOWN,
            List.of(e, "n"),
            k -> Html.pct(safety("session", k, e).map(x -> x.rate().estimate()).orElse(null)));
      }
    }
    if (events.contains("any")) {
      t.sum("any", events.stream().filter(e -> !e.equals("any")).toList());
    }
    addSafetyRows(t, "session");
    t.same("all", "n", "records/sessions/count");
    return t;
  }

  CountTable episodeTable() {
    CountTable t =
        new CountTable(
            "adverse_events_episodes", "Episodes of care with at least one adverse event");
    t.count("n", "Episodes", null).count("any", "With an event", "n");
    t.stat(
        "% with an event (95% CI)",
        Rule.ALL_SHOWN,
        List.of("any", "n"),
        k -> CaseStudyTables.rate(safety("episode", k, "any").map(SafetyRow::rate)));
    // An episode can have sessions of several techniques: these rows do not add up, so they are
    // all "other" rows and no relation between them is declared.
    for (String tech : safetyRowKeys()) {
      safety("episode", tech, "any")
          .ifPresent(
              s ->
                  t.row(
                      Kind.OTHER,
                      tech,
                      rowLabel(tech),
                      null,
                      Map.of("n", s.n(), "any", s.events())));
    }
    t.same("all", "n", "records/episodes/count");
    return t;
  }

  private List<String> safetyRowKeys() {
    List<String> keys = new ArrayList<>(safetyTechniques());
    keys.addAll(groups.keySet());
    keys.add("all");
    return keys;
  }

  private String rowLabel(String key) {
    if (key.equals("all")) {
      return "All";
    }
    if (groups.containsKey(key)) {
      return Palette.label(key)
          + " ("
          + String.join(", ", groups.get(key).stream().map(Palette::label).toList())
          + ")";
    }
    return Palette.label(key) + (key.equals(reference) ? " (reference)" : "");
  }

  private String shortLabel(String key) {
    return key.equals("all")
        ? "All"
        : key.equals(reference) ? Palette.label(key) + " (ref.)" : Palette.label(key);
  }

  private void addSafetyRows(CountTable t, String unit) {
    for (String tech : safetyRowKeys()) {
      Map<String, Long> c = new HashMap<>();
      safety(unit, tech, events.isEmpty() ? "any" : events.get(0))
          .ifPresent(s -> c.put("n", s.n()));
      for (String e : events) {
        safety(unit, tech, e).ifPresent(s -> c.put(e, s.events()));
      }
      if (c.isEmpty()) {
        continue;
      }
      Kind kind =
          tech.equals("all") ? Kind.TOTAL : groups.containsKey(tech) ? Kind.GROUP : Kind.PART;
      t.row(kind, tech, shortLabel(tech), groups.get(tech), c);
    }
  }
}
