package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.ClientRow;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.ScoreRow;
import clinic.outcomes.ingest.SessionRow;
import clinic.outcomes.stage.StagingWriter.Column;
import clinic.outcomes.stage.StagingWriter.Kind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.types.StructType;

/** The staging layout of each input table: bookkeeping columns, then the typed values. */
final class StagingColumns {
  private StagingColumns() {}

  /**
   * Where {@link #values} puts the fingerprint's hashes, the row-rule reasons and a session's id.
   */
  static final int FP64 = 2;

  static final int FP32 = 3;
  static final int REASONS = 4;
  static final int SESSION_ID = 5;

  private static final List<Column> COMMON =
      List.of(
          new Column("line", Kind.LONG),
          new Column("raw", Kind.STRING),
          new Column("fp64", Kind.LONG),
          new Column("fp32", Kind.INT),
          new Column("row_reasons", Kind.STRING));

  static List<Column> of(InputTable table) {
    List<Column> cols = new ArrayList<>(COMMON);
    switch (table) {
      case SESSIONS ->
          cols.addAll(
              List.of(
                  new Column("session_id", Kind.STRING),
                  new Column("client_id", Kind.STRING),
                  new Column("therapist_id", Kind.STRING),
                  new Column("session_date", Kind.DATE),
                  new Column("technique", Kind.STRING),
                  new Column("duration_min", Kind.INT),
                  new Column("adverse_event", Kind.STRING),
                  new Column("home_exercise", Kind.STRING)));
      case PAIN_SCORES ->
          cols.addAll(
              List.of(
                  new Column("client_id", Kind.STRING),
                  new Column("session_id", Kind.STRING),
                  new Column("recorded_on", Kind.DATE),
                  new Column("moment", Kind.STRING),
                  new Column("measure", Kind.STRING),
                  new Column("score_tenths", Kind.INT)));
      case CLIENTS ->
          cols.addAll(
              List.of(
                  new Column("client_id", Kind.STRING),
                  new Column("age_band", Kind.STRING),
                  new Column("sex", Kind.STRING),
                  new Column("condition", Kind.STRING),
                  new Column("symptom_weeks", Kind.INT),
                  new Column("co_treatment", Kind.STRING),
                  new Column("contraindications", Kind.STRING),
                  new Column("medical_clearance", Kind.STRING)));
    }
    return cols;
  }

  /** The Spark schema of a table's staging files (every column nullable). */
  static StructType schema(InputTable table) {
    return StagingWriter.schema(of(table));
  }

  /**
   * The record's session date or score date as an epoch day when it passes every row rule, else
   * {@link Long#MIN_VALUE} (a client record has neither).
   */
  static long validDay(Checked<?> c) {
    if (!c.passed()) {
      return Long.MIN_VALUE;
    }
    LocalDate d =
        c.row() instanceof SessionRow s
            ? s.sessionDate()
            : c.row() instanceof ScoreRow s ? s.recordedOn() : null;
    return d == null ? Long.MIN_VALUE : d.toEpochDay();
  }

  /**
   * The columns whose values repeat from record to record (ids of clients and therapists, dates,
   * the vocabularies, the reasons): the local engine holds one instance of each distinct value per
   * piece, which spares the collector most of the objects of the records it holds.
   */
  private static final Set<String> REPEATING =
      Set.of(
          "row_reasons",
          "client_id",
          "therapist_id",
          "session_date",
          "technique",
          "adverse_event",
          "home_exercise",
          "recorded_on",
          "moment",
          "measure",
          "age_band",
          "sex",
          "condition",
          "co_treatment",
          "contraindications",
          "medical_clearance");

  /** One instance of each distinct value of the repeating columns of one table, in one piece. */
  static final class Shared {
    private final int[] columns;
    private final Map<Object, Object> seen = new HashMap<>();

    Shared(InputTable table) {
      List<Column> cols = of(table);
      this.columns =
          IntStream.range(0, cols.size())
              .filter(i -> REPEATING.contains(cols.get(i).name()))
              .toArray();
    }

    /** {@code values} with each repeating value replaced by its first instance. */
    Object[] share(Object[] values) {
      for (int i : columns) {
        Object v = values[i];
        if (v != null) {
          Object first = seen.putIfAbsent(v, v);
          if (first != null) {
            values[i] = first;
          }
        }
      }
      return values;
    }
  }

  static Object[] values(Checked<?> c) {
    Object row = c.row();
    byte[] print = c.fingerprint();
    // Filled in place: a list grown and copied out was 1 % of a 10M run's samples.
    Object[] v = new Object[COMMON.size() + (row instanceof ScoreRow ? 6 : 8)];
    v[0] = c.line();
    v[1] = c.raw();
    v[FP64] = RowPrint.fp64(print);
    v[FP32] = RowPrint.fp32(print);
    v[REASONS] = c.reasonText();
    int i = COMMON.size();
    if (row instanceof SessionRow s) {
      v[i] = s.sessionId();
      v[i + 1] = s.clientId();
      v[i + 2] = s.therapistId();
      v[i + 3] = s.sessionDate();
      v[i + 4] = s.technique();
      v[i + 5] = s.durationMin();
      v[i + 6] = s.adverseEvent();
      v[i + 7] = s.homeExercise();
    } else if (row instanceof ScoreRow s) {
      v[i] = s.clientId();
      v[i + 1] = s.sessionId();
      v[i + 2] = s.recordedOn();
      v[i + 3] = s.moment();
      v[i + 4] = s.measure();
      v[i + 5] = s.scoreTenths();
    } else if (row instanceof ClientRow s) {
      v[i] = s.clientId();
      v[i + 1] = s.ageBand();
      v[i + 2] = s.sex();
      v[i + 3] = s.condition();
      v[i + 4] = s.symptomWeeks();
      v[i + 5] = s.coTreatment();
      v[i + 6] = s.contraindications();
      v[i + 7] = s.medicalClearance();
    }
    return v;
  }
}
