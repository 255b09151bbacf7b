package clinic.outcomes.episodes;

import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.spark.NamedRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Lays out the client pass's records as the staged rows of their {@link DerivedTable}, every value
 * by its column name: a name missing from the table fails at once, and no value can land in its
 * neighbour's column.
 */
final class DerivedRows {
  private final NamedRow.Layout sessions = new NamedRow.Layout(DerivedTable.SESSIONS.staged());
  private final NamedRow.Layout episodes = new NamedRow.Layout(DerivedTable.ATTRIBUTES.staged());
  private final NamedRow.Layout outcomes;
  private final NamedRow.Layout rejected = new NamedRow.Layout(DerivedTable.REJECTED);
  private final NamedRow.Layout painScores = new NamedRow.Layout(DerivedTable.PAIN_SCORES);
  private final NamedRow.Layout clients = new NamedRow.Layout(DerivedTable.CLIENTS);

  /**
   * @param outcomes the outcomes table for the run's settings ({@link DerivedTable#outcomes})
   */
  DerivedRows(DerivedTable outcomes) {
    this.outcomes = new NamedRow.Layout(outcomes.staged());
  }

  /** A row of {@link DerivedTable#SESSIONS}. */
  Object[] session(String clientId, NumberedVisit v) {
    Visit s = v.visit();
    return new NamedRow(sessions)
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
        .values();
  }

  /** A row of {@link DerivedTable#ATTRIBUTES} (and so of the episodes table). */
  Object[] episode(String clientId, Episode e) {
    return new NamedRow(episodes)
        .set("episode_id", e.episodeId())
        .set("client_id", clientId)
        .set("episode_number", e.episodeNumber())
        .set("start_date", e.startDate())
        .set("end_date", e.endDate())
        .set("n_sessions", e.nSessions())
        .set("primary_technique", e.primaryTechnique())
        .set("primary_therapist", e.primaryTherapist())
        .set("session_bucket", e.sessionBucket())
        .set("adherence", e.adherence())
        .set("next_start_date", e.nextStartDate())
        .set("month", e.month())
        .set("closed_by", e.closedBy())
        .set("closed", e.closed())
        .set("baseline_band", e.baselineBand())
        .set("condition", e.condition())
        .set("symptom_weeks", e.symptomWeeks())
        .set("age_band", e.ageBand())
        .set("sex", e.sex())
        .set("has_client", e.hasClient())
        .set("chronicity", e.chronicity())
        .values();
  }

  /**
   * Each follow-up horizon's four column names, built and interned once rather than for every
   * outcome, so that {@link NamedRow} finds them as it finds the literal names.
   */
  private final Map<String, String[]> followupColumns = new HashMap<>();

  private static String[] followupColumns(String horizon) {
    String h = DerivedTable.followup(horizon);
    return new String[] {
      (h + "_tenths").intern(),
      (h + "_improvement_tenths").intern(),
      (h + "_date").intern(),
      (h + "_eligible").intern()
    };
  }

  /** A row of {@link DerivedTable#outcomes}. */
  Object[] outcome(Outcome x) {
    NamedRow r =
        new NamedRow(outcomes)
            .set("episode_id", x.episodeId())
            .set("measure", x.measure())
            .set("closed", x.closed())
            .set("baseline_tenths", x.baselineTenths())
            .set("baseline_source", x.baselineSource())
            .set("final_tenths", x.finalTenths())
            .set("final_source", x.finalSource())
            .set("improvement_tenths", x.improvementTenths())
            .set("percent", x.percent())
            .set("responder_mcid", x.responderMcid())
            .set("responder_30", x.responder30())
            .set("responder_50", x.responder50())
            .set("final_immediate_tenths", x.finalImmediateTenths())
            .set("improvement_immediate_tenths", x.improvementImmediateTenths())
            .set("pre_intake_tenths", x.preIntakeTenths())
            .set("pre_treatment_change_tenths", x.preTreatmentChangeTenths())
            .set("complete", x.complete());
    for (Followup f : x.followups()) {
      String[] c = followupColumns.computeIfAbsent(f.horizon(), DerivedRows::followupColumns);
      r.set(c[0], f.tenths())
          .set(c[1], f.improvementTenths())
          .set(c[2], f.date())
          .set(c[3], f.eligible());
    }
    return r.values();
  }

  /** A rejected record of the input file of {@code kind}, to be joined to its raw text. */
  Object[] reject(int kind, long line, String reasons) {
    return new NamedRow(rejected)
        .set("kind", kind)
        .set("line", line)
        .set("reasons", reasons)
        .values();
  }

  /** An accepted score, as a row of the {@code pain_scores} table. */
  Object[] painScore(PassInput in, Row r) {
    Integer tenths = r.isNullAt(in.score) ? null : r.getInt(in.score);
    return new NamedRow(painScores)
        .set("client_id", r.getString(in.clientId))
        .set("session_id", r.getString(in.sessionId))
        .set("recorded_on", r.get(in.date))
        .set("moment", r.getString(in.moment))
        .set("measure", r.getString(in.measure))
        .set("score", tenths == null ? null : tenths / 10.0)
        .set("score_tenths", tenths)
        .set("source_line", r.getLong(in.line))
        .values();
  }

  /** An accepted client record, as a row of the {@code clients} table. */
  Object[] client(PassInput in, Row r) {
    return new NamedRow(clients)
        .set("client_id", r.getString(in.clientId))
        .set("age_band", r.getString(in.ageBand))
        .set("sex", r.getString(in.sex))
        .set("condition", r.getString(in.condition))
        .set("symptom_weeks", r.get(in.weeks))
        .set("co_treatment", r.getString(in.coTreatment))
        .set("contraindications", r.getString(in.contraindications))
        .set("medical_clearance", r.getString(in.clearance))
        .values();
  }
}
