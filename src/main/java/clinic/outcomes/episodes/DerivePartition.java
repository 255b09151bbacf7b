package clinic.outcomes.episodes;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Walks one partition of the input union ({@link PassLayout#IN}) sorted by client, hands each
 * client's records to {@link ClientHistory} as it goes, and yields the derived rows; after the last
 * client, the partition's {@link PairTotals} as {@link TotalsEntry} rows.
 */
final class DerivePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final Settings settings;
  private final DerivedRows rows;

  DerivePartition(Settings settings, StructType out) {
    this.settings = settings;
    this.rows = new DerivedRows(out);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Walk(input, new ClientHistory(settings), new PairTotals(settings.mcidTenths()));
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

  private final class Walk implements Iterator<Row> {
    private final In in = new In();
    private final Iterator<Row> input;
    private final ClientHistory history;
    private final PairTotals totals;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private Row pending;
    private boolean totalsSent;

    Walk(Iterator<Row> input, ClientHistory history, PairTotals totals) {
      this.input = input;
      this.history = history;
      this.totals = totals;
      this.pending = input.hasNext() ? input.next() : null;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty()) {
        if (pending != null) {
          nextClient();
        } else if (!totalsSent) {
          totalsSent = true;
          for (TotalsEntry e : totals.getEntries()) {
            ready.add(rows.totals(e));
          }
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

    /** Reads the records of the next client and queues its derived rows. */
    private void nextClient() {
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
      if (visits.isEmpty() || clientId == null) {
        return;
      }
      ClientHistory.Result res = history.derive(clientId, visits, scores, client, totals);
      for (NumberedVisit v : res.visits()) {
        ready.add(rows.session(clientId, v));
      }
      for (Episode e : res.episodes()) {
        ready.add(rows.episode(clientId, e));
      }
      for (Outcome x : res.outcomes()) {
        ready.add(rows.outcome(x));
      }
    }
  }
}
