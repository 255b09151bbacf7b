package clinic.outcomes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.validate.ClientJudge.Entry;
import clinic.outcomes.validate.ClientJudge.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-client judge alone, without Spark, on one client's records worked by hand (fingerprints
 * are small numbers: equal numbers are identical records). Each record's comment says its expected
 * verdict and why; the order of the records does not matter.
 */
class ClientJudgeTest {
  private static final int SESSION = ClientJudge.SESSION;
  private static final int SCORE = ClientJudge.SCORE;
  private static final int CLIENT = ClientJudge.CLIENT;

  private static Entry session(long line, String reasons, long fp, String id, String date) {
    return session(line, reasons, fp, id, date, false);
  }

  private static Entry session(
      long line, String reasons, long fp, String id, String date, boolean global) {
    return new Entry(
        SESSION, line, reasons, fp, (int) fp, "C1", id, LocalDate.parse(date), null, null, global);
  }

  private static Entry score(
      long line, String reasons, long fp, String session, String date, String moment, String m) {
    return new Entry(
        SCORE, line, reasons, fp, (int) fp, "C1", session, LocalDate.parse(date), moment, m, false);
  }

  private static Entry client(long line, String reasons, long fp) {
    return new Entry(CLIENT, line, reasons, fp, (int) fp, "C1", null, null, null, null, false);
  }

  /** The records of client C1 and the verdict each must get ("status reasons"). */
  private static final List<Entry> C1 =
      List.of(
          session(2, "", 1, "S1", "2025-01-06"), // accepted
          session(3, "", 1, "S1", "2025-01-06"), // duplicate of line 2
          session(4, "", 2, "S2", "2025-01-13"), // conflicts with line 5: same id, another record
          session(5, "", 3, "S2", "2025-01-14"), // conflicts with line 4
          session(6, "duration_min_out_of_range", 4, "S3", "2025-01-20"), // own reason only
          session(
              7, "", 5, "S4", "2025-01-27", true), // another client's S4 differs: the global set
          score(2, "", 11, "S1", "2025-01-06", "before", "nrs_pain"), // accepted
          score(3, "", 11, "S1", "2025-01-06", "before", "nrs_pain"), // duplicate of line 2
          score(4, "", 12, "S1", "2025-01-06", "after", "nrs_pain"), // conflicts with line 5
          score(5, "", 13, "S1", "2025-01-06", "after", "nrs_pain"), // conflicts with line 4
          score(6, "", 14, "S2", "2025-01-13", "before", "nrs_pain"), // S2 was rejected
          score(7, "", 15, "S1", "2025-01-07", "after", "odi"), // S1 was on 01-06
          score(8, "", 16, "S9", "2025-04-21", "followup", "nrs_pain"), // no session S9
          score(9, "", 17, null, "2025-01-01", "intake", "nrs_pain"), // accepted
          score(10, "", 18, null, "2025-01-02", "intake", "nrs_pain"), // accepted: another day
          // the key of line 9 but failing a rule: no conflict with 9, two reasons sorted
          score(11, "score_out_of_range", 19, "S9", "2025-01-01", "intake", "nrs_pain"),
          score(12, "", 20, "S1", "2025-03-01", "discharge", "nrs_pain"), // accepted, latest date
          score(13, "", 21, "S4", "2025-01-27", "before", "nrs_pain"), // S4 was rejected
          client(2, "", 31), // conflicts with line 3
          client(3, "", 32), // conflicts with line 2
          client(4, "", 31)); // duplicate of line 2 (not a third conflicting row)

  private static final List<String> C1_VERDICTS =
      List.of(
          "accepted ",
          "duplicate",
          "rejected conflicting_duplicate",
          "rejected conflicting_duplicate",
          "rejected duration_min_out_of_range",
          "rejected conflicting_duplicate",
          "accepted ",
          "duplicate",
          "rejected conflicting_duplicate",
          "rejected conflicting_duplicate",
          "rejected unknown_session",
          "rejected date_mismatch",
          "rejected unknown_session",
          "accepted ",
          "accepted ",
          "rejected score_out_of_range|unknown_session",
          "accepted ",
          "rejected unknown_session",
          "rejected conflicting_duplicate",
          "rejected conflicting_duplicate",
          "duplicate");

  private static List<String> render(List<Entry> entries) {
    Verdict[] v = ClientJudge.judge(entries);
    List<String> out = new ArrayList<>();
    for (Verdict x : v) {
      out.add(x.status().equals("duplicate") ? "duplicate" : x.status() + " " + x.reasons());
    }
    return out;
  }

  @Test
  void everyRuleWithinOneClient() {
    assertEquals(C1_VERDICTS, render(C1));
  }

  @Test
  void theOrderOfTheRecordsDoesNotMatter() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < C1.size(); i++) {
      order.add(i);
    }
    Collections.reverse(order);
    List<Entry> reversed = order.stream().map(C1::get).toList();
    List<String> expected = order.stream().map(C1_VERDICTS::get).toList();
    assertEquals(expected, render(reversed));
  }

  @Test
  void theLatestAcceptedDateIsADischargeScoreNotARejectedFollowUp() {
    // accepted: session S1 (01-06), scores on 01-06, 01-01, 01-02 and 03-01; the follow-up of
    // 04-21 and session S4 of 01-27 are rejected
    assertEquals(
        LocalDate.parse("2025-03-01"), ClientJudge.latestAccepted(C1, ClientJudge.judge(C1)));
  }

  @Test
  void rowsWithoutAClientAreJudgedByTheirFingerprint() {
    // a group of rows with no client_id (grouped by their fingerprint's hash): the first copy is
    // rejected with its own reason and unknown_session (no accepted session can match a missing
    // client), the second copy is a duplicate; nothing is accepted
    List<Entry> noClient =
        List.of(
            new Entry(
                SCORE,
                40,
                "missing_client_id",
                7,
                7,
                null,
                "S1",
                LocalDate.parse("2025-01-06"),
                "before",
                "nrs_pain",
                false),
            new Entry(
                SCORE,
                41,
                "missing_client_id",
                7,
                7,
                null,
                "S1",
                LocalDate.parse("2025-01-06"),
                "before",
                "nrs_pain",
                false));
    assertEquals(
        List.of("rejected missing_client_id|unknown_session", "duplicate"), render(noClient));
    assertNull(ClientJudge.latestAccepted(noClient, ClientJudge.judge(noClient)));
  }

  @Test
  void aSessionIdSharedWithAnotherClientConflictsOnlyThroughTheGlobalSet() {
    // the same record alone in its client: accepted unless the whole file says its id conflicts
    Entry alone = session(9, "", 9, "S7", "2025-02-03");
    Entry flagged = session(9, "", 9, "S7", "2025-02-03", true);
    assertEquals(List.of("accepted "), render(List.of(alone)));
    assertEquals(List.of("rejected conflicting_duplicate"), render(List.of(flagged)));
  }
}
