package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import clinic.outcomes.analysis.PairTotals;
import clinic.outcomes.output.Partitions;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.pipeline.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Derives sessions, episodes, outcomes and the statistics' sufficient totals in one Spark pass:
 * the accepted sessions, scores and client records are brought together by client (one shuffle,
 * sorted within partitions), each client is handed to {@link ClientHistory}, and the results are
 * written once to a staging folder partitioned by kind. Each partition's pair totals travel as one
 * small serialized row, so the driver sees groups and distinct values, never rows.
 */
public final class ClientPass {
  private static final int CLIENT = 0;
  private static final int SESSION = 1;
  private static final int SCORE = 2;

  /** The union layout of the inputs. */
  private static final StructType IN = schema(
      "kind int", "client_id string", "session_id string", "therapist_id string", "date date",
      "technique string", "duration_min int", "adverse_event string", "home_exercise string",
      "moment string", "measure string", "score_tenths int", "condition string",
      "symptom_weeks int", "age_band string", "sex string");

  /** The union layout of the outputs (one kind per row, other columns null). */
  static final StructType OUT = schema(
      "kind string",
      // sessions
      "session_id string", "client_id string", "therapist_id string", "session_date date",
      "month string", "technique string", "duration_min int", "adverse_event string",
      "home_exercise string", "episode_id string", "episode_number int", "session_number int",
      "nrs_before_tenths int", "nrs_after_tenths int",
      // episodes and their attributes
      "start_date date", "end_date date", "n_sessions int", "primary_technique string",
      "primary_therapist string", "session_bucket string", "adherence string",
      "next_start_date date", "closed_by string", "closed boolean", "baseline_band string",
      "condition string", "symptom_weeks int", "age_band string", "sex string",
      "has_client boolean", "chronicity string",
      // outcomes
      "measure string", "baseline_tenths int", "final_tenths int", "improvement_tenths int",
      "percent double", "responder_mcid boolean", "responder_30 boolean", "responder_50 boolean",
      "followup_tenths int", "followup_improvement_tenths int", "followup_date date",
      "baseline_source string", "final_source string", "complete boolean",
      // pair totals of one partition
      "totals binary");

  /** The derived tables (read back from the staging Parquet) and the merged pair totals. */
  public record Result(
      Dataset<Row> sessions, Dataset<Row> episodes, Dataset<Row> attributes, Dataset<Row> outcomes,
      PairTotals totals) {}

  private final SparkSession spark;
  private final Settings settings;

