package clinic.outcomes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job files: the shipped ones load, settings are read exactly, bad keys and values are refused by
 * name.
 */
class JobFileTest {
  @TempDir Path tmp;

  private Path write(String yaml) throws IOException {
    Path f = tmp.resolve("job.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String refusal(String yaml) throws IOException {
    Path f = write(yaml);
    return assertThrows(SettingsException.class, () -> JobFile.load(f)).getMessage();
  }

  @Test
  void shippedJobsLoad() {
    JobFile monthly = JobFile.load(Path.of("jobs/monthly-review.yaml"));
    assertEquals("sample-data", monthly.input());
    assertEquals("monthly", monthly.report());
    assertEquals(Settings.defaults().mcidTenths(), monthly.settings().mcidTenths());
    assertEquals("case_study", JobFile.load(Path.of("jobs/case-study.yaml")).report());
    JobFile adhoc = JobFile.load(Path.of("jobs/adhoc-over-50.yaml"));
    assertEquals(Path.of("jobs/adhoc-over-50.sql"), adhoc.queries().get("over_50_by_condition"));
  }

  @Test
  void settingsAreReadExactly() throws IOException {
    JobFile j =
        JobFile.load(
            write(
                """
        month: 2025-11
        settings:
          episode_gap_days: 60
          as_of: 2025-12-31
          mcid: {odi: 12.5}
          reference_technique: swedish
          technique_groups: {deep: [deep_tissue]}
          min_cell_size: 20
        """));
    assertEquals(YearMonth.of(2025, 11), j.month());
    Settings s = j.settings();
    assertEquals(60, s.episodeGapDays());
    assertEquals(LocalDate.of(2025, 12, 31), s.asOf());
    assertEquals(125, s.mcidTenths().get("odi")); // 12.5 points = 125 tenths, exact
    assertEquals(20, s.mcidTenths().get("nrs_pain")); // the default stays
    assertEquals(List.of("deep_tissue"), s.techniqueGroups().get("deep"));
    assertEquals(20, s.minCellSize());
    assertNull(j.input());
  }

  @Test
  void refusalsNameTheKey() throws IOException {
    assertTrue(refusal("inptu: x\n").contains("unknown key 'inptu'"));
    assertTrue(refusal("settings:\n  episode_gap: 3\n").contains("'settings.episode_gap'"));
    assertTrue(
        refusal("settings:\n  episode_gap_days: -1\n").contains("'settings.episode_gap_days'"));
    assertTrue(
        refusal("settings:\n  mcid: {nrs_pain: 2.25}\n").contains("'settings.mcid.nrs_pain'"));
    assertTrue(refusal("settings:\n  mcid: {pain: 2}\n").contains("'settings.mcid.pain'"));
    assertTrue(refusal("report: weekly\n").contains("'report'"));
    assertTrue(refusal("month: 2025-13\n").contains("'month'"));
    assertTrue(
        refusal("settings:\n  technique_groups: {specialized: []}\n")
            .contains("technique_groups.specialized"));
    assertTrue(refusal("queries: {q: no/such.sql}\n").contains("'queries.q'"));
    assertTrue(refusal("input: [a\n").contains("not valid YAML"));
  }

  @Test
  void arbitraryTypesAreRefused() throws IOException {
    String m = refusal("input: !!java.io.File [/etc/passwd]\n");
    assertTrue(m.contains("not valid YAML"), m);
  }
}
