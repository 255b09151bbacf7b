package clinic.outcomes.episodes;

import clinic.outcomes.core.Settings;
import clinic.outcomes.spark.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row contract of one table of the client pass, declared once: the {@code staged} columns the
 * pass sets (by name, see {@link DerivedRows}), in order, and how the published table's columns
 * follow from them ({@link #publishedSchema}, {@link Publisher}). Scores are staged as whole tenths
 * ({@code x_tenths int}) and published as points ({@code x double}, tenths / 10) in the same place;
 * {@code keptTenths} are also published as tenths at the end; {@code omitted} staged columns are
 * not published.
 *
 * @param staged the staged columns, in published order
 * @param keptTenths tenths columns published a second time, as tenths, after the others
 * @param omitted staged columns left out of the published table
 */
record DerivedTable(StructType staged, List<String> keptTenths, Set<String> omitted) {
  private static final String TENTHS = "_tenths";

  /** The sessions table (SPEC "Derived structure"). */
  static final DerivedTable SESSIONS =
      new DerivedTable(
          Schemas.of(
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
              "nrs_after_tenths int"),
          List.of(),
          Set.of());

  /**
   * The staged form of an episode with every grouping attribute: the episodes table publishes it
   * less the client's columns; the regressions get the grouping attributes of each outcome from the
   * pass's {@link CourseCells}.
   */
  static final DerivedTable ATTRIBUTES =
      new DerivedTable(
          Schemas.of(
              "episode_id string",
              "client_id string",
              "episode_number int",
              "start_date date",
              "end_date date",
              "n_sessions int",
              "primary_technique string",
              "primary_therapist string",
              "session_bucket string",
              "adherence string",
              "next_start_date date",
              "month string",
              "closed_by string",
              "closed boolean",
              "baseline_band string",
              "condition string",
              "symptom_weeks int",
              "age_band string",
              "sex string",
              "has_client boolean",
              "chronicity string"),
          List.of(),
          Set.of());

  /**
   * The published {@code pain_scores} table: the accepted scores, the score as points and as whole
   * tenths, and the line it came from.
   */
  static final StructType PAIN_SCORES =
      Schemas.of(
          "client_id string",
          "session_id string",
          "recorded_on date",
          "moment string",
          "measure string",
          "score double",
          "score_tenths int",
          "source_line long");

  /** The published {@code clients} table: the accepted client records. */
  static final StructType CLIENTS =
      Schemas.of(
          "client_id string",
          "age_band string",
          "sex string",
          "condition string",
          "symptom_weeks int",
          "co_treatment string",
          "contraindications string",
          "medical_clearance string");

  /**
   * A staging table of the rejected records: the input file's kind ({@code ClientJudge.SESSION}
   * etc.), the line and the reasons, later joined to their raw text ({@code
   * ValidationStage#rejects}).
   */
  static final StructType REJECTED = Schemas.of("kind int", "line long", "reasons string");

  /** The episodes table: the attributes without the client's and the grouping columns. */
  static final DerivedTable EPISODES =
      new DerivedTable(
          ATTRIBUTES.staged(),
          List.of(),
          Set.of(
              "baseline_band",
              "condition",
              "symptom_weeks",
              "age_band",
              "sex",
              "has_client",
              "chronicity"));

  /** The episode_outcomes table, with one group of follow-up columns per configured horizon. */
  static DerivedTable outcomes(Settings settings) {
    List<String> f =
        new ArrayList<>(
            List.of(
                "episode_id string",
                "measure string",
                "closed boolean",
                "baseline_tenths int",
                "baseline_source string",
                "final_tenths int",
                "final_source string",
                "improvement_tenths int",
                "percent double",
                "responder_mcid boolean",
                "responder_30 boolean",
                "responder_50 boolean",
                "final_immediate_tenths int",
                "improvement_immediate_tenths int",
                "pre_intake_tenths int",
                "pre_treatment_change_tenths int"));
    for (String h : settings.followupHorizons().keySet()) {
      f.add(followup(h) + TENTHS + " int");
      f.add(followup(h) + "_improvement" + TENTHS + " int");
      f.add(followup(h) + "_date date");
      f.add(followup(h) + "_eligible boolean");
    }
    f.add("complete boolean");
    return new DerivedTable(
        Schemas.of(f.toArray(String[]::new)),
        List.of("baseline_tenths", "final_tenths", "improvement_tenths"),
        Set.of());
  }

  /** The column prefix of one follow-up horizon. */
  static String followup(String horizon) {
    return "followup_" + horizon;
  }

  /**
   * The published table's schema: the staged columns in order, less the omitted ones, each tenths
   * column as a {@code double} of points under its name without {@code _tenths}; then the kept
   * tenths columns as they are. Every column nullable, as Spark writes a projection.
   */
  StructType publishedSchema() {
    List<StructField> out = new ArrayList<>();
    for (StructField f : staged.fields()) {
      String name = f.name();
      if (omitted.contains(name)) {
        continue;
      }
      out.add(
          name.endsWith(TENTHS)
              ? DataTypes.createStructField(
                  name.substring(0, name.length() - TENTHS.length()), DataTypes.DoubleType, true)
              : DataTypes.createStructField(name, f.dataType(), true));
    }
    for (String name : keptTenths) {
      out.add(staged.apply(name));
    }
    return DataTypes.createStructType(out);
  }

  /** Turns staged rows into published ones ({@link #publishedSchema}); made once per task. */
  Publisher publisher() {
    return new Publisher(this);
  }

  /** The published values of a staged row, by the column positions worked out once. */
  static final class Publisher {
    private final int[] from;
    private final boolean[] points;

    private Publisher(DerivedTable t) {
      List<Integer> f = new ArrayList<>();
      List<Boolean> p = new ArrayList<>();
      for (StructField s : t.staged().fields()) {
        if (!t.omitted().contains(s.name())) {
          f.add(t.staged().fieldIndex(s.name()));
          p.add(s.name().endsWith(TENTHS));
        }
      }
      for (String name : t.keptTenths()) {
        f.add(t.staged().fieldIndex(name));
        p.add(false);
      }
      from = f.stream().mapToInt(Integer::intValue).toArray();
      points = new boolean[p.size()];
      for (int i = 0; i < points.length; i++) {
        points[i] = p.get(i);
      }
    }

    /** The published values; a tenths value becomes points (tenths / 10.0, as a double). */
    Object[] publish(Object[] staged) {
      Object[] out = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        Object v = staged[from[i]];
        out[i] = points[i] && v != null ? ((Number) v).intValue() / 10.0 : v;
      }
      return out;
    }
  }
}
