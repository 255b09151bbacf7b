package clinic.outcomes.episodes;

import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.validate.ClientJudge;
import clinic.outcomes.validate.Conflicts;
import clinic.outcomes.validate.ValidationStage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the pass's input ({@link ValidationStage#INPUT}), looked up by name once per
 * partition rather than once per row, and the walk over a partition sorted by client: one group per
 * client (rows without a client, grouped by their fingerprint's hash, form groups of their own).
 */
final class PassInput {
  private static final StructType IN = ValidationStage.INPUT;
  final int kind = IN.fieldIndex("kind");
  final int bucket = IN.fieldIndex("bucket");
  final int line = IN.fieldIndex("line");
  final int rowReasons = IN.fieldIndex("row_reasons");
  final int fp64 = IN.fieldIndex("fp64");
  final int fp32 = IN.fieldIndex("fp32");
  final int conflicting = IN.fieldIndex("conflicting");
  final int clientId = IN.fieldIndex("client_id");
  final int sessionId = IN.fieldIndex("session_id");
  final int therapist = IN.fieldIndex("therapist_id");
  final int date = IN.fieldIndex("date");
  final int technique = IN.fieldIndex("technique");
  final int duration = IN.fieldIndex("duration_min");
  final int adverse = IN.fieldIndex("adverse_event");
  final int home = IN.fieldIndex("home_exercise");
  final int moment = IN.fieldIndex("moment");
  final int measure = IN.fieldIndex("measure");
  final int score = IN.fieldIndex("score_tenths");
  final int condition = IN.fieldIndex("condition");
  final int weeks = IN.fieldIndex("symptom_weeks");
  final int ageBand = IN.fieldIndex("age_band");
  final int sex = IN.fieldIndex("sex");
  final int coTreatment = IN.fieldIndex("co_treatment");
  final int contraindications = IN.fieldIndex("contraindications");
  final int clearance = IN.fieldIndex("medical_clearance");

  /** The ids the check of ids found conflicting, flagged on the sessions as they are read. */
  private final Conflicts conflicts;

  PassInput(Conflicts conflicts) {
    this.conflicts = conflicts;
  }

  /**
   * One shared instance per distinct value of the columns with few values (technique, therapist,
   * measure, moment, adverse event, home exercise, the client's attributes): every row of Spark's
   * comes with new strings, and these values name groups, which the pass hashes and compares every
   * time it adds a pair under one; a shared instance hashes once and compares by identity. Bounded:
   * past {@link #CANON_LIMIT} distinct values, new ones are kept as they come.
   */
  private final HashMap<String, String> canon = new HashMap<>();

  private static final int CANON_LIMIT = 1 << 16;

  /** The shared instance of a value of a column with few values. */
  String canon(String v) {
    if (v == null) {
      return null;
    }
    String c = canon.get(v);
    if (c != null) {
      return c;
    }
    if (canon.size() < CANON_LIMIT) {
      canon.put(v, v);
    }
    return v;
  }

  private String canonAt(Row r, int i) {
    return canon(r.getString(i));
  }

  ClientJudge.Entry entry(Row r) {
    int k = r.getInt(kind);
    boolean conflict =
        r.getBoolean(conflicting)
            || (k == ClientJudge.SESSION
                && !conflicts.isEmpty()
                && conflicts.contains(r.getString(sessionId)));
    return new ClientJudge.Entry(
        k,
        r.getLong(line),
        r.getString(rowReasons),
        r.getLong(fp64),
        r.getInt(fp32),
        r.getString(clientId),
        r.getString(sessionId),
        r.<LocalDate>getAs(date),
        canonAt(r, moment),
        canonAt(r, measure),
        conflict);
  }

  /** The judged records of one group. */
  List<ClientJudge.Entry> entries(List<Row> group) {
    List<ClientJudge.Entry> e = new ArrayList<>(group.size());
    for (Row r : group) {
      e.add(entry(r));
    }
    return e;
  }

  Visit visit(Row r) {
    return new Visit(
        r.getString(sessionId),
        canonAt(r, therapist),
        r.getAs(date),
        canonAt(r, technique),
        r.getAs(duration),
        canonAt(r, adverse),
        canonAt(r, home));
  }

  Score score(Row r) {
    return new Score(
        r.getString(sessionId),
        r.getAs(date),
        canonAt(r, moment),
        canonAt(r, measure),
        r.getInt(score));
  }

  Client client(Row r) {
    return new Client(canonAt(r, condition), r.getAs(weeks), canonAt(r, ageBand), canonAt(r, sex));
  }

  /** The groups of a partition sorted by client and bucket, one list of rows at a time. */
  Iterator<List<Row>> groups(Iterator<Row> input) {
    return new Iterator<>() {
      private Row pending = input.hasNext() ? input.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public List<Row> next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        String c = pending.getString(clientId);
        Object b = pending.get(bucket);
        List<Row> group = new ArrayList<>();
        while (pending != null
            && Objects.equals(c, pending.getString(clientId))
            && Objects.equals(b, pending.get(bucket))) {
          group.add(pending);
          pending = input.hasNext() ? input.next() : null;
        }
        return group;
      }
    };
  }
}
