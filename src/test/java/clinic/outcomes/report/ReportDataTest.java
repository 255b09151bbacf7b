package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportData#of}: the report's figures from rows the run holds, with the counts given, the
 * comparisons in the analysis' order (measure, then adherence, technique group, technique, then
 * level) and therapists by name, whatever order the rows came in.
 */
class ReportDataTest {
  private static final StructType COMPARISON =
      new StructType()
          .add("measure", DataTypes.StringType)
          .add("factor", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("reference", DataTypes.StringType);

  private static final StructType THERAPIST =
      new StructType().add("therapist", DataTypes.StringType).add("n", DataTypes.LongType);

  private static Row comparison(String measure, String factor, String level) {
    return new GenericRowWithSchema(new Object[] {measure, factor, level, "swedish"}, COMPARISON);
  }

  private static Row therapist(String name) {
    return new GenericRowWithSchema(new Object[] {name, 12L}, THERAPIST);
  }

  private static Map<String, List<Row>> tables() {
    Map<String, List<Row>> t = new LinkedHashMap<>();
    // as a reader of a table written in two files may get them: second file first
    t.put(
        "comparisons",
        List.of(
            comparison("rmdq", "technique", "trigger_point"),
            comparison("rmdq", "adherence", "adherent"),
            comparison("nrs_pain", "technique", "myofascial_release"),
            comparison("nrs_pain", "technique_group", "specialized"),
            comparison("nrs_pain", "technique", "deep_tissue"),
            comparison("nrs_pain", "adherence", "adherent")));
    t.put(
        "therapist_performance",
        List.of(therapist("T10"), therapist("T02"), therapist("T01"), therapist("T03")));
    return t;
  }

  @Test
  void comparisonsInTheAnalysisOrder() {
    ReportData d = ReportData.of(tables(), Map.of(), 0, 0, 0);
    List<String> keys =
        d.comparisons().stream()
            .map(c -> c.measure() + " " + c.factor() + " " + c.level())
            .toList();
    assertEquals(
        List.of(
            "nrs_pain adherence adherent",
            "nrs_pain technique_group specialized",
            "nrs_pain technique deep_tissue",
            "nrs_pain technique myofascial_release",
            "rmdq adherence adherent",
            "rmdq technique trigger_point"),
        keys);
  }

  @Test
  void theTenReasonsOfTheMostRejectsMostFirstTiesByCode() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 1; i <= 12; i++) {
      counts.put(String.format(java.util.Locale.ROOT, "r%02d", i), 1L); // 12 codes, once each
    }
    counts.put("r07", 5L);
    counts.put("r11", 3L);
    counts.put("r02", 3L);
    // 5, then the two 3s by code, then the 1s by code until ten: r01 r03 r04 r05 r06 r08 r09
    assertEquals(
        List.of("r07", "r02", "r11", "r01", "r03", "r04", "r05", "r06", "r08", "r09"),
        List.copyOf(ReportData.topReasons(counts).keySet()));
    assertEquals(5L, ReportData.topReasons(counts).get("r07"));
  }

  @Test
  void therapistsByName() {
    ReportData d = ReportData.of(tables(), Map.of(), 0, 0, 0);
    assertEquals(
        List.of("T01", "T02", "T03", "T10"),
        d.registry().therapists().stream().map(Registry.Therapist::therapist).toList());
  }

  @Test
  void countsAndReasonsAsGivenAndAbsentTablesEmpty() {
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("unknown_session", 5L);
    reasons.put("bad_date", 2L);
    ReportData d = ReportData.of(tables(), reasons, 2798, 396, 450);
    assertEquals(2798, d.sessions());
    assertEquals(396, d.clients());
    assertEquals(450, d.episodes());
    assertEquals(List.of("unknown_session", "bad_date"), List.copyOf(d.topReasons().keySet()));
    assertTrue(d.stats().isEmpty());
    assertTrue(d.months().isEmpty());
    assertFalse(d.claimsTable(), "no claims table given: the section says none were judged");
    Map<String, List<Row>> withClaims = tables();
    withClaims.put("claims", List.of());
    assertTrue(ReportData.of(withClaims, Map.of(), 0, 0, 0).claimsTable());
  }
}
