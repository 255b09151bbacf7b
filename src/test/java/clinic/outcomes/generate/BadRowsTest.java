package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appended rows are where and what {@code docs/generator.md} says. */
class BadRowsTest {

  @TempDir Path dir;

  @Test
  void appendedRowsAreListedWithTheirLines() throws IOException {
    Summary summary = Generator.generate(new GeneratorSettings(200, 5L).withBadRows(true), dir);
    assertEquals(14, summary.badRows());
    assertEquals(14, summary.expectedRejects().size());
    Map<String, Long> perFile =
        summary.expectedRejects().stream()
            .collect(Collectors.groupingBy(BadRow::file, Collectors.counting()));
    assertEquals(Map.of("sessions.csv", 8L, "pain_scores.csv", 5L, "clients.csv", 1L), perFile);
    // good appended rows: 1 session, 2 scores, 1 client
    assertEquals(summary.sessions() + 1 + 8, summary.rows().get("sessions.csv"));
    assertEquals(summary.scores() + 2 + 5, summary.rows().get("pain_scores.csv"));

    List<String> sessions = Files.readAllLines(dir.resolve("sessions.csv"));
    List<String> scores = Files.readAllLines(dir.resolve("pain_scores.csv"));
    List<String> clients = Files.readAllLines(dir.resolve("clients.csv"));
    assertEquals(summary.rows().get("clients.csv") + 1, clients.size());
    for (BadRow bad : summary.expectedRejects()) {
      List<String> lines =
          switch (bad.file()) {
            case "sessions.csv" -> sessions;
            case "pain_scores.csv" -> scores;
            default -> clients;
          };
      String raw = lines.get((int) bad.line() - 1);
      String expectedFragment =
          switch (bad.reasons()) {
            case "invalid_session_date" -> "2025-02-30";
            case "duration_min_out_of_range" -> ",300,";
            case "missing_client_id" -> "SB000004,,";
            case "conflicting_duplicate" -> "SB000005,";
            case "malformed_row" -> "SB000006,";
            case "invalid_adverse_event" -> "\"soreness, bruising\"";
            case "score_out_of_range" -> ",12";
            case "score_precision" -> ",6.25";
            case "unknown_session" -> ",before,nrs_pain,7";
            case "date_mismatch" -> ",before,odi,30";
            case "invalid_age_band|symptom_weeks_out_of_range" -> "CB000001,45,";
            default -> sessions.get(1); // the duplicate repeats the first session row
          };
      assertTrue(raw.contains(expectedFragment), bad + " at " + raw);
    }
    assertEquals(8, CsvLines.parse(sessions.get(sessions.size() - 1)).size());
    assertEquals(6, CsvLines.parse(sessions.get(sessions.size() - 2)).size());
  }

  @Test
  void normalizationRowIsAppendedAsAGoodRow() throws IOException {
    Generator.generate(new GeneratorSettings(10, 5L).withBadRows(true), dir);
    List<String> sessions = Files.readAllLines(dir.resolve("sessions.csv"));
    assertTrue(
        sessions.contains("SB000001,C0000000,T01,2024-01-31,\" Deep Tissue \",60,Soreness,YES"));
    List<String> scores = Files.readAllLines(dir.resolve("pain_scores.csv"));
    assertTrue(scores.contains("C0000000,SB000001,2024-01-31,after,nrs_pain,4.50"));
  }

  @Test
  void withoutBadRowsNothingIsAppended() throws IOException {
    Summary summary = Generator.generate(new GeneratorSettings(50, 5L), dir);
    assertEquals(0, summary.badRows());
    assertEquals(summary.sessions(), summary.rows().get("sessions.csv"));
    assertEquals(summary.scores(), summary.rows().get("pain_scores.csv"));
  }

  @Test
  void badRowsNeedAClientAndAWindow() {
    assertThrows(
        IllegalArgumentException.class, () -> new GeneratorSettings(0, 1L).withBadRows(true));
    LocalDate start = LocalDate.of(2024, 1, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new GeneratorSettings(5, 1L, start, start.plusDays(30), true));
  }
}
