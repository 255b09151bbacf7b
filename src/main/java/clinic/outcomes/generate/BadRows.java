package clinic.outcomes.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows appended with {@code badRows = true}: 14 rows a correct ingest rejects or counts as
 * duplicate, and 4 odd-looking rows it must accept (normalization, quoting, {@code 4.50}). They
 * belong to the extra client {@code C0000000} (never a generated id) except the duplicate, which
 * repeats the first generated session row, and the bad client row {@code CB000001}. Dates are taken
 * from day 30 of the window ({@code D}), so the rows stay valid for any window.
 */
final class BadRows {

  /** The client of the appended rows. */
  static final String CLIENT = "C0000000";

  private static final int FIRST_DAY_OFFSET = 30;

  private final CsvSink out;
  private final int day0;
  private final List<BadRow> expected = new ArrayList<>();

  BadRows(CsvSink out, int startDay) {
    this.out = out;
    this.day0 = startDay + FIRST_DAY_OFFSET;
  }

  /** Appends every row and returns the bad ones with their expected outcome. */
  List<BadRow> append() throws IOException {
    appendSessions();
    appendScores();
    appendClients();
    return List.copyOf(expected);
  }

  private void appendSessions() throws IOException {
    String f = CsvSink.SESSIONS;
    good(f, "SB000001," + CLIENT + ",T01," + d(0) + ",\" Deep Tissue \",60,Soreness,YES");
    bad(
        f,
        "SB000002," + CLIENT + ",T02,2025-02-30,swedish,60,none,yes",
        "invalid_session_date",
        "not a real date");
    bad(
        f,
        "SB000003," + CLIENT + ",T03," + d(1) + ",swedish,300,none,no",
        "duration_min_out_of_range",
        "duration 300 min");
    bad(
        f,
        "SB000004,,T01," + d(2) + ",swedish,45,none,yes",
        "missing_client_id",
        "empty client_id");
    long line = out.raw(f, out.firstSessionRow());
    expected.add(new BadRow(f, line, BadRow.DUPLICATE, "", "exact copy of the first session row"));
    bad(
        f,
        "SB000005," + CLIENT + ",T04," + d(3) + ",trigger_point,45,none,yes",
        "conflicting_duplicate",
        "same session_id as the next row, other values");
    bad(
        f,
        "SB000005," + CLIENT + ",T04," + d(3) + ",trigger_point,60,soreness,yes",
        "conflicting_duplicate",
        "same session_id as the previous row, other values");
    bad(
        f,
        "SB000006," + CLIENT + ",T01," + d(4) + ",swedish,60",
        "malformed_row",
        "6 fields instead of 8");
    bad(
        f,
        "SB000007," + CLIENT + ",T05," + d(5) + ",myofascial_release,60,\"soreness, bruising\",no",
        "invalid_adverse_event",
        "quoted field with a comma: 8 fields, adverse_event not allowed");
  }

  private void appendScores() throws IOException {
    String f = CsvSink.SCORES;
    good(f, CLIENT + ",SB000001," + d(0) + ",Before,NRS_Pain,6");
    good(f, CLIENT + ",SB000001," + d(0) + ",after,nrs_pain,4.50");
    bad(f, CLIENT + ",," + d(-1) + ",intake,nrs_pain,12", "score_out_of_range", "nrs_pain 12 > 10");
    bad(
        f,
        CLIENT + ",," + d(10) + ",discharge,nrs_pain,6.25",
        "score_precision",
        "two decimal places");
    bad(
        f,
        CLIENT + ",SB000099," + d(0) + ",before,nrs_pain,7",
        "unknown_session",
        "session_id that no session has");
    bad(
        f,
        CLIENT + ",SB000003," + d(1) + ",before,nrs_pain,7",
        "unknown_session",
        "its session SB000003 is itself rejected");
    bad(
        f,
        CLIENT + ",SB000001," + d(1) + ",before,odi,30",
        "date_mismatch",
        "dated the day after its session");
  }

  private void appendClients() throws IOException {
    String f = CsvSink.CLIENTS;
    good(f, CLIENT + ",90+,Female,other,12,physio|medication,none,yes");
    bad(
        f,
        "CB000001,45,female,piriformis,2000,none,none,yes",
        "invalid_age_band|symptom_weeks_out_of_range",
        "an age instead of a band; 2000 weeks");
  }

  private void good(String file, String text) throws IOException {
    out.raw(file, text);
  }

  private void bad(String file, String text, String reasons, String description)
      throws IOException {
    long line = out.raw(file, text);
    expected.add(new BadRow(file, line, BadRow.REJECTED, reasons, description));
  }

  private String d(int offset) {
    return out.date(day0 + offset);
  }
}
