package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.output.Partitions;
import clinic.outcomes.spark.NamedRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Derives sessions, episodes, outcomes and the statistics' sufficient totals in one Spark pass: the
 * accepted sessions, scores and client records are brought together by client (one shuffle, sorted
 * within partitions), each client is handed to {@link ClientHistory}, and the results are written
 * once to a staging folder partitioned by kind. Each partition's pair totals travel as one small
 * serialized row, so the driver sees groups and distinct values, never rows.
 */
public final class ClientPass {
  private static final int CLIENT = 0;
  private static final int SESSION = 1;
  private static final int SCORE = 2;

  /** The union layout of the inputs. */
  private static final StructType IN =
      schema(
          "kind int",
          "client_id string",
          "session_id string",
          "therapist_id string",
          "date date",
          "technique string",
          "duration_min int",
          "adverse_event string",
          "home_exercise string",
          "moment string",
          "measure string",
          "score_tenths int",
          "condition string",
          "symptom_weeks int",
          "age_band string",
          "sex string");

  /** The union layout of the outputs (one kind per row, other columns null), for these settings. */
  static StructType outSchema(Settings settings) {
    List<String> f =
        new ArrayList<>(
            List.of(
                "kind string",
                // sessions
                "session_id string",
                "client_id string",
                "therapist_id string",
                "session_date date",
                "month string",
                "technique string",
                "duration_min int",
                "adverse_event string",
                "home_exercise string",
                "episode_id string",
                "episode_number int",
                "session_number int",
                "nrs_before_tenths int",
                "nrs_after_tenths int",
                // episodes and their attributes
                "start_date date",
                "end_date date",
                "n_sessions int",
                "primary_technique string",
                "primary_therapist string",
                "session_bucket string",
                "adherence string",
                "next_start_date date",
                "closed_by string",
                "closed boolean",
                "baseline_band string",
                "condition string",
                "symptom_weeks int",
                "age_band string",
                "sex string",
                "has_client boolean",
                "chronicity string",
                // outcomes
                "measure string",
                "baseline_tenths int",
                "final_tenths int",
                "improvement_tenths int",
                "percent double",
                "responder_mcid boolean",
                "responder_30 boolean",
                "responder_50 boolean",
                "baseline_source string",
                "final_source string",
                "complete boolean",
                "final_immediate_tenths int",
                "improvement_immediate_tenths int",
                "pre_intake_tenths int",
                "pre_treatment_change_tenths int"));
    for (String h : settings.followupHorizons().keySet()) {
      f.add("followup_" + h + "_tenths int");
      f.add("followup_" + h + "_improvement_tenths int");
      f.add("followup_" + h + "_date date");
      f.add("followup_" + h + "_eligible boolean");
    }
    f.add("totals binary"); // pair totals of one partition
    return schema(f.toArray(String[]::new));
  }

  /** The derived tables (read back from the staging Parquet) and the merged pair totals. */
  public record Result(
      Dataset<Row> sessions,
      Dataset<Row> episodes,
      Dataset<Row> attributes,
      Dataset<Row> outcomes,
      PairTotals totals) {}

  private final SparkSession spark;
  private final Settings settings;
  private final StructType out;

  public ClientPass(SparkSession spark, Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.spark = spark;
    this.settings = settings;
    this.out = outSchema(settings);
  }

