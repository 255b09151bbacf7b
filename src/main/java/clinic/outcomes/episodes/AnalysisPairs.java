package clinic.outcomes.episodes;

import static clinic.outcomes.episodes.EpisodeAttributes.orUnknown;
import static clinic.outcomes.episodes.EpisodeAttributes.sessionNumberGroup;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.stats.EpisodeSlopes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pairs of every analysis of one episode (SPEC "Outcomes" and "Statistics"), and its
 * within-episode slopes (SPEC "Dose-response"), handed to a {@link PairSink}. One pair per
 * (analysis, measure, group_by, group): an episode's rows that fall in a slice are averaged.
 */
final class AnalysisPairs {
  private final Settings settings;

  /**
   * technique -> session-number group -> {@code technique|group}, each name built once: a group's
   * name is hashed and compared every time a pair is added under it (see {@code
   * EpisodeAttributes.month}).
   */
  private final Map<String, Map<String, String>> techniqueBySession = new HashMap<>();

  /** The partition's slice numbers and each analysis's accumulator, reused episode by episode. */
  private final PairCells cells = new PairCells();

  private final PairCells.Accumulator course;
  private final PairCells.Accumulator immediate;
  private final PairCells.Accumulator pre;
  private final Map<String, PairCells.Accumulator> completers = new LinkedHashMap<>();
  private final Map<String, PairCells.Accumulator> bocf = new LinkedHashMap<>();
  private final PairCells.Accumulator relief;
  private final PairCells.Accumulator trajectory;
  private final PairCells.Accumulator cohort;

  AnalysisPairs(Settings settings) {
    this.settings = settings;
    this.course = cells.new Accumulator(ClientHistory.COURSE);
    this.immediate = cells.new Accumulator(ClientHistory.COURSE_IMMEDIATE);
    this.pre = cells.new Accumulator(ClientHistory.PRE_TREATMENT);
    for (String h : settings.followupHorizons().keySet()) {
      completers.put(h, cells.new Accumulator(Settings.followupAnalysis(h)));
      bocf.put(h, cells.new Accumulator(Settings.followupBocfAnalysis(h)));
    }
    this.relief = cells.new Accumulator(ClientHistory.SESSION_RELIEF);
    this.trajectory = cells.new Accumulator(ClientHistory.TRAJECTORY);
    this.cohort = cells.new Accumulator(ClientHistory.TRAJECTORY_COHORT);
  }

  private String techniqueBySession(String technique, String sessionNumberGroup) {
    return techniqueBySession
        .computeIfAbsent(technique, t -> new HashMap<>())
        .computeIfAbsent(sessionNumberGroup, g -> technique + "|" + g);
  }

  void emit(
      Episode ep,
      List<NumberedVisit> mine,
      List<Outcome> outcomes,
      EpisodeOutcomes.Sides sides,
      PairSink sink) {
    sessionRelief(ep, mine, sides, sink);
    int[] withBucket = cells.slices(episodeSlices(ep, true));
    int[] noBucket = cells.slices(episodeSlices(ep, false));
    List<PairCells.Slice> byTechnique = new ArrayList<>();
    byTechnique.add(new PairCells.Slice(Groups.OVERALL, "all"));
    byTechnique.add(new PairCells.Slice(Groups.TECHNIQUE, orUnknown(ep.primaryTechnique())));
    techniqueGroups(ep.primaryTechnique(), byTechnique);
    int[] byTechniqueIds = cells.slices(byTechnique);

    Map<String, Integer> baselines = new HashMap<>();
    for (Outcome o : outcomes) {
      if (o.closed()) {
        course.add(o.measure(), withBucket, o.complete(), o.baselineTenths(), o.finalTenths());
        immediate.add(
            o.measure(),
            withBucket,
            o.completeImmediate(),
            o.baselineTenths(),
            o.finalImmediateTenths());
      } else {
        course.open(o.measure(), withBucket);
        immediate.open(o.measure(), withBucket);
      }
      if (o.preIntakeTenths() != null && o.firstBeforeTenths() != null) {
        pre.add(o.measure(), byTechniqueIds, true, o.preIntakeTenths(), o.firstBeforeTenths());
      }
      if (o.baselineTenths() != null) {
        baselines.put(o.measure(), o.baselineTenths());
      }
      for (Followup f : o.followups()) {
        if (f.eligible()) {
          completers
              .get(f.horizon())
              .add(o.measure(), noBucket, f.tenths() != null, o.baselineTenths(), f.tenths());
          Integer later = f.tenths() != null ? f.tenths() : o.baselineTenths();
          bocf.get(f.horizon()).add(o.measure(), noBucket, true, o.baselineTenths(), later);
        }
      }
    }
    course.emit(sink);
    immediate.emit(sink);
    pre.emit(sink);
    completers.values().forEach(a -> a.emit(sink));
    bocf.values().forEach(a -> a.emit(sink));
    trajectory(ep, mine, sides, baselines, sink);
    slopes(ep, mine, sides, sink);
    timeToMcid(mine, sides, baselines, byTechnique, sink);
    harm(mine, byTechnique, sink);
  }

