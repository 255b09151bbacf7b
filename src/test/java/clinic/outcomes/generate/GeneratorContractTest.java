package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated row satisfies the SPEC's data contract; the structure is as documented. */
class GeneratorContractTest {

  private static final LocalDate START = LocalDate.of(2024, 3, 1);
  private static final LocalDate END = LocalDate.of(2026, 2, 28);
  private static final Pattern SESSION_ID = Pattern.compile("S\\d{8}");
  private static final Pattern CLIENT_ID = Pattern.compile("C\\d{7}");
  private static final Pattern SCORE = Pattern.compile("\\d{1,3}(\\.\\d)?");
  private static final Set<String> TECHNIQUES = Set.copyOf(TrueEffects.TECHNIQUES);
  private static final Map<String, Integer> MAX =
      Map.of("nrs_pain", 10, "odi", 100, "rmdq", 24, "slr_deg", 90);

  @TempDir static Path dir;
  private static Summary summary;
  private static GeneratedData data;

  @BeforeAll
  static void generate() throws IOException {
    summary = Generator.generate(new GeneratorSettings(4000, 99L, START, END, false), dir);
    data = GeneratedData.read(dir);
  }

  @Test
  void headersAndCountsAreThoseOfTheSpec() throws IOException {
    assertEquals(
        List.of(
            "session_id",
            "client_id",
            "therapist_id",
            "session_date",
            "technique",
            "duration_min",
            "adverse_event",
            "home_exercise"),
        CsvLines.header(dir.resolve("sessions.csv")));
    assertEquals(
        List.of("client_id", "session_id", "recorded_on", "moment", "measure", "score"),
        CsvLines.header(dir.resolve("pain_scores.csv")));
    assertEquals(
        List.of(
            "client_id",
            "age_band",
            "sex",
            "condition",
            "symptom_weeks",
            "co_treatment",
            "contraindications",
            "medical_clearance"),
        CsvLines.header(dir.resolve("clients.csv")));
    assertEquals(summary.sessions(), data.sessions.size());
    assertEquals(summary.scores(), data.scores.size());
    assertEquals(summary.episodes(), data.episodes.size());
    for (String file : List.of("sessions.csv", "pain_scores.csv", "clients.csv")) {
      long lines = Files.readAllLines(dir.resolve(file)).size();
      assertEquals(summary.rows().get(file) + 1, lines, file);
    }
  }

  @Test
  void sessionRowsAreValid() throws IOException {
    Set<String> ids = new HashSet<>();
    for (List<String> f : CsvLines.records(dir.resolve("sessions.csv"))) {
      assertEquals(8, f.size(), f.toString());
      assertTrue(ids.add(f.get(0)), "duplicate " + f);
      assertTrue(SESSION_ID.matcher(f.get(0)).matches(), f.toString());
      assertTrue(CLIENT_ID.matcher(f.get(1)).matches(), f.toString());
      assertTrue(f.get(2).isEmpty() || f.get(2).matches("T0[1-8]"), f.toString());
      assertInWindow(LocalDate.parse(f.get(3)));
      assertTrue(TECHNIQUES.contains(f.get(4)), f.toString());
      assertTrue(Set.of("", "30", "45", "60", "90").contains(f.get(5)), f.toString());
      assertTrue(
          Set.of("", "none", "soreness", "bruising", "increased_pain", "other").contains(f.get(6)),
          f.toString());
      assertTrue(Set.of("", "yes", "no").contains(f.get(7)), f.toString());
    }
  }

  @Test
  void scoreRowsAreValid() throws IOException {
    Map<String, GeneratedData.Session> sessions = new HashMap<>();
    for (GeneratedData.Session s : data.sessions) {
      sessions.put(s.id(), s);
    }
    Set<String> keys = new HashSet<>();
    for (List<String> f : CsvLines.records(dir.resolve("pain_scores.csv"))) {
      assertEquals(6, f.size(), f.toString());
      assertTrue(CLIENT_ID.matcher(f.get(0)).matches(), f.toString());
      LocalDate date = LocalDate.parse(f.get(2));
      assertInWindow(date);
      String moment = f.get(3);
      assertTrue(MAX.containsKey(f.get(4)), f.toString());
      assertTrue(SCORE.matcher(f.get(5)).matches(), "precision " + f);
      double score = Double.parseDouble(f.get(5));
      assertTrue(score >= 0 && score <= MAX.get(f.get(4)), "range " + f);
      if (moment.equals("before") || moment.equals("after")) {
        GeneratedData.Session s = sessions.get(f.get(1));
        assertNotNull(s, "unknown session " + f);
        assertEquals(s.client(), f.get(0));
        assertEquals(s.date(), date);
        assertTrue(keys.add(f.get(1) + moment + f.get(4)), "conflict " + f);
      } else {
        assertTrue(Set.of("intake", "discharge", "followup").contains(moment), f.toString());
        assertTrue(f.get(1).isEmpty(), f.toString());
        assertTrue(keys.add(f.get(0) + moment + f.get(4) + date), "conflict " + f);
      }
    }
  }