  /**
   * @param sessions accepted sessions
   * @param scores accepted scores (with {@code score_tenths})
   * @param clients accepted client records, or null
   * @param staging a folder (URI or path) for the pass's Parquet output
   * @param rows input rows, to size the partitions
   */
  public Result run(
      Dataset<Row> sessions, Dataset<Row> scores, Dataset<Row> clients, String staging, long rows) {
    Dataset<Row> in =
        sessions.select(
            lit(SESSION).as("kind"),
            col("client_id"),
            col("session_id"),
            col("therapist_id"),
            col("session_date").as("date"),
            col("technique"),
            col("duration_min"),
            col("adverse_event"),
            col("home_exercise"));
    in =
        in.unionByName(
            scores.select(
                lit(SCORE).as("kind"),
                col("client_id"),
                col("session_id"),
                col("recorded_on").as("date"),
                col("moment"),
                col("measure"),
                col("score_tenths")),
            true);
    if (clients != null) {
      in =
          in.unionByName(
              clients.select(
                  lit(CLIENT).as("kind"),
                  col("client_id"),
                  col("condition"),
                  col("symptom_weeks"),
                  col("age_band"),
                  col("sex")),
              true);
    }
    in = in.select(columns(IN, Set.of(in.columns())));
    int partitions =
        Math.max(
            Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
            (int) Math.min(10_000, rows / 2_000_000 + 1));
    Dataset<Row> derived =
        in.repartition(partitions, col("client_id"))
            .sortWithinPartitions("client_id")
            .mapPartitions(new Derive(settings, out), Encoders.row(out));
    derived.write().mode(SaveMode.ErrorIfExists).partitionBy("kind").parquet(staging);

    PairTotals totals = new PairTotals(settings.mcidTenths());
    Dataset<Row> blobs = part(staging, "totals").select("totals");
    for (Iterator<Row> it = blobs.toLocalIterator(); it.hasNext(); ) {
      totals.merge(fromBytes((byte[]) it.next().get(0)));
    }
    Dataset<Row> s =
        part(staging, "sessions")
            .select(
                col("session_id"),
                col("client_id"),
                col("therapist_id"),
                col("session_date"),
                col("month"),
                col("technique"),
                col("duration_min"),
                col("adverse_event"),
                col("home_exercise"),
                col("episode_id"),
                col("episode_number"),
                col("session_number"),
                col("nrs_before_tenths").cast("double").divide(10.0).as("nrs_before"),
                col("nrs_after_tenths").cast("double").divide(10.0).as("nrs_after"));
    Dataset<Row> attributes =
        part(staging, "episodes")
            .select(
                "episode_id",
                "client_id",
                "episode_number",
                "start_date",
                "end_date",
                "n_sessions",
                "primary_technique",
                "primary_therapist",
                "session_bucket",
                "adherence",
                "next_start_date",
                "month",
                "closed_by",
                "closed",
                "baseline_band",
                "condition",
                "symptom_weeks",
                "age_band",
                "sex",
                "has_client",
                "chronicity");
    Dataset<Row> e =
        attributes.select(
            "episode_id",
            "client_id",
            "episode_number",
            "start_date",
            "end_date",
            "n_sessions",
            "primary_technique",
            "primary_therapist",
            "session_bucket",
            "adherence",
            "next_start_date",
            "month",
            "closed_by",
            "closed");
    List<Column> oc =
        new ArrayList<>(
            List.of(
                col("episode_id"),
                col("measure"),
                col("closed"),
                tenths("baseline"),
                col("baseline_source"),
                tenths("final"),
                col("final_source"),
                tenths("improvement"),
                col("percent"),
                col("responder_mcid"),
                col("responder_30"),
                col("responder_50"),
                tenths("final_immediate"),
                tenths("improvement_immediate"),
                tenths("pre_intake"),
                tenths("pre_treatment_change")));
    for (String h : settings.followupHorizons().keySet()) {
      oc.add(tenths("followup_" + h));
      oc.add(tenths("followup_" + h + "_improvement"));
      oc.add(col("followup_" + h + "_date"));
      oc.add(col("followup_" + h + "_eligible"));
    }
    oc.addAll(
        List.of(
            col("complete"),
            col("baseline_tenths"),
            col("final_tenths"),
            col("improvement_tenths")));
    Dataset<Row> o = part(staging, "outcomes").select(oc.toArray(Column[]::new));
    return new Result(s, e, attributes, o, totals);
  }