  /**
   * Time to MCID: an episode with a baseline and a before score at some session k >= 2 has its
   * event at k - 1 for the first such k whose before score improves on the baseline by at least the
   * MCID, else it is censored at k - 1 of its last session with a before score.
   */
  private void timeToMcid(
      List<NumberedVisit> mine,
      EpisodeOutcomes.Sides sides,
      Map<String, Integer> baselines,
      List<PairCells.Slice> slices,
      PairSink sink) {
    for (Map.Entry<String, Integer> b : baselines.entrySet()) {
      Integer mcid = settings.mcidTenths().get(b.getKey());
      if (mcid == null) {
        continue;
      }
      int last = 0;
      int event = 0;
      for (NumberedVisit v : mine) {
        Map<String, Integer> before = sides.before().get(v.visit().sessionId());
        Integer score = before == null ? null : before.get(b.getKey());
        if (v.sessionNumber() < 2 || score == null) {
          continue;
        }
        last = v.sessionNumber();
        if (EpisodeOutcomes.improvement(b.getKey(), b.getValue(), score) >= mcid) {
          event = last;
          break;
        }
      }
      if (last == 0) {
        continue;
      }
      for (PairCells.Slice s : slices) {
        sink.timeToMcid(
            b.getKey(), s.groupBy(), s.group(), (event > 0 ? event : last) - 1, event > 0);
      }
    }
  }

  /**
   * Harm: whether an episode with a recorded adverse_event field had any event, by primary
   * technique.
   */
  private static void harm(List<NumberedVisit> mine, List<PairCells.Slice> slices, PairSink sink) {
    boolean recorded = false;
    boolean any = false;
    for (NumberedVisit v : mine) {
      String e = v.visit().adverseEvent();
      if (e != null) {
        recorded = true;
        any |= !AdverseEvent.NONE.code().equals(e);
      }
    }
    if (recorded) {
      for (PairCells.Slice s : slices) {
        sink.harm(s.groupBy(), s.group(), any);
      }
    }
  }

  /** Session relief: one row per session and measure with a before or after score. */
  private void sessionRelief(
      Episode ep, List<NumberedVisit> mine, EpisodeOutcomes.Sides sides, PairSink sink) {
    String condition = orUnknown(ep.condition());
    for (NumberedVisit v : mine) {
      Map<String, Integer> b = sides.before().getOrDefault(v.visit().sessionId(), Map.of());
      Map<String, Integer> a = sides.after().getOrDefault(v.visit().sessionId(), Map.of());
      if (b.isEmpty() && a.isEmpty()) {
        continue;
      }
      List<PairCells.Slice> slices = new ArrayList<>();
      slices.add(new PairCells.Slice(Groups.OVERALL, "all"));
      slices.add(new PairCells.Slice(Groups.TECHNIQUE, orUnknown(v.visit().technique())));
      techniqueGroups(v.visit().technique(), slices);
      slices.add(
          new PairCells.Slice(Groups.SESSION_NUMBER_GROUP, sessionNumberGroup(v.sessionNumber())));
      slices.add(new PairCells.Slice(Groups.MONTH, v.month()));
      slices.add(new PairCells.Slice(Groups.CONDITION, condition));
      slices.add(new PairCells.Slice(Groups.CHRONICITY, ep.chronicity()));
      slices.add(new PairCells.Slice(Groups.ADHERENCE, ep.adherence()));
      slices.add(new PairCells.Slice(Groups.THERAPIST, orUnknown(v.visit().therapistId())));
      int[] ids = cells.slices(slices);
      TreeSet<String> ms = new TreeSet<>(b.keySet());
      ms.addAll(a.keySet());
      for (String m : ms) {
        Integer e = b.get(m);
        Integer l = a.get(m);
        relief.add(m, ids, e != null && l != null, e, l);
      }
    }
    relief.emit(sink);
  }

