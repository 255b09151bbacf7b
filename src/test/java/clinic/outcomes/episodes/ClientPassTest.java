package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.core.Settings;
import clinic.outcomes.validate.ValidationStage;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client pass alone, on three clients built in memory, with the expected rows worked out by
 * hand from the SPEC rules (default settings: gap 90 days, pain MCID 2 points, as of 2025-12-31):
 *
 * <pre>
 * C1 S1 2025-03-03 deep_tissue T1 none home yes  pain before 7.0 after 5.0
 *    S2 2025-03-10 deep_tissue T1 none home no   pain before 6.0 after 4.0
 *    -> one episode C1-E1 (2 sessions, bucket 2-3), adherent (1 yes of 2 recorded: 2 * 1 >= 2),
 *       closed by the gap (2025-03-10 is more than 90 days before as-of); course pain: baseline
 *       7.0 (before S1), final 6.0 (before of the last session), improvement 1.0, percent 10/70
 * C2 S3 2025-04-01 swedish     T2 -    home -    pain before 5.0           (client record: sciatica,
 *                                                                          4 weeks: acute)
 *    -> C2-E1, 1 session, adherence unknown, closed by gap; no final (one session): incomplete;
 *       the others have no client record: chronicity unknown
 * C3 S4 2025-12-20 swedish     T2 soreness       pain before 8.0 after 6.0
 *    -> C3-E1, open (11 days before as-of): counted in n_open
 * </pre>
 *
 * Pair totals, course / nrs_pain / overall: n 1 (C1: k 1, 70 -> 60), n_incomplete 1 (C2), n_open 1
 * (C3), one difference of 1.0 point. Session relief / nrs_pain / overall: C1 averages S1 and S2 (k
 * 2, sums 130 -> 90, mean difference 2.0), C3 has S4 (k 1, 80 -> 60, 2.0), C2 has no after score
 * (incomplete): n 2, n_sessions 3, n_incomplete 1, both differences 2.0, both reach the MCID (40 >=
 * 2 * 20, 20 >= 20). Harm by technique overall: C1 and C3 record adverse events, C3 has one.
 */
class ClientPassTest {
  private static final Settings SETTINGS =
      Settings.defaults().withAsOf(java.time.LocalDate.parse("2025-12-31"));

  private static final StructType SESSIONS =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("client_id", DataTypes.StringType)
          .add("therapist_id", DataTypes.StringType)
          .add("session_date", DataTypes.DateType)
          .add("technique", DataTypes.StringType)
          .add("duration_min", DataTypes.IntegerType)
          .add("adverse_event", DataTypes.StringType)
          .add("home_exercise", DataTypes.StringType);

  private static final StructType SCORES =
      new StructType()
          .add("client_id", DataTypes.StringType)
          .add("session_id", DataTypes.StringType)
          .add("recorded_on", DataTypes.DateType)
          .add("moment", DataTypes.StringType)
          .add("measure", DataTypes.StringType)
          .add("score_tenths", DataTypes.IntegerType);

  private static final StructType CLIENTS =
      new StructType()
          .add("client_id", DataTypes.StringType)
          .add("condition", DataTypes.StringType)
          .add("symptom_weeks", DataTypes.IntegerType)
          .add("age_band", DataTypes.StringType)
          .add("sex", DataTypes.StringType);

  @TempDir Path staging;

  private ClientPass.Result run(int partitions) {
    return pass(partitions, SETTINGS, null, List.of(), "p" + partitions);
  }

