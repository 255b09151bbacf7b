package clinic.outcomes.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading claims files: a good file, every refusal (with file, claim and field named), safety. */
class ClaimsFileTest {
  /** What the CLI passes: SPEC's known techniques, the reference, the technique groups, all. */
  static final Set<String> KNOWN =
      Set.of("deep_tissue", "trigger_point", "myofascial_release", "swedish", "specialized", "all");

  @TempDir Path dir;

  private Path write(String yaml) {
    try {
      Path file = dir.resolve("claims.yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One claim: a good mean-change claim with {@code extra} lines added or {@code drop} removed. */
  private static String claim(String id, String drop, String... extra) {
    StringBuilder b = new StringBuilder("  - id: " + id + "\n");
    String[] lines = {
      "statement: \"Specialized massage reduces pain.\"",
      "statistic: mean_change",
      "analysis: course",
      "measure: nrs_pain",
      "group_by: technique_group",
      "group: specialized",
      "operator: \">=\"",
      "threshold: 2"
    };
    for (String line : lines) {
      if (drop == null || !line.startsWith(drop + ":")) {
        b.append("    ").append(line).append('\n');
      }
    }
    for (String line : extra) {
      b.append("    ").append(line).append('\n');
    }
    return b.toString();
  }

  private SettingsException refused(String yaml, String... mustContain) {
    Path file = write(yaml);
    SettingsException e = assertThrows(SettingsException.class, () -> ClaimsFile.load(file, KNOWN));
    String m = e.getMessage();
    assertTrue(m.startsWith(file + ": "), "names the file: " + m);
    for (String part : mustContain) {
      assertTrue(m.contains(part), "'" + part + "' missing from: " + m);
    }
    return e;
  }

  /** A claim with one field replaced. */
  private SettingsException refusedField(String field, String value, String... mustContain) {
    return refused("claims:\n" + claim("c1", field, field + ": " + value), mustContain);
  }

  @Test
  void goodFileWithEveryStatistic() {
    String yaml =
        "# comment\nclaims:\n"
            + claim("pain", null, "rationale: MCID", "min_n: 20")
            + "  - {id: relief, statement: s, statistic: mean_change, analysis: session_relief,"
            + " measure: nrs_pain, operator: gt, threshold: 0}\n"
            + "  - {id: visit3, statement: s, statistic: mean_change, analysis: trajectory_cohort,"
            + " measure: odi, group_by: session_number_group, group: 3, operator: '>', threshold: 0}\n"
            + "  - {id: dtvisit, statement: s, statistic: mean_change, analysis: trajectory,"
            + " measure: odi, group_by: technique×session_number, group: 'deep_tissue|10+', operator: '>', threshold: 0}\n"
            + "  - {id: resp, statement: s, statistic: responder_rate, analysis: followup_3m, measure: rmdq,"
            + " group_by: month, group: 2024-05, responder: r30, operator: '>=', threshold: 0.5}\n"
            + "  - {id: welch, statement: s, statistic: welch_diff, measure: slr_deg, factor: technique,"
            + " level: deep_tissue, operator: '>', threshold: 0}\n"
            + "  - {id: ancova, statement: s, statistic: ancova_diff, measure: nrs_pain, factor: adherence,"
            + " level: adherent, operator: '>', threshold: 0}\n"
            + "  - {id: risk, statement: s, statistic: risk_adjusted_diff, measure: odi,"
            + " factor: technique_group, level: specialized, operator: '>', threshold: -1.5}\n"
            + "  - {id: dose, statement: s, statistic: slope, measure: nrs_pain, operator: '>', threshold: 0}\n"
            + "  - {id: safe, statement: s, statistic: adverse_event_rate, event: increased_pain,"
            + " operator: '<=', threshold: .05}\n"
            + "  - {id: sore, statement: s, statistic: adverse_event_rate, unit: session,"
            + " technique: deep_tissue, event: any, operator: lt, threshold: 1}\n";
    List<Claim> claims = ClaimsFile.load(write(yaml), KNOWN);
    assertEquals(11, claims.size());
    Claim pain = claims.get(0);
    assertEquals("pain", pain.id());
    assertEquals("Specialized massage reduces pain.", pain.statement());
    assertEquals("MCID", pain.rationale());
    assertSame(Statistic.MEAN_CHANGE, pain.statistic());
    assertEquals("course", pain.analysis());
    assertEquals("technique_group", pain.groupBy());
    assertEquals("specialized", pain.group());
    assertSame(Operator.GE, pain.operator());
    assertEquals(2.0, pain.threshold());
    assertEquals(20, pain.minN());
    Claim relief = claims.get(1);
    assertEquals("overall", relief.groupBy()); // defaults
    assertEquals("all", relief.group());
    assertEquals("", relief.rationale());
    assertEquals(Claim.DEFAULT_MIN_N, relief.minN());
    assertSame(Operator.GT, relief.operator());
    assertEquals("3", claims.get(2).group()); // a YAML integer read as the group's name
    assertEquals("deep_tissue|10+", claims.get(3).group());
    assertEquals("2024-05", claims.get(4).group());
    assertEquals("r30", claims.get(4).responder());
    assertEquals("technique", claims.get(5).factor());
    assertEquals("deep_tissue", claims.get(5).level());
    assertNull(claims.get(5).analysis());
    assertEquals(-1.5, claims.get(7).threshold());
    Claim safe = claims.get(9);
    assertEquals("episode", safe.unit()); // defaults
    assertEquals("all", safe.technique());
    assertNull(safe.measure());
    assertEquals(0.05, safe.threshold());
    assertEquals("session", claims.get(10).unit());
    assertEquals("deep_tissue", claims.get(10).technique());
  }

  @Test
  void shippedClaimsFileLoads() {
    ClaimsFile.Contents file = ClaimsFile.loadAll(Path.of("jobs", "claims.yaml"), KNOWN);
    List<Claim> claims = file.claims();
    // In the order of the published case study (docs/claims.md, "The shipped claims").
    assertEquals(
        List.of(
            "relief_lasting_6m",
            "more_sessions_more_relief",
            "home_stretching",
            "specialized_vs_swedish",
            "pain_course",
            "function_odi_course",
            "function_rmdq_course",
            "rom_slr_course",
            "short_term_relief",
            "deep_tissue_pain",
            "trigger_point_pain",
            "myofascial_release_pain",
            "relief_lasting_itt",
            "safety_increased_pain",
            "safety_other_events",
            "safety_soreness_common",
            "safety_bruising_common"),
        claims.stream().map(Claim::id).toList());
    for (Claim c : claims) {
      assertFalse(c.rationale().isBlank(), c.id() + " says why");
      assertFalse(c.statement().isBlank(), c.id());
      // No shipped claim rests on a score taken minutes after a massage.
      assertFalse(
          "session_relief".equals(c.analysis()) || "course_immediate".equals(c.analysis()), c.id());
    }
    Claim pain = claims.get(4);
    assertEquals(
        List.of(Statistic.MEAN_CHANGE, "course", "nrs_pain", "specialized", Operator.GE, 2.0),
        List.of(
            pain.statistic(),
            pain.analysis(),
            pain.measure(),
            pain.group(),
            pain.operator(),
            pain.threshold()));
    Claim lasting = claims.get(0);
    assertEquals(
        List.of("followup_6m", 0.5), List.of(lasting.analysis(), lasting.minFollowupRate()));
    Claim itt = claims.get(12);
    assertEquals(
        List.of(Statistic.RESPONDER_RATE, "followup_6m_bocf", "mcid"),
        List.of(itt.statistic(), itt.analysis(), itt.responder()));
    assertNull(itt.minFollowupRate()); // everyone due counts: no reply rate needed
    Claim dose = claims.get(1);
    assertEquals(
        List.of(Statistic.SLOPE, "within_episode"), List.of(dose.statistic(), dose.model()));
    Claim safety = claims.get(13);
    assertEquals(
        List.of(
            Statistic.ADVERSE_EVENT_RATE,
            "episode",
            "specialized",
            "increased_pain",
            Operator.LT,
            0.05,
            60),
        List.of(
            safety.statistic(),
            safety.unit(),
            safety.technique(),
            safety.event(),
            safety.operator(),
            safety.threshold(),
            safety.minN()));
    Claim versus = claims.get(3);
    assertEquals(
        List.of(Statistic.ANCOVA_DIFF, "technique_group", "specialized", Operator.GT, 0.0),
        List.of(
            versus.statistic(),
            versus.factor(),
            versus.level(),
            versus.operator(),
            versus.threshold()));
    assertEquals(5, file.untestable().size());
    assertTrue(file.untestable().stream().allMatch(u -> !u.reason().isBlank()));
  }

  @Test
  void registryStatisticsLoad() throws IOException {
    String yaml =
        "claims:\n"
            + "  - {id: quick, statement: s, statistic: sessions_to_mcid, measure: nrs_pain, group_by: technique_group,"
            + " group: specialized, operator: '<=', threshold: 6}\n"
            + "  - {id: nnh, statement: s, statistic: harm_diff, level: deep_tissue, operator: '<', threshold: 0.1}\n";
    List<Claim> c = ClaimsFile.load(write(yaml), KNOWN);
    assertEquals(
        List.of(Statistic.SESSIONS_TO_MCID, "technique_group", "specialized", 6.0),
        List.of(c.get(0).statistic(), c.get(0).groupBy(), c.get(0).group(), c.get(0).threshold()));
    assertEquals(
        List.of(Statistic.HARM_DIFF, "deep_tissue"),
        List.of(c.get(1).statistic(), c.get(1).level()));
    assertNull(c.get(1).measure());
    String badGroupBy = yaml.replace("group_by: technique_group", "group_by: month");
    SettingsException e =
        assertThrows(SettingsException.class, () -> ClaimsFile.load(write(badGroupBy), KNOWN));
    assertTrue(
        e.getMessage()
            .contains(
                "field 'group_by' is 'month', not one of: overall, technique, technique_group"),
        e.getMessage());
  }

  @Test
  void minFollowupRateOnlyOnACompletersFollowup() throws IOException {
    String ok =
        "claims:\n  - {id: a, statement: s, statistic: mean_change, analysis: followup_12m,"
            + " measure: nrs_pain, operator: '>', threshold: 0}\n";
    assertEquals(0.5, ClaimsFile.load(write(ok), KNOWN).get(0).minFollowupRate()); // the default
    String bocf =
        "claims:\n  - {id: a, statement: s, statistic: mean_change, analysis: followup_12m_bocf,"
            + " measure: nrs_pain, operator: '>', threshold: 0, min_followup_rate: 0.6}\n";
    SettingsException e =
        assertThrows(SettingsException.class, () -> ClaimsFile.load(write(bocf), KNOWN));
    assertTrue(
        e.getMessage().contains("'min_followup_rate' applies only to a completers' follow-up"),
        e.getMessage());
  }

  @Test
  void unknownModelAndUntestableKeysAreRefusedByName() throws IOException {
    String model =
        "claims:\n  - {id: a, statement: s, statistic: slope, model: within, measure: nrs_pain,"
            + " operator: '>', threshold: 0}\n";
    SettingsException e =
        assertThrows(SettingsException.class, () -> ClaimsFile.load(write(model), KNOWN));
    assertTrue(
        e.getMessage().contains("field 'model' is 'within', not one of: between_episodes"),
        e.getMessage());
    String untestable =
        "claims:\n  - {id: a, statement: s, statistic: slope, measure: nrs_pain, operator: '>',"
            + " threshold: 0}\nuntestable:\n  - {statement: s, reason: r, why: x}\n";
    e = assertThrows(SettingsException.class, () -> ClaimsFile.loadAll(write(untestable), KNOWN));
    assertTrue(e.getMessage().contains("untestable 1: field 'why' is not allowed"), e.getMessage());
  }

  @Test
  void documentedExamplesLoad() throws IOException {
    String doc = Files.readString(Path.of("docs", "claims.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertEquals(2, blocks.size());
    assertEquals(1, ClaimsFile.load(write(blocks.get(0)), KNOWN).size());
    List<Claim> examples = ClaimsFile.load(write(blocks.get(1)), KNOWN);
    assertEquals(
        EnumSet.allOf(Statistic.class),
        EnumSet.copyOf(examples.stream().map(Claim::statistic).toList()));
  }

  @Test
  void malformedYaml() {
    refused("claims:\n  - id: a\n    statement: [unclosed\n", "line 4", "malformed YAML");
    refused("claims:\n  - id: a\n   bad indentation: 1\n  x\n", "malformed YAML");
  }

  @Test
  void unquotedOperatorSymbols() {
    // ">=" unquoted is a syntax error; ">" unquoted folds the following text into an empty block
    refused(
        "claims:\n" + claim("c1", "operator", "operator: >="),
        "line 10",
        "claim 'c1'",
        "field 'operator'",
        "in quotes");
    refused(
        "claims:\n  - id: c1\n    operator: >\n    threshold: 2\n    statement: s\n"
            + "    statistic: slope\n    measure: nrs_pain\n",
        "claim 'c1': field 'operator' is empty",
        "in quotes");
  }

  @Test
  void typeTagsAreRefused() {
    Path target = dir.resolve("created-by-yaml");
    refused(
        "claims:\n  - id: c1\n    statement: !!java.io.File " + target + "\n",
        "line 3",
        "claim 'c1'",
        "field 'statement'",
        "type tags are not allowed");
    refused(
        "claims: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://localhost/\"]]]]\n",
        "type tags are not allowed");
    refused("claims:\n  - id: c1\n    statement: !custom s\n", "type tags are not allowed");
    assertFalse(Files.exists(target));
    // the safe tags that only build plain values are fine for the loader, but not as text
    refusedField("statement", "!!binary aGVsbG8=", "claim 'c1': field 'statement' must be text");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 60; i++) {
      b.append("b").append(i).append(": &b").append(i).append(" [*a, *a]\n");
    }
    refused(b.toString(), "malformed YAML", "aliases");
  }

  @Test
  void duplicates() {
    refused(
        "claims:\n" + claim("pain", null) + claim("odi", null) + claim("pain", null),
        "claim 'pain': field 'id' duplicates the id of claim 1");
    refused(
        "claims:\n" + claim("pain", null, "threshold: 3"), "duplicate key threshold", "line 11");
  }

  @Test
  void unknownNames() {
    refusedField(
        "statistic",
        "mean_improvement",
        "claim 'c1': field 'statistic' is 'mean_improvement',"
            + " not one of: mean_change, responder_rate, welch_diff, ancova_diff, risk_adjusted_diff,"
            + " slope, adverse_event_rate");
    refusedField("analysis", "cours", "claim 'c1': field 'analysis' is 'cours', not one of:");
    refusedField("measure", "vas", "claim 'c1': field 'measure' is 'vas', not one of: nrs_pain");
    refusedField(
        "group",
        "specialised",
        "claim 'c1': field 'group' is 'specialised', not a known" + " technique",
        "deep_tissue");
    refusedField("operator", "\"=>\"", "claim 'c1': field 'operator' is '=>', not one of");
    refusedField("group_by", "therapists", "field 'group_by' is 'therapists'");
    refused(
        "claims:\n  - {id: c1, statement: s, statistic: ancova_diff, measure: odi,"
            + " factor: technique, level: deep_tisue, operator: '>', threshold: 0}\n",
        "claim 'c1': field 'level' is 'deep_tisue', not a known technique");
    refused(
        "claims:\n  - {id: c1, statement: s, statistic: adverse_event_rate, technique: cupping,"
            + " event: soreness, operator: '<', threshold: 0.1}\n",
        "claim 'c1': field 'technique' is 'cupping', not a known technique");
    refused(
        "claims:\n  - {id: c1, statement: s, statistic: adverse_event_rate, event: bruise,"
            + " operator: '<', threshold: 0.1}\n",
        "field 'event' is 'bruise'");
    refused(
        "claims:\n  - {id: c1, statement: s, statistic: ancova_diff, measure: odi,"
            + " factor: adherence, level: not_adherent, operator: '>', threshold: 0}\n",
        "field 'level' is 'not_adherent', not one of: adherent");
  }

  @Test
  void unknownKeys() {
    refused(
        "claims:\n" + claim("c1", "threshold", "treshold: 2"),
        "claim 'c1': field 'treshold' is not a claim field (did you mean 'threshold'?)");
    refused(
        "version: 1\nclaims:\n" + claim("c1", null), "top-level field 'version' is not allowed");
    refused(
        "claims:\n" + claim("c1", null, "factor: technique"),
        "claim 'c1': field 'factor' does not apply to statistic mean_change");
  }

  @Test
  void missingFields() {
    refusedField("threshold", null, "claim 'c1': field 'threshold' is missing");
    refused("claims:\n" + claim("c1", "threshold"), "claim 'c1': field 'threshold' is missing");
    refused("claims:\n" + claim("c1", "measure"), "claim 'c1': field 'measure' is missing");
    refused("claims:\n" + claim("c1", "statement"), "claim 'c1': field 'statement' is missing");
    refused("claims:\n" + claim("c1", "group"), "claim 'c1': field 'group' is missing");
    refused(
        "claims:\n" + claim("c1", null) + "  - statement: no id\n",
        "claim 2: field 'id' is missing");
    refused(
        "claims:\n  - {id: t, statement: s, statistic: mean_change, analysis: trajectory,"
            + " measure: odi, operator: '>', threshold: 0}\n",
        "claim 't': field 'group_by' is missing (trajectory is grouped by one of");
    refused(
        "claims:\n  - {id: r, statement: s, statistic: responder_rate, analysis: course,"
            + " measure: odi, operator: '>', threshold: 0.5}\n",
        "claim 'r': field 'responder' is missing");
  }

  @Test
  void badValues() {
    refusedField("threshold", "two", "field 'threshold' must be a finite number, not 'two'");
    refusedField("threshold", ".nan", "field 'threshold' must be a finite number");
    refusedField(
        "threshold",
        "20",
        "field 'threshold' is 20, beyond the whole nrs_pain scale",
        "not tenths");
    refusedField("min_n", "1", "field 'min_n' is 1");
    refusedField("min_n", "10.5", "field 'min_n' must be a whole number");
    refusedField("statement", "yes", "field 'statement' must be text, not yes/no", "quotes");
    refusedField("group", "''", "field 'group' is empty");
    refused("claims:\n" + claim("bad id", null), "claim 1: field 'id' is 'bad id'");
    refused(
        "claims:\n  - {id: s, statement: s, statistic: adverse_event_rate, event: any,"
            + " operator: '<', threshold: 5%}\n",
        "field 'threshold' must be a finite number, not '5%'", "0.05 for 5 %");
    refused(
        "claims:\n  - {id: s, statement: s, statistic: adverse_event_rate, event: any,"
            + " operator: '<', threshold: 5}\n",
        "field 'threshold' is 5, but a rate is a proportion");
    refusedField("group_by", "baseline_band", "field 'group' is 'specialized', not one of: mild");
    refused(
        "claims:\n  - {id: v, statement: s, statistic: mean_change, analysis: trajectory,"
            + " measure: odi, group_by: session_number_group, group: 1, operator: '>', threshold: 0}\n",
        "claim 'v': field 'group' is '1', not one of: 2,");
    refused(
        "claims:\n  - {id: v, statement: s, statistic: mean_change, analysis: session_relief,"
            + " measure: odi, group_by: baseline_band, group: mild, operator: '>', threshold: 0}\n",
        "claim 'v': field 'group_by' is 'baseline_band', not one of:");
  }

  @Test
  void badFileShapes() {
    refused("", "must be a YAML mapping", "an empty file");
    refused("- a\n- b\n", "must be a YAML mapping");
    refused("claims: []\n", "field 'claims' must be a non-empty list");
    refused("other: 1\n", "top-level field 'other'");
    refused("claims:\n  - just text\n", "claim 1: must be a mapping of fields");
    Path missing = dir.resolve("nope.yaml");
    SettingsException e =
        assertThrows(SettingsException.class, () -> ClaimsFile.load(missing, KNOWN));
    assertEquals(missing + ": no such claims file", e.getMessage());
  }

  @Test
  void notUtf8() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "claims:\n  - id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    SettingsException e = assertThrows(SettingsException.class, () -> ClaimsFile.load(file, KNOWN));
    assertEquals(file + ": is not UTF-8 text", e.getMessage());
  }
}
