package clinic.outcomes.episodes;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.spark.SerializableConf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Walks one partition of the input union ({@link PassLayout#IN}) sorted by client, hands each
 * client's records to {@link ClientHistory} as it goes, and writes the derived rows straight into
 * their tables' Parquet files ({@link PassWriters}, one file per table, each with its own schema);
 * yields one {@link PassPart}: the files and the partition's {@link PairTotals}.
 */
final class DerivePartition implements MapPartitionsFunction<Row, PassPart> {
  private static final long serialVersionUID = 1L;
  private final Settings settings;
  private final SerializableConf conf;
  private final String attempts;

  /**
   * @param attempts the folder under which each task attempt writes into its own folder
   */
  DerivePartition(Settings settings, SerializableConf conf, String attempts) {
    this.settings = settings;
    this.conf = conf;
    this.attempts = attempts;
  }

  @Override
  public Iterator<PassPart> call(Iterator<Row> input) {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    long attempt = task == null ? 0 : task.taskAttemptId();
    PairTotals totals = new PairTotals(settings.mcidTenths());
    PassPart part = new PassPart();
    try (PassWriters out =
        new PassWriters(conf.get(), new Path(attempts, "attempt-" + attempt), partition)) {
      Walk walk =
          new Walk(
              input,
              new ClientHistory(settings),
              totals,
              new Tables(out, DerivedTable.outcomes(settings)));
      while (walk.nextClient()) {
        // each client's rows are written as it is derived
      }
      part.setFiles(out.finish());
    }
    part.setTotals(totals);
    return List.of(part).iterator();
  }

  /** Where each kind of derived row goes: its table's file, with its published columns. */
  private static final class Tables {
    private final PassWriters out;
    private final DerivedRows rows;
    private final DerivedTable.Publisher sessions = DerivedTable.SESSIONS.publisher();
    private final DerivedTable.Publisher episodes = DerivedTable.EPISODES.publisher();
    private final DerivedTable.Publisher outcomeRows;
    private final StructType sessionsSchema = DerivedTable.SESSIONS.publishedSchema();
    private final StructType episodesSchema = DerivedTable.EPISODES.publishedSchema();
    private final StructType attributesSchema = DerivedTable.ATTRIBUTES.staged();
    private final StructType outcomesSchema;

    Tables(PassWriters out, DerivedTable outcomes) {
      this.out = out;
      this.rows = new DerivedRows(outcomes);
      this.outcomeRows = outcomes.publisher();
      this.outcomesSchema = outcomes.publishedSchema();
    }

    void write(String clientId, ClientHistory.Result res) {
      for (NumberedVisit v : res.visits()) {
        out.write(ClientPass.SESSIONS, sessionsSchema, sessions.publish(rows.session(clientId, v)));
      }
      for (Episode e : res.episodes()) {
        Object[] staged = rows.episode(clientId, e);
        out.write(ClientPass.EPISODES, episodesSchema, episodes.publish(staged));
        out.write(ClientPass.ATTRIBUTES, attributesSchema, staged);
      }
      for (Outcome x : res.outcomes()) {
        out.write(ClientPass.OUTCOMES, outcomesSchema, outcomeRows.publish(rows.outcome(x)));
      }
    }
  }

  /** The input columns, by name, looked up once per partition rather than once per row. */
  private static final class In {
    final int kind = PassLayout.IN.fieldIndex("kind");
    final int clientId = PassLayout.IN.fieldIndex("client_id");
    final int sessionId = PassLayout.IN.fieldIndex("session_id");
    final int therapist = PassLayout.IN.fieldIndex("therapist_id");
    final int date = PassLayout.IN.fieldIndex("date");
    final int technique = PassLayout.IN.fieldIndex("technique");
    final int duration = PassLayout.IN.fieldIndex("duration_min");
    final int adverse = PassLayout.IN.fieldIndex("adverse_event");
    final int home = PassLayout.IN.fieldIndex("home_exercise");
    final int moment = PassLayout.IN.fieldIndex("moment");
    final int measure = PassLayout.IN.fieldIndex("measure");
    final int score = PassLayout.IN.fieldIndex("score_tenths");
    final int condition = PassLayout.IN.fieldIndex("condition");
    final int weeks = PassLayout.IN.fieldIndex("symptom_weeks");
    final int ageBand = PassLayout.IN.fieldIndex("age_band");
    final int sex = PassLayout.IN.fieldIndex("sex");

    Visit visit(Row r) {
      return new Visit(
          r.getString(sessionId),
          r.getString(therapist),
          r.getAs(date),
          r.getString(technique),
          r.getAs(duration),
          r.getString(adverse),
          r.getString(home));
    }

    Score score(Row r) {
      return new Score(
          r.getString(sessionId),
          r.getAs(date),
          r.getString(moment),
          r.getString(measure),
          r.getInt(score));
    }

    Client client(Row r) {
      return new Client(
          r.getString(condition), r.getAs(weeks), r.getString(ageBand), r.getString(sex));
    }
  }

  private final class Walk {
    private final In in = new In();
    private final Iterator<Row> input;
    private final ClientHistory history;
    private final PairTotals totals;
    private final Tables tables;
    private Row pending;

    Walk(Iterator<Row> input, ClientHistory history, PairTotals totals, Tables tables) {
      this.input = input;
      this.history = history;
      this.totals = totals;
      this.tables = tables;
      this.pending = input.hasNext() ? input.next() : null;
    }

    /** Reads the records of the next client and writes its derived rows; false at the end. */
    boolean nextClient() {
      if (pending == null) {
        return false;
      }
      String clientId = pending.getString(in.clientId);
      List<Visit> visits = new ArrayList<>();
      List<Score> scores = new ArrayList<>();
      Client client = null;
      while (pending != null && Objects.equals(clientId, pending.getString(in.clientId))) {
        Row r = pending;
        switch (r.getInt(in.kind)) {
          case PassLayout.SESSION -> visits.add(in.visit(r));
          case PassLayout.SCORE -> scores.add(in.score(r));
          default -> client = in.client(r);
        }
        pending = input.hasNext() ? input.next() : null;
      }
      if (!visits.isEmpty() && clientId != null) {
        tables.write(clientId, history.derive(clientId, visits, scores, client, totals));
      }
      return true;
    }
  }
}