  /**
   * The pass over the hand-worked records and {@code extraScores}, with {@code settings} (a null
   * as-of date: the SPEC's default, {@code assumed} tried first).
   */
  private ClientPass.Result pass(
      int partitions, Settings settings, LocalDate assumed, List<Row> extraScores, String name) {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> sessions =
        spark.createDataFrame(
            List.of(
                session("S1", "C1", "T1", "2025-03-03", "deep_tissue", "none", "yes"),
                session("S2", "C1", "T1", "2025-03-10", "deep_tissue", "none", "no"),
                session("S3", "C2", "T2", "2025-04-01", "swedish", null, null),
                session("S4", "C3", "T2", "2025-12-20", "swedish", "soreness", null)),
            SESSIONS);
    Dataset<Row> scores =
        spark.createDataFrame(
            List.of(
                score("C1", "S1", "2025-03-03", "before", 70),
                score("C1", "S1", "2025-03-03", "after", 50),
                score("C1", "S2", "2025-03-10", "before", 60),
                score("C1", "S2", "2025-03-10", "after", 40),
                score("C2", "S3", "2025-04-01", "before", 50),
                score("C3", "S4", "2025-12-20", "before", 80),
                score("C3", "S4", "2025-12-20", "after", 60)),
            SCORES);
    scores = scores.unionByName(spark.createDataFrame(extraScores, SCORES));
    Dataset<Row> clients =
        spark.createDataFrame(
            List.<Row>of(RowFactory.create("C2", "sciatica", 4, "30-39", "female")), CLIENTS);
    Dataset<Row> input =
        new ValidationStage(spark)
            .input(staged(sessions), staged(scores), staged(clients))
            .repartition(partitions);
    // The pass shuffles by client into max(shuffle partitions, rows / 2M + 1) partitions.
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    try {
      return new ClientPass(spark, settings, input, 11)
          .run(
              true,
              assumed,
              LocalDate.parse("2025-12-31"),
              staging.resolve(name + "/tables").toUri().toString(),
              staging.resolve(name + "/staging").toUri().toString());
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  /**
   * Rows as the ingest stage stages them, every one passing the row rules: the two hashes of a
   * fingerprint of all its values (distinct rows here) and a line number from it.
   */
  private static Dataset<Row> staged(Dataset<Row> d) {
    Column[] values =
        Arrays.stream(d.columns()).map(c -> col(c).cast("string")).toArray(Column[]::new);
    Column print = concat_ws("|", values);
    return d.withColumn("fp64", xxhash64(print))
        .withColumn("fp32", hash(print))
        .withColumn("line", col("fp64"))
        .withColumn("row_reasons", lit(""));
  }

  @Test
  void derivesTheHandWorkedRows() {
    ClientPass.Result r = run(2);
    assertEquals(
        List.of(
            "S1 C1 C1-E1 1 1 2025-03 7.0 5.0",
            "S2 C1 C1-E1 1 2 2025-03 6.0 4.0",
            "S3 C2 C2-E1 1 1 2025-04 5.0 null",
            "S4 C3 C3-E1 1 1 2025-12 8.0 6.0"),
        lines(
            r.sessions(),
            "session_id",
            "client_id",
            "episode_id",
            "episode_number",
            "session_number",
            "month",
            "nrs_before",
            "nrs_after"));
    assertEquals(
        List.of(
            "C1-E1 2 deep_tissue T1 2-3 adherent gap true",
            "C2-E1 1 swedish T2 1 unknown gap true",
            "C3-E1 1 swedish T2 1 unknown null false"),
        lines(
            r.episodes(),
            "episode_id",
            "n_sessions",
            "primary_technique",
            "primary_therapist",
            "session_bucket",
            "adherence",
            "closed_by",
            "closed"));
    // The regressions' cells: the one complete course pair (C1-E1, closed, 7.0 then 6.0), in
    // tenths: n, b, y, b*b, b*y, y*y; its (sessions, points); no client row, so no therapist's
    // sums.
    assertEquals(
        List.of(
            "Cell[measure=nrs_pain, technique=deep_tissue, adherence=adherent, hasClient=false,"
                + " ageBand=null, sex=null, condition=null, chronicity=unknown]"
                + " Sums[n=1, b=70, y=10, bb=4900, by=700, yy=100]"),
        cells(r.cells()));
    assertEquals(List.of("[2.0, 1.0, 1.0]"), joint(r.cells(), "nrs_pain"));
    assertEquals(Map.of(), r.cells().therapists());
    assertEquals(
        List.of(
            "C1-E1 nrs_pain true 7.0 before 6.0 last_before 1.0 " + 10.0 / 70 + " false true",
            "C2-E1 nrs_pain true 5.0 before null null null null null false",
            "C3-E1 nrs_pain false 8.0 before null null null null null false"),
        lines(
            r.outcomes(),
            "episode_id",
            "measure",
            "closed",
            "baseline",
            "baseline_source",
            "final",
            "final_source",
            "improvement",
            "percent",
            "responder_mcid",
            "complete"));

    PairTotals.Group course =
        r.totals().groups().get(new GroupKey("course", "nrs_pain", "overall", "all"));
    assertEquals(List.of(1L, 1L, 1L, 1L), counts(course));
    assertEquals("{1=[1, 70, 60]}", byK(course));
    assertEquals("{1.0=1}", course.histogram.toString());
    PairTotals.Group relief =
        r.totals().groups().get(new GroupKey("session_relief", "nrs_pain", "overall", "all"));
    assertEquals(List.of(2L, 1L, 0L, 3L), counts(relief));
    assertEquals("{1=[1, 80, 60], 2=[1, 130, 90]}", byK(relief));
    assertEquals("{2.0=2}", relief.histogram.toString());
    assertEquals(2L, relief.mcidCount);
    assertEquals(
        "[2, 1]",
        java.util.Arrays.toString(
            r.totals().harm().get(new GroupKey(PairTotals.HARM, "any", "overall", "all"))));

    // The monthly table's counts: sessions, clients, relief sum and n (tenths), adverse events and
    // sessions recording one, episodes started and closed, complete pain courses, their sum and n
    // (tenths), MCID responders. March: S1 and S2 (20 + 20 tenths of relief, "none" twice), C1-E1
    // starts and closes (by the gap; its last session is in March) with a 10-tenth course, not a
    // responder. April: S3 without an after score or an adverse-event entry; C2-E1 starts and
    // closes, incomplete. December: S4 (20 tenths, soreness); C3-E1 starts, still open.
    assertEquals(
        List.of(
            "2025-03 [2, 1, 40, 2, 0, 2, 1, 1, 1, 10, 1, 0]",
            "2025-04 [1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]",
            "2025-12 [1, 1, 20, 1, 1, 1, 1, 0, 0, 0, 0, 0]",
            "clients 3"),
        monthly(r.monthly()));
  }

  private static List<String> monthly(MonthlyCounts c) {
    List<String> out = new ArrayList<>();
    c.months()
        .forEach(
            (m, x) ->
                out.add(
                    m
                        + " "
                        + List.of(
                            x.sessions,
                            x.clients,
                            x.reliefSumTenths,
                            x.reliefN,
                            x.adverseEvents,
                            x.adverseRecorded,
                            x.newEpisodes,
                            x.closedEpisodes,
                            x.courses,
                            x.courseSumTenths,
                            x.courseN,
                            x.respondersMcid)));
    out.add("clients " + c.clients());
    return out;
  }

  @Test
  void theSameTablesAndTotalsUnderOneTwoAndSevenPartitions() {
    List<String> one = everything(run(1));
    assertEquals(one, everything(run(2)));
    assertEquals(one, everything(run(7)));
  }

  /**
   * No as-of date set: the pass assumes the latest date of a row passing the row rules. Here that
   * is a score of C1 dated 2025-12-30 naming no session (rejected: unknown_session), so the latest
   * accepted date is S4's 2025-12-20: the pass runs again with it and must give exactly what a run
   * told that date gives. When the assumption holds, one pass.
   */
  @Test
  void anAssumedAsOfDateThatNoAcceptedRecordHasIsReplacedByTheLatestAcceptedOne() {
    List<Row> stray = List.of(score("C1", "S9", "2025-12-30", "before", 30));
    ClientPass.Result assumed =
        pass(2, Settings.defaults(), LocalDate.parse("2025-12-30"), stray, "assumed");
    assertEquals(LocalDate.parse("2025-12-20"), assumed.asOf());
    assertEquals(2, assumed.passes());
    assertEquals(List.of("2 unknown_session"), lines(assumed.rejected(), "kind", "reasons"));
    ClientPass.Result told =
        pass(2, Settings.defaults().withAsOf(LocalDate.parse("2025-12-20")), null, stray, "told");
    assertEquals(1, told.passes());
    assertEquals(everything(told), everything(assumed));

    ClientPass.Result right =
        pass(2, Settings.defaults(), LocalDate.parse("2025-12-20"), stray, "right");
    assertEquals(1, right.passes());
    assertEquals(LocalDate.parse("2025-12-20"), right.asOf());
  }

  /** Every row of every table and every totals entry, rendered and sorted. */
  private static List<String> everything(ClientPass.Result r) {
    List<String> out = new ArrayList<>();
    out.addAll(all(r.sessions()));
    out.addAll(all(r.episodes()));
    out.addAll(cells(r.cells()));
    out.addAll(joint(r.cells(), "nrs_pain"));
    out.addAll(all(r.outcomes()));
    out.addAll(all(r.painScores()));
    out.addAll(all(r.clients()));
    out.addAll(all(r.rejected()));
    r.counts().forEach((k, c) -> out.add(k + " " + Arrays.toString(c)));
    r.totals().getEntries().stream().map(ClientPassTest::entry).sorted().forEach(out::add);
    out.addAll(monthly(r.monthly()));
    return out;
  }

  private static List<String> cells(CourseCells c) {
    return c.cells().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  private static List<String> joint(CourseCells c, String measure) {
    List<double[]> j = c.joint(measure);
    return j == null ? List.of() : j.stream().map(Arrays::toString).toList();
  }

  private static List<String> all(Dataset<Row> d) {
    return lines(d, d.columns());
  }

  private static String entry(TotalsEntry e) {
    return String.join(
        " ",
        e.getPart(),
        e.getAnalysis(),
        e.getMeasure(),
        e.getGroupBy(),
        e.getGroup(),
        String.valueOf(e.getAt()),
        String.valueOf(e.getValue()),
        String.valueOf(
            List.of(
                e.getN(),
                e.getIncomplete(),
                e.getOpen(),
                e.getSessions(),
                e.getMcidCount(),
                e.getR30n(),
                e.getR30count(),
                e.getR50count(),
                e.getCount(),
                e.getEarlierSum(),
                e.getLaterSum(),
                e.getEvents(),
                e.getCensored())));
  }

  private static List<Long> counts(PairTotals.Group g) {
    return List.of(g.n, g.nIncomplete, g.nOpen, g.nSessions);
  }

  private static String byK(PairTotals.Group g) {
    return g.byK().entrySet().stream()
        .map(e -> e.getKey() + "=" + java.util.Arrays.toString(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** The named columns of each row, space-separated, sorted. */
  private static List<String> lines(Dataset<Row> d, String... columns) {
    return d.selectExpr(columns).collectAsList().stream()
        .map(
            row -> {
              List<String> v = new ArrayList<>();
              for (int i = 0; i < row.size(); i++) {
                v.add(String.valueOf(row.get(i)));
              }
              return String.join(" ", v);
            })
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private static Row session(
      String id,
      String client,
      String therapist,
      String date,
      String technique,
      String adverse,
      String home) {
    return RowFactory.create(
        id, client, therapist, Date.valueOf(date), technique, 60, adverse, home);
  }

  private static Row score(String client, String session, String date, String moment, int tenths) {
    return RowFactory.create(client, session, Date.valueOf(date), moment, "nrs_pain", tenths);
  }
}
