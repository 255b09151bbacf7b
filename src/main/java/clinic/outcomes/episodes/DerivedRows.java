package clinic.outcomes.episodes;

import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.spark.NamedRow;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the client pass's records into the output union layout ({@link PassLayout#output}), every
 * value by its column name: a name missing from the layout fails at once, and no value can land in
 * its neighbour's column.
 */
final class DerivedRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StructType out;

  DerivedRows(StructType out) {
    this.out = out;
  }

  private NamedRow of(String kind) {
    return new NamedRow(out).set("kind", kind);
  }

  /** A row of {@link DerivedTable#SESSIONS}. */
  Row session(String clientId, NumberedVisit v) {
    Visit s = v.visit();
    return of(DerivedTable.SESSIONS.kind())
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
        .row();
  }

  /** A row of {@link DerivedTable#ATTRIBUTES} (and so of the episodes table). */
  Row episode(String clientId, Episode e) {
    return of(DerivedTable.ATTRIBUTES.kind())
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
        .row();
  }

  /** A row of {@link DerivedTable#outcomes}. */
  Row outcome(Outcome x) {
    NamedRow r =
        of("outcomes")
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
      String h = DerivedTable.followup(f.horizon());
      r.set(h + "_tenths", f.tenths())
          .set(h + "_improvement_tenths", f.improvementTenths())
          .set(h + "_date", f.date())
          .set(h + "_eligible", f.eligible());
    }
    return r.row();
  }

  /** A {@link TotalsEntry} row, by the bean's property names. */
  Row totals(TotalsEntry e) {
    return of(PassLayout.TOTALS)
        .set("part", e.getPart())
        .set("analysis", e.getAnalysis())
        .set("measure", e.getMeasure())
        .set("groupBy", e.getGroupBy())
        .set("group", e.getGroup())
        .set("at", e.getAt())
        .set("value", e.getValue())
        .set("n", e.getN())
        .set("incomplete", e.getIncomplete())
        .set("open", e.getOpen())
        .set("sessions", e.getSessions())
        .set("mcidCount", e.getMcidCount())
        .set("r30n", e.getR30n())
        .set("r30count", e.getR30count())
        .set("r50count", e.getR50count())
        .set("count", e.getCount())
        .set("earlierSum", e.getEarlierSum())
        .set("laterSum", e.getLaterSum())
        .set("events", e.getEvents())
        .set("censored", e.getCensored())
        .row();
  }
}