  private Dataset<Row> part(String staging, String kind) {
    StructType withoutKind =
        new StructType(
            Arrays.stream(out.fields())
                .filter(f -> !f.name().equals("kind"))
                .toArray(StructField[]::new));
    return Partitions.read(spark, staging, "kind", kind, withoutKind);
  }

  private static Column tenths(String name) {
    return col(name + "_tenths").cast("double").divide(10.0).as(name);
  }

  /** The columns of {@code s}, typed, null where {@code present} lacks them (no clients file). */
  private static Column[] columns(StructType s, Set<String> present) {
    Column[] c = new Column[s.size()];
    for (int i = 0; i < c.length; i++) {
      StructField f = s.fields()[i];
      c[i] =
          (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name());
    }
    return c;
  }

  private static StructType schema(String... fields) {
    List<StructField> f = new ArrayList<>();
    for (String d : fields) {
      String[] p = d.split(" ");
      DataType t =
          switch (p[1]) {
            case "int" -> DataTypes.IntegerType;
            case "string" -> DataTypes.StringType;
            case "date" -> DataTypes.DateType;
            case "double" -> DataTypes.DoubleType;
            case "boolean" -> DataTypes.BooleanType;
            case "binary" -> DataTypes.BinaryType;
            default -> throw new IllegalArgumentException(d);
          };
      f.add(DataTypes.createStructField(p[0], t, true));
    }
    return DataTypes.createStructType(f);
  }