  @Test
  void clientRowsAreValid() throws IOException {
    Set<String> ids = new HashSet<>();
    Set<String> ages = Set.of("18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+");
    Set<String> conditions =
        Set.of(
            "herniated_disc",
            "spinal_stenosis",
            "degenerative_disc",
            "piriformis",
            "pregnancy",
            "other",
            "unknown");
    Set<String> co = Set.of("physio", "chiro", "medication", "none");
    Set<String> contra =
        Set.of(
            "recent_surgery",
            "open_wound",
            "clotting_disorder",
            "severe_osteoporosis",
            "pregnancy",
            "hypertension",
            "diabetes",
            "none");
    int uncleared = 0;
    for (List<String> f : CsvLines.records(dir.resolve("clients.csv"))) {
      assertEquals(8, f.size(), f.toString());
      assertTrue(ids.add(f.get(0)) && CLIENT_ID.matcher(f.get(0)).matches(), f.toString());
      assertTrue(ages.contains(f.get(1)), f.toString());
      assertTrue(Set.of("female", "male", "other", "unknown").contains(f.get(2)), f.toString());
      assertTrue(conditions.contains(f.get(3)), f.toString());
      assertTrue(f.get(4).isEmpty() || Integer.parseInt(f.get(4)) <= 1040, f.toString());
      assertTrue(co.containsAll(Arrays.asList(f.get(5).split("\\|"))), f.toString());
      assertTrue(contra.containsAll(Arrays.asList(f.get(6).split("\\|"))), f.toString());
      assertTrue(Set.of("yes", "no").contains(f.get(7)), f.toString());
      if (!f.get(6).equals("none") && f.get(7).equals("no")) {
        uncleared++;
      }
    }
    assertTrue(uncleared > 0, "a few contraindicated clients without clearance");
  }

  @Test
  void episodesHaveTheDocumentedStructure() {
    int second = 0;
    for (GeneratedData.EpisodeView e : data.episodes) {
      assertTrue(e.n() >= 1 && e.n() <= 15);
      List<GeneratedData.Session> s = e.sessions();
      for (int k = 1; k < s.size(); k++) {
        long gap = ChronoUnit.DAYS.between(s.get(k - 1).date(), s.get(k).date());
        assertTrue(gap >= 5 && gap <= 14, "spacing " + gap);
      }
      assertEquals(e.primary(), s.get(0).technique());
      assertEquals(e.primary(), s.get(s.size() - 1).technique());
      long primaryCount = s.stream().filter(x -> x.technique().equals(e.primary())).count();
      assertTrue(2 * primaryCount > e.n(), "strict majority");
      if (e.nextStart() != null) {
        second++;
      }
    }
    double share = second / (double) summary.clients();
    assertTrue(share > 0.12 && share < 0.18, "re-treatment share " + share);
  }

  @Test
  void otherMomentsAreDatedAsDocumented() {
    Map<String, List<GeneratedData.EpisodeView>> byClient = new HashMap<>();
    for (GeneratedData.EpisodeView e : data.episodes) {
      byClient.computeIfAbsent(e.sessions().get(0).client(), c -> new ArrayList<>()).add(e);
    }
    for (GeneratedData.Score s : data.scores) {
      if (s.sessionId().isEmpty()) {
        assertTrue(
            byClient.get(s.client()).stream().anyMatch(e -> datedAsDocumented(s, e)), s.toString());
      }
    }
  }

  /**
   * Intake 0-14 days before the first session; discharge 1-14 after the last; follow-up within 20
   * days of 90, 180 or 365 days after the last; both before the next episode.
   */
  private static boolean datedAsDocumented(GeneratedData.Score s, GeneratedData.EpisodeView e) {
    long beforeFirst = ChronoUnit.DAYS.between(s.date(), e.first());
    long afterLast = ChronoUnit.DAYS.between(e.last(), s.date());
    boolean beforeNext = e.nextStart() == null || s.date().isBefore(e.nextStart());
    return switch (s.moment()) {
      case "intake" -> beforeFirst >= 0 && beforeFirst <= 14;
      case "discharge" -> beforeNext && afterLast >= 1 && afterLast <= 14;
      case "followup" ->
          beforeNext
              && (Math.abs(afterLast - 90) <= 20
                  || Math.abs(afterLast - 180) <= 20
                  || Math.abs(afterLast - 365) <= 20);
      default -> false;
    };
  }

  @Test
  void noIdLooksLikeAPhoneNumber() {
    for (GeneratedData.Session s : data.sessions) {
      assertFalse(s.id().matches("[0-9+()\\-./ ]+"));
      assertFalse(s.client().matches("[0-9+()\\-./ ]+"));
    }
  }

  private static void assertInWindow(LocalDate date) {
    assertFalse(date.isBefore(START) || date.isAfter(END), date.toString());
  }
}