  /** Trajectory: the before score of sessions 2, 3, ... against the episode's baseline. */
  private void trajectory(
      Episode ep,
      List<NumberedVisit> mine,
      EpisodeOutcomes.Sides sides,
      Map<String, Integer> baselines,
      PairSink sink) {
    int h = settings.cohortSessions();
    String technique = orUnknown(ep.primaryTechnique());
    for (NumberedVisit v : mine) {
      if (v.sessionNumber() < 2) {
        continue;
      }
      Map<String, Integer> b = sides.before().get(v.visit().sessionId());
      if (b == null) {
        continue;
      }
      String sng = sessionNumberGroup(v.sessionNumber());
      int[] slices = {
        cells.slice(Groups.SESSION_NUMBER_GROUP, sng),
        cells.slice(Groups.TECHNIQUE_BY_SESSION, techniqueBySession(technique, sng))
      };
      for (Map.Entry<String, Integer> s : b.entrySet()) {
        Integer base = baselines.get(s.getKey());
        if (base == null) {
          continue;
        }
        trajectory.add(s.getKey(), slices, true, base, s.getValue());
        if (ep.nSessions() >= h && v.sessionNumber() <= h) {
          cohort.add(s.getKey(), slices, true, base, s.getValue());
        }
      }
    }
    trajectory.emit(sink);
    cohort.emit(sink);
  }

  /**
   * Within-episode slopes (SPEC "Dose-response"): for an episode with at least {@code
   * cohort_sessions} sessions, the least-squares slope of its {@code before} scores on the session
   * number over sessions 1..h ({@code within_episode}) and ceil(h/2)..h ({@code
   * within_episode_late}), each from at least 3 sessions with a score, signed so that a positive
   * slope means improving. One episode's points are in session order, so the value does not depend
   * on how Spark partitioned the clients.
   */
  private void slopes(
      Episode ep, List<NumberedVisit> mine, EpisodeOutcomes.Sides sides, PairSink sink) {
    int h = settings.cohortSessions();
    if (ep.nSessions() < h) {
      return;
    }
    int lateFrom = (h + 1) / 2;
    Map<String, List<int[]>> points = new TreeMap<>(); // measure -> (session number, before tenths)
    for (NumberedVisit v : mine) {
      Map<String, Integer> b = sides.before().get(v.visit().sessionId());
      if (v.sessionNumber() > h || b == null) {
        continue;
      }
      b.forEach(
          (m, tenths) ->
              points
                  .computeIfAbsent(m, x -> new ArrayList<>())
                  .add(new int[] {v.sessionNumber(), tenths}));
    }
    for (Map.Entry<String, List<int[]>> e : points.entrySet()) {
      emitSlope(ClientHistory.WITHIN_EPISODE, e.getKey(), e.getValue(), sink);
      emitSlope(
          ClientHistory.WITHIN_EPISODE_LATE,
          e.getKey(),
          e.getValue().stream().filter(p -> p[0] >= lateFrom).toList(),
          sink);
    }
  }

  /**
   * The least-squares slope of one episode's points (stats.EpisodeSlopes), in points per session,
   * improving > 0.
   */
  private static void emitSlope(String model, String measure, List<int[]> pts, PairSink sink) {
    double[] x = new double[pts.size()];
    double[] y = new double[pts.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pts.get(i)[0];
      y[i] = pts.get(i)[1] / 10.0;
    }
    Double slope = EpisodeSlopes.slope(x, y); // null below 3 points
    if (slope != null) {
      sink.slope(
          model, measure, (Measure.fromCode(measure).higherIsBetter() ? slope : -slope) + 0.0);
    }
  }

  private List<PairCells.Slice> episodeSlices(Episode ep, boolean withBucket) {
    List<PairCells.Slice> slices = new ArrayList<>();
    slices.add(new PairCells.Slice(Groups.OVERALL, "all"));
    slices.add(new PairCells.Slice(Groups.TECHNIQUE, orUnknown(ep.primaryTechnique())));
    techniqueGroups(ep.primaryTechnique(), slices);
    if (withBucket) {
      slices.add(new PairCells.Slice(Groups.SESSION_BUCKET, ep.sessionBucket()));
    }
    slices.add(new PairCells.Slice(Groups.MONTH, ep.month()));
    slices.add(new PairCells.Slice(Groups.BASELINE_BAND, ep.baselineBand()));
    slices.add(new PairCells.Slice(Groups.CONDITION, orUnknown(ep.condition())));
    slices.add(new PairCells.Slice(Groups.CHRONICITY, ep.chronicity()));
    slices.add(new PairCells.Slice(Groups.ADHERENCE, ep.adherence()));
    slices.add(new PairCells.Slice(Groups.THERAPIST, orUnknown(ep.primaryTherapist())));
    return slices;
  }

  private void techniqueGroups(String technique, List<PairCells.Slice> into) {
    if (technique == null) {
      return;
    }
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      if (g.getValue().contains(technique)) {
        into.add(new PairCells.Slice(Groups.TECHNIQUE_GROUP, g.getKey()));
      }
    }
  }
}
