package clinic.outcomes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientPass;
import clinic.outcomes.stage.IngestStage;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.Reading;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation alone (the lean global check of {@link ValidationStage}, the judging of each client in
 * the client pass, {@link ClientJudge}), on three tiny files staged by {@link IngestStage}, one
 * record per rule of the data contract (docs/analysis.md, the class comment of {@link
 * ClientJudge}): exact copies counted {@code duplicate} (the first copy by line kept, also when it
 * is rejected), rows of one key that differ all {@code conflicting_duplicate} (only among rows
 * passing every row rule; a failing row of such a key keeps only its own reasons), {@code
 * unknown_session} (a session rejected, or of another client), {@code date_mismatch} (before/after
 * only), the intake key including its date, reasons sorted and joined. Accepted rows, rejects
 * (file, line, reasons, raw) and the accounting are worked out by hand below, and are the same
 * under 1, 2 and 7 shuffle partitions and ingest pieces.
 */
class ValidationStageTest {
  @TempDir Path tmp;
  private final SparkSession spark = SharedSpark.get();
  private String shufflePartitions;

  private static final String SESSIONS =
      "session_id,client_id,therapist_id,session_date,technique,duration_min,adverse_event,"
          + "home_exercise\n"
          + "S1,C1,T1,2025-01-06,swedish,60,none,yes\n" // 2 accepted
          + "S2,C1,T1,2025-01-13,swedish,60,none,yes\n" // 3 accepted: first copy
          + "S2,C1,T1,2025-01-13,swedish,60,none,yes\n" // 4 duplicate
          + "S3,C2,T2,2025-01-14,deep_tissue,45,soreness,no\n" // 5 conflicts with 6
          + "S3,C2,T2,2025-01-15,deep_tissue,45,soreness,no\n" // 6 conflicts with 5
          + "S4,C2,T2,2025-01-20,deep_tissue,5,none,no\n" // 7 duration out of range
          + "S5,C2,T2,2025-01-21,Deep Tissue,45,none,no\n" // 8 accepted, technique normalized
          + "S5,C2,T2,2025-01-21,deep_tissue,5,none,no\n" // 9 rejected: no conflict with 8
          + "S4,C2,T2,2025-01-20,deep_tissue,5,none,no\n" // 10 duplicate of rejected 7
          + "S6,C2\n" // 11 malformed
          + "S3,C2,T2,2025-01-16,deep_tissue,5,soreness,no\n"; // 12 own reason only

  private static final String SCORES =
      "client_id,session_id,recorded_on,moment,measure,score\n"
          + "C1,S1,2025-01-06,before,nrs_pain,6\n" // 2 accepted
          + "C1,S1,2025-01-06,after,nrs_pain,4.5\n" // 3 accepted
          + "C1,S1,2025-01-06,after,nrs_pain,4.5\n" // 4 duplicate
          + "C1,S2,2025-01-13,before,nrs_pain,7\n" // 5 conflicts with 6
          + "C1,S2,2025-01-13,before,nrs_pain,5\n" // 6 conflicts with 5
          + "C2,S3,2025-01-14,before,nrs_pain,6\n" // 7 S3 was rejected
          + "C2,S1,2025-01-06,before,nrs_pain,6\n" // 8 S1 is C1's
          + "C1,S2,2025-01-14,after,nrs_pain,3\n" // 9 S2 was on 01-13
          + "C2,S5,2025-01-21,after,nrs_pain,11\n" // 10 out of range
          + "C2,,2025-01-01,intake,nrs_pain,8\n" // 11 accepted
          + "C2,,2025-01-02,intake,nrs_pain,7\n" // 12 accepted: another day, another key
          + "C2,S9,2025-04-21,followup,nrs_pain,3\n" // 13 no session S9
          + "C2,S5,2025-02-01,discharge,nrs_pain,2\n" // 14 accepted: not a before/after
          + "C2,S3,2025-01-14,after,nrs_pain,12\n"; // 15 two reasons