  public ClientPass(SparkSession spark, Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * @param sessions accepted sessions
   * @param scores accepted scores (with {@code score_tenths})
   * @param clients accepted client records, or null
   * @param staging a folder (URI or path) for the pass's Parquet output
   * @param rows input rows, to size the partitions
   */
  public Result run(Dataset<Row> sessions, Dataset<Row> scores, Dataset<Row> clients, String staging, long rows) {
    Dataset<Row> in = sessions.select(
        lit(SESSION).as("kind"), col("client_id"), col("session_id"), col("therapist_id"),
        col("session_date").as("date"), col("technique"), col("duration_min"), col("adverse_event"),
        col("home_exercise"));
    in = in.unionByName(scores.select(
        lit(SCORE).as("kind"), col("client_id"), col("session_id"), col("recorded_on").as("date"),
        col("moment"), col("measure"), col("score_tenths")), true);
    if (clients != null) {
      in = in.unionByName(clients.select(
          lit(CLIENT).as("kind"), col("client_id"), col("condition"), col("symptom_weeks"),
          col("age_band"), col("sex")), true);
    }
    in = in.select(columns(IN, java.util.Set.of(in.columns())));
    int partitions = Math.max(
        Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
        (int) Math.min(10_000, rows / 2_000_000 + 1));
    Dataset<Row> out = in.repartition(partitions, col("client_id"))
        .sortWithinPartitions("client_id")
        .mapPartitions(new Derive(settings), Encoders.row(OUT));
    out.write().mode(SaveMode.ErrorIfExists).partitionBy("kind").parquet(staging);

    PairTotals totals = new PairTotals(settings.mcidTenths());
    Dataset<Row> blobs = part(staging, "totals").select("totals");
    for (Iterator<Row> it = blobs.toLocalIterator(); it.hasNext(); ) {
      totals.merge(fromBytes((byte[]) it.next().get(0)));
    }
    Dataset<Row> s = part(staging, "sessions").select(
        col("session_id"), col("client_id"), col("therapist_id"), col("session_date"),
        col("month"), col("technique"), col("duration_min"), col("adverse_event"),
        col("home_exercise"), col("episode_id"), col("episode_number"), col("session_number"),
        col("nrs_before_tenths").cast("double").divide(10.0).as("nrs_before"),
        col("nrs_after_tenths").cast("double").divide(10.0).as("nrs_after"));
    Dataset<Row> attributes = part(staging, "episodes").select(
        "episode_id", "client_id", "episode_number", "start_date", "end_date", "n_sessions",
        "primary_technique", "primary_therapist", "session_bucket", "adherence",
        "next_start_date", "month", "closed_by", "closed", "baseline_band", "condition",
        "symptom_weeks", "age_band", "sex", "has_client", "chronicity");
    Dataset<Row> e = attributes.select(
        "episode_id", "client_id", "episode_number", "start_date", "end_date", "n_sessions",
        "primary_technique", "primary_therapist", "session_bucket", "adherence",
        "next_start_date", "month", "closed_by", "closed");
    Dataset<Row> o = part(staging, "outcomes").select(
        col("episode_id"), col("measure"),
        tenths("baseline"), tenths("final"), tenths("improvement"),
        col("percent"), col("responder_mcid"), col("responder_30"), col("responder_50"),
        tenths("followup"), tenths("followup_improvement"),
        col("followup_date"), col("baseline_source"), col("final_source"), col("complete"),
        col("baseline_tenths"), col("final_tenths"), col("improvement_tenths"),
        col("followup_tenths"), col("followup_improvement_tenths"));
    return new Result(s, e, attributes, o, totals);
  }

  private Dataset<Row> part(String staging, String kind) {
    return Partitions.read(spark, staging, "kind", kind, WITHOUT_KIND);
  }

  private static final StructType WITHOUT_KIND = new StructType(
      java.util.Arrays.stream(OUT.fields()).filter(f -> !f.name().equals("kind")).toArray(StructField[]::new));

  private static Column tenths(String name) {
    return col(name + "_tenths").cast("double").divide(10.0).as(name);
  }

  /** The columns of {@code s}, typed, null where {@code present} lacks them (no clients file). */
  private static Column[] columns(StructType s, java.util.Set<String> present) {
    Column[] c = new Column[s.size()];
    for (int i = 0; i < c.length; i++) {
      StructField f = s.fields()[i];
      c[i] = (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name());
    }
    return c;
  }

  private static StructType schema(String... fields) {
    List<StructField> f = new ArrayList<>();
    for (String d : fields) {
      String[] p = d.split(" ");
      DataType t = switch (p[1]) {
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

    Derive(Settings settings) {
      this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      ClientHistory history = new ClientHistory(settings);
      PairTotals totals = new PairTotals(settings.mcidTenths());
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
              Object[] o = new Object[OUT.size()];
              o[0] = "totals";
              o[OUT.size() - 1] = toBytes(totals);
              ready.add(RowFactory.create(o));
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
          String clientId = pending.getString(1);
          List<Visit> visits = new ArrayList<>();
          List<Score> scores = new ArrayList<>();
          Client client = null;
          while (pending != null && java.util.Objects.equals(clientId, pending.getString(1))) {
            Row r = pending;
            switch (r.getInt(0)) {
              case SESSION -> visits.add(new Visit(r.getString(2), r.getString(3), (LocalDate) r.get(4),
                  r.getString(5), (Integer) r.get(6), r.getString(7), r.getString(8)));
              case SCORE -> scores.add(new Score(r.getString(2), (LocalDate) r.get(4), r.getString(9),
                  r.getString(10), r.getInt(11)));
              default -> client = new Client(r.getString(12), (Integer) r.get(13), r.getString(14), r.getString(15));
            }
            pending = input.hasNext() ? input.next() : null;
          }
          if (visits.isEmpty() || clientId == null) {
            return;
          }
          ClientHistory.Result res = history.derive(clientId, visits, scores, client, totals);
          for (NumberedVisit v : res.visits()) {
            Object[] o = new Object[OUT.size()];
            Visit s = v.visit();
            o[0] = "sessions";
            o[1] = s.sessionId();
            o[2] = clientId;
            o[3] = s.therapistId();
            o[4] = s.date();
            o[5] = v.month();
            o[6] = s.technique();
            o[7] = s.durationMin();
            o[8] = s.adverseEvent();
            o[9] = s.homeExercise();
            o[10] = v.episodeId();
            o[11] = v.episodeNumber();
            o[12] = v.sessionNumber();
            o[13] = v.nrsBeforeTenths();
            o[14] = v.nrsAfterTenths();
            ready.add(RowFactory.create(o));
          }
          for (Episode e : res.episodes()) {
            Object[] o = new Object[OUT.size()];
            o[0] = "episodes";
            o[2] = clientId;
            o[5] = e.month();
            o[10] = e.episodeId();
            o[11] = e.episodeNumber();
            o[15] = e.startDate();
            o[16] = e.endDate();
            o[17] = e.nSessions();
            o[18] = e.primaryTechnique();
            o[19] = e.primaryTherapist();
            o[20] = e.sessionBucket();
            o[21] = e.adherence();
            o[22] = e.nextStartDate();
            o[23] = e.closedBy();
            o[24] = e.closed();
            o[25] = e.baselineBand();
            o[26] = e.condition();
            o[27] = e.symptomWeeks();
            o[28] = e.ageBand();
            o[29] = e.sex();
            o[30] = e.hasClient();
            o[31] = e.chronicity();
            ready.add(RowFactory.create(o));
          }
          for (Outcome x : res.outcomes()) {
            Object[] o = new Object[OUT.size()];
            o[0] = "outcomes";
            o[10] = x.episodeId();
            o[32] = x.measure();
            o[33] = x.baselineTenths();
            o[34] = x.finalTenths();
            o[35] = x.improvementTenths();
            o[36] = x.percent();
            o[37] = x.responderMcid();
            o[38] = x.responder30();
            o[39] = x.responder50();
            o[40] = x.followupTenths();
            o[41] = x.followupImprovementTenths();
            o[42] = x.followupDate();
            o[43] = x.baselineSource();
            o[44] = x.finalSource();
            o[45] = x.complete();
            ready.add(RowFactory.create(o));
          }
        }
      };
    }
  }
}