  static byte[] toBytes(PairTotals t) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static PairTotals fromBytes(byte[] bytes) {
    try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (PairTotals) o.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Walks one partition sorted by client, deriving each client's rows as it goes. */
  private static final class Derive implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;
    private final StructType out;

    Derive(Settings settings, StructType out) {
      this.settings = settings;
      this.out = out;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      ClientHistory history = new ClientHistory(settings);
      PairTotals totals = new PairTotals(settings.mcidTenths());
      int kind = IN.fieldIndex("kind");
      int clientCol = IN.fieldIndex("client_id");
      // Column positions looked up once per partition, not once per row and field.
      int sessionId = IN.fieldIndex("session_id");
      int therapist = IN.fieldIndex("therapist_id");
      int date = IN.fieldIndex("date");
      int technique = IN.fieldIndex("technique");
      int duration = IN.fieldIndex("duration_min");
      int adverse = IN.fieldIndex("adverse_event");
      int home = IN.fieldIndex("home_exercise");
      int moment = IN.fieldIndex("moment");
      int measure = IN.fieldIndex("measure");
      int score = IN.fieldIndex("score_tenths");
      int condition = IN.fieldIndex("condition");
      int weeks = IN.fieldIndex("symptom_weeks");
      int ageBand = IN.fieldIndex("age_band");
      int sex = IN.fieldIndex("sex");
      return new Iterator<>() {
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private Row pending = input.hasNext() ? input.next() : null;
        private boolean totalsSent;

        @Override
        public boolean hasNext() {
          while (ready.isEmpty()) {
            if (pending != null) {
              nextClient();
            } else if (!totalsSent) {
              totalsSent = true;
              ready.add(
                  new NamedRow(out).set("kind", "totals").set("totals", toBytes(totals)).row());
            } else {
              return false;
            }
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.poll();
        }

        private void nextClient() {
          String clientId = pending.getString(clientCol);
          List<Visit> visits = new ArrayList<>();
          List<Score> scores = new ArrayList<>();
          Client client = null;
          while (pending != null && Objects.equals(clientId, pending.getString(clientCol))) {
            Row r = pending;
            switch (r.getInt(kind)) {
              case SESSION ->
                  visits.add(
                      new Visit(
                          r.getString(sessionId),
                          r.getString(therapist),
                          r.getAs(date),
                          r.getString(technique),
                          r.getAs(duration),
                          r.getString(adverse),
                          r.getString(home)));
              case SCORE ->
                  scores.add(
                      new Score(
                          r.getString(sessionId),
                          r.getAs(date),
                          r.getString(moment),
                          r.getString(measure),
                          r.getInt(score)));
              default ->
                  client =
                      new Client(
                          r.getString(condition),
                          r.getAs(weeks),
                          r.getString(ageBand),
                          r.getString(sex));
            }
            pending = input.hasNext() ? input.next() : null;
          }
          if (visits.isEmpty() || clientId == null) {
            return;
          }
          ClientHistory.Result res = history.derive(clientId, visits, scores, client, totals);
          for (NumberedVisit v : res.visits()) {
            Visit s = v.visit();
            ready.add(
                new NamedRow(out)
                    .set("kind", "sessions")
                    .set("session_id", s.sessionId())
                    .set("client_id", clientId)
                    .set("therapist_id", s.therapistId())
                    .set("session_date", s.date())
                    .set("month", v.month())
                    .set("technique", s.technique())
                    .set("duration_min", s.durationMin())
                    .set("adverse_event", s.adverseEvent())
                    .set("home_exercise", s.homeExercise())
                    .set("episode_id", v.episodeId())
                    .set("episode_number", v.episodeNumber())
                    .set("session_number", v.sessionNumber())
                    .set("nrs_before_tenths", v.nrsBeforeTenths())
                    .set("nrs_after_tenths", v.nrsAfterTenths())
                    .row());
          }
          for (Episode e : res.episodes()) {
            ready.add(
                new NamedRow(out)
                    .set("kind", "episodes")
                    .set("client_id", clientId)
                    .set("month", e.month())
                    .set("episode_id", e.episodeId())
                    .set("episode_number", e.episodeNumber())
                    .set("start_date", e.startDate())
                    .set("end_date", e.endDate())
                    .set("n_sessions", e.nSessions())
                    .set("primary_technique", e.primaryTechnique())
                    .set("primary_therapist", e.primaryTherapist())
                    .set("session_bucket", e.sessionBucket())
                    .set("adherence", e.adherence())
                    .set("next_start_date", e.nextStartDate())
                    .set("closed_by", e.closedBy())
                    .set("closed", e.closed())
                    .set("baseline_band", e.baselineBand())
                    .set("condition", e.condition())
                    .set("symptom_weeks", e.symptomWeeks())
                    .set("age_band", e.ageBand())
                    .set("sex", e.sex())
                    .set("has_client", e.hasClient())
                    .set("chronicity", e.chronicity())
                    .row());
          }
          for (Outcome x : res.outcomes()) {
            NamedRow r =
                new NamedRow(out)
                    .set("kind", "outcomes")
                    .set("episode_id", x.episodeId())
                    .set("measure", x.measure())
                    .set("closed", x.closed())
                    .set("baseline_tenths", x.baselineTenths())
                    .set("final_tenths", x.finalTenths())
                    .set("improvement_tenths", x.improvementTenths())
                    .set("percent", x.percent())
                    .set("responder_mcid", x.responderMcid())
                    .set("responder_30", x.responder30())
                    .set("responder_50", x.responder50())
                    .set("baseline_source", x.baselineSource())
                    .set("final_source", x.finalSource())
                    .set("complete", x.complete())
                    .set("final_immediate_tenths", x.finalImmediateTenths())
                    .set("improvement_immediate_tenths", x.improvementImmediateTenths())
                    .set("pre_intake_tenths", x.preIntakeTenths())
                    .set("pre_treatment_change_tenths", x.preTreatmentChangeTenths());
            for (Followup f : x.followups()) {
              String h = "followup_" + f.horizon();
              r.set(h + "_tenths", f.tenths())
                  .set(h + "_improvement_tenths", f.improvementTenths())
                  .set(h + "_date", f.date())
                  .set(h + "_eligible", f.eligible());
            }
            ready.add(r.row());
          }
        }
      };
    }
  }
}