  private static final String CLIENTS =
      "client_id,age_band,sex,condition,symptom_weeks,co_treatment,contraindications,"
          + "medical_clearance\n"
          + "C1,40-49,female,piriformis,12,physio|chiro,none,yes\n" // 2 accepted
          + "C2,50-59,male,herniated_disc,30,,hypertension,no\n" // 3 accepted
          + "C2,50-59,male,herniated_disc,30,,hypertension,no\n" // 4 duplicate
          + "C3,30-39,female,other,2,,,yes\n" // 5 conflicts with 6
          + "C3,30-39,female,other,3,,,yes\n" // 6 conflicts with 5
          + "C4,18-29,female,pregnancy,10,,none|pregnancy,no\n" // 7 none beside another
          + "C5,17-25,x,other,2000,,,\n"; // 8 three reasons

  /** session_id|client_id|therapist_id|session_date|technique|duration|event|home. */
  private static final List<String> ACCEPTED_SESSIONS =
      List.of(
          "S1|C1|T1|2025-01-06|swedish|60|none|yes", // line 2
          "S2|C1|T1|2025-01-13|swedish|60|none|yes", // line 3
          "S5|C2|T2|2025-01-21|deep_tissue|45|none|no"); // line 8

  /** line|client_id|session_id|recorded_on|moment|measure|score_tenths. */
  private static final List<String> ACCEPTED_SCORES =
      List.of(
          "2|C1|S1|2025-01-06|before|nrs_pain|60",
          "3|C1|S1|2025-01-06|after|nrs_pain|45",
          "11|C2|null|2025-01-01|intake|nrs_pain|80",
          "12|C2|null|2025-01-02|intake|nrs_pain|70",
          "14|C2|S5|2025-02-01|discharge|nrs_pain|20");

  /** client_id|age_band|sex|condition|weeks|co_treatment|contraindications|clearance. */
  private static final List<String> ACCEPTED_CLIENTS =
      List.of(
          "C1|40-49|female|piriformis|12|chiro|physio|none|yes", // line 2
          "C2|50-59|male|herniated_disc|30|null|hypertension|no"); // line 3

  /** file|line|reasons|raw, in file order then line. */
  private static final List<String> REJECTS =
      List.of(
          "clients.csv|5|conflicting_duplicate|C3,30-39,female,other,2,,,yes",
          "clients.csv|6|conflicting_duplicate|C3,30-39,female,other,3,,,yes",
          "clients.csv|7|invalid_contraindications|C4,18-29,female,pregnancy,10,,none|pregnancy,no",
          "clients.csv|8|invalid_age_band|invalid_sex|symptom_weeks_out_of_range"
              + "|C5,17-25,x,other,2000,,,",
          "pain_scores.csv|5|conflicting_duplicate|C1,S2,2025-01-13,before,nrs_pain,7",
          "pain_scores.csv|6|conflicting_duplicate|C1,S2,2025-01-13,before,nrs_pain,5",
          "pain_scores.csv|7|unknown_session|C2,S3,2025-01-14,before,nrs_pain,6",
          "pain_scores.csv|8|unknown_session|C2,S1,2025-01-06,before,nrs_pain,6",
          "pain_scores.csv|9|date_mismatch|C1,S2,2025-01-14,after,nrs_pain,3",
          "pain_scores.csv|10|score_out_of_range|C2,S5,2025-01-21,after,nrs_pain,11",
          "pain_scores.csv|13|unknown_session|C2,S9,2025-04-21,followup,nrs_pain,3",
          "pain_scores.csv|15|score_out_of_range|unknown_session|C2,S3,2025-01-14,after,nrs_pain,12",
          "sessions.csv|5|conflicting_duplicate|S3,C2,T2,2025-01-14,deep_tissue,45,soreness,no",
          "sessions.csv|6|conflicting_duplicate|S3,C2,T2,2025-01-15,deep_tissue,45,soreness,no",
          "sessions.csv|7|duration_min_out_of_range|S4,C2,T2,2025-01-20,deep_tissue,5,none,no",
          "sessions.csv|9|duration_min_out_of_range|S5,C2,T2,2025-01-21,deep_tissue,5,none,no",
          "sessions.csv|11|malformed_row|S6,C2",
          "sessions.csv|12|duration_min_out_of_range|S3,C2,T2,2025-01-16,deep_tissue,5,soreness,no");

  /** read, accepted, rejected, duplicate: counted from the comments on the files above. */
  private static final Map<String, Accounting> ACCOUNTING = accounting();

  private static Map<String, Accounting> accounting() {
    Map<String, Accounting> m = new LinkedHashMap<>();
    m.put("sessions.csv", new Accounting(11, 3, 6, 2));
    m.put("pain_scores.csv", new Accounting(14, 5, 8, 1));
    m.put("clients.csv", new Accounting(7, 2, 4, 1));
    return m;
  }

  @BeforeEach
  void rememberPartitions() {
    shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
  }

  @AfterEach
  void restoreSettings() {
    spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    spark.conf().unset(IngestStage.PIECE_BYTES_SETTING);
    spark.conf().unset(ValidationStage.FEW_CONFLICTS_SETTING);
  }

  /** Everything validation produced, as text rows in a fixed order. */
  private record Outcome(
      List<String> sessions,
      List<String> scores,
      List<String> clients,
      List<String> rejects,
      Map<String, Accounting> accounting,
      LocalDate asOf) {}

  private Outcome validate(int partitions) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("sessions.csv"), SESSIONS, StandardCharsets.UTF_8);
    Files.writeString(in.resolve("pain_scores.csv"), SCORES, StandardCharsets.UTF_8);
    Files.writeString(in.resolve("clients.csv"), CLIENTS, StandardCharsets.UTF_8);
    // n pieces of the sessions file (the smaller files get as many or fewer), n shuffle partitions
    long pieceBytes =
        partitions == 1
            ? IngestStage.DEFAULT_PIECE_BYTES
            : (long)
                Math.ceil(SESSIONS.getBytes(StandardCharsets.UTF_8).length / (double) partitions);
    spark.conf().set(IngestStage.PIECE_BYTES_SETTING, Long.toString(pieceBytes));
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    org.apache.hadoop.fs.Path staging =
        new org.apache.hadoop.fs.Path(tmp.resolve("staging-" + partitions).toUri());
    // As the pipeline runs them: the records read straight into the pass's shuffle, then the
    // check of ids from the side files, then the pass.
    IngestStage stage = new IngestStage(spark, in.toString(), staging, LocalDate.of(2025, 6, 30));
    Reading reading = stage.read();
    ValidationStage validation = new ValidationStage(spark);
    ClientPass client = new ClientPass(spark, Settings.defaults(), validation.input(reading), 32);
    client.readInput();
    Ingested staged = stage.finish(reading);
    client.conflicts(validation.conflicts(staged.sessions(), reading.sessionIdFiles()));
    // The as-of date the pass assumes first; it checks it against the latest accepted date.
    LocalDate assumed = ValidationStage.latestValidDate(staged);
    ClientPass.Result pass =
        client.run(
            true,
            assumed,
            LocalDate.of(2025, 6, 30),
            tmp.resolve("tables-" + partitions).toUri().toString(),
            tmp.resolve("pass-" + partitions).toUri().toString());
    Map<String, Accounting> accounting = ValidationStage.accounting(staged, pass.counts());
    return new Outcome(
        rows(
            pass.sessions(),
            "session_id",
            "session_id",
            "client_id",
            "therapist_id",
            "session_date",
            "technique",
            "duration_min",
            "adverse_event",
            "home_exercise"),
        rows(
            pass.painScores(),
            "source_line",
            "source_line",
            "client_id",
            "session_id",
            "recorded_on",
            "moment",
            "measure",
            "score_tenths"),
        rows(
            pass.clients(),
            "client_id",
            "client_id",
            "age_band",
            "sex",
            "condition",
            "symptom_weeks",
            "co_treatment",
            "contraindications",
            "medical_clearance"),
        rejects(validation.rejects(staged, pass.rejected(), accounting)),
        accounting,
        pass.asOf());
  }

  /** The {@code columns} of each row ordered by {@code order}, {@code |}-joined. */
  private static List<String> rows(Dataset<Row> d, String order, String... columns) {
    List<String> out = new ArrayList<>();
    Dataset<Row> ordered = d.orderBy(order).selectExpr(columns);
    for (Row r : ordered.collectAsList()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        fields.add(String.valueOf(r.get(i)));
      }
      out.add(String.join("|", fields));
    }
    return out;
  }

  private static List<String> rejects(Dataset<Row> rejects) {
    List<String> out = new ArrayList<>();
    for (Row r : rejects.orderBy("file", "line").collectAsList()) {
      out.add(
          r.<String>getAs("file")
              + "|"
              + r.<Long>getAs("line")
              + "|"
              + r.<String>getAs("reasons")
              + "|"
              + r.<String>getAs("raw"));
    }
    return out;
  }

  @Test
  void everyRuleOnTinyFiles() throws IOException {
    Outcome o = validate(2);
    assertEquals(ACCEPTED_SESSIONS, o.sessions());
    assertEquals(ACCEPTED_SCORES, o.scores());
    assertEquals(ACCEPTED_CLIENTS, o.clients());
    assertEquals(REJECTS, o.rejects());
    assertEquals(ACCOUNTING, o.accounting());
    // the latest accepted date: the discharge score of line 14, after every accepted session (the
    // follow-up of line 13, later still, is rejected)
    assertEquals(LocalDate.of(2025, 2, 1), o.asOf());
    for (Map.Entry<String, Accounting> e : o.accounting().entrySet()) {
      assertTrue(e.getValue().balances(), e.getKey() + " balances");
    }
  }

  @Test
  void theSameUnderOneTwoAndSevenPartitions() throws IOException {
    Outcome one = validate(1);
    assertEquals(ACCEPTED_SESSIONS, one.sessions(), "1 partition");
    assertEquals(REJECTS, one.rejects(), "1 partition");
    assertEquals(one, validate(2), "2 partitions");
    assertEquals(one, validate(7), "7 partitions");
  }

  @Test
  void theSameWhenTheConflictingSessionIdsTravelAsTheirHashes() throws IOException {
    // more conflicting ids than the setting allows (1 here, S3, against 0): the tasks get their
    // 64 + 32-bit hashes instead of the ids
    spark.conf().set(ValidationStage.FEW_CONFLICTS_SETTING, "0");
    Outcome joined = validate(2);
    assertEquals(ACCEPTED_SESSIONS, joined.sessions());
    assertEquals(REJECTS, joined.rejects());
    assertEquals(ACCOUNTING, joined.accounting());
  }

  /** A side file of session ids missing (a piece lost) stops the check: no conflict goes unseen. */
  @Test
  void theCheckOfIdsRequiresEverySideFileOfTheIngest() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in-sides"));
    Files.writeString(in.resolve("sessions.csv"), SESSIONS, StandardCharsets.UTF_8);
    Files.writeString(in.resolve("pain_scores.csv"), SCORES, StandardCharsets.UTF_8);
    spark.conf().set(IngestStage.PIECE_BYTES_SETTING, "64"); // several pieces, several side files
    Path staging = tmp.resolve("staging-sides");
    Ingested staged =
        new IngestStage(
                spark,
                in.toString(),
                new org.apache.hadoop.fs.Path(staging.toUri()),
                LocalDate.of(2025, 6, 30))
            .run();
    int files = staged.reading().sessionIdFiles();
    assertTrue(files > 1, files + " side files");
    ValidationStage validation = new ValidationStage(spark);
    assertEquals(1, validation.conflicts(staged.sessions(), files).size(), "S3");
    try (var sides = Files.list(staging.resolve("session_ids"))) {
      Files.delete(
          sides.filter(f -> f.getFileName().toString().startsWith("sessions-")).findFirst().get());
    }
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> validation.conflicts(staged.sessions(), files));
    assertTrue(e.getMessage().contains((files - 1) + " side files"), e.getMessage());
  }
}
