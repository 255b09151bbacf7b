package clinic.outcomes.generate;

import clinic.outcomes.core.AdverseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws and writes the {@code sessions.csv} rows of one episode: technique (the primary one, with
 * an occasional other technique in the middle of the course), therapist, duration, adverse event
 * and home exercise; records the episode's adherence by the SPEC's rule.
 */
final class SessionRows {

  /** Chance that a middle session (not the first, not the last) uses another technique. */
  static final double OFF_TECHNIQUE_SHARE = 0.10;

  /** Number of therapists, {@code T01}..{@code T08}. */
  static final int THERAPISTS = 8;

  /** Chance that a session is given by the episode's main therapist. */
  static final double MAIN_THERAPIST_SHARE = 0.90;

  /** Chance that {@code therapist_id} is empty. */
  static final double THERAPIST_EMPTY = 0.01;

  /** Durations in minutes; the last share of {@link #DURATION_SHARE} is "empty". */
  static final int[] DURATIONS = {30, 45, 60, 90};

  static final double[] DURATION_SHARE = {0.15, 0.25, 0.45, 0.13, 0.02};

  private static final String[] EVENTS = {
    AdverseEvent.SORENESS.code(),
    AdverseEvent.BRUISING.code(),
    AdverseEvent.INCREASED_PAIN.code(),
    AdverseEvent.OTHER.code(),
    AdverseEvent.NONE.code()
  };

  private static final String[] THERAPIST_IDS = therapistIds();

  /** Per technique: P(soreness), P(bruising), P(increased_pain), P(other), rest none. */
  private static final Map<String, double[]> ADVERSE_SHARE = adverseShares();

  private SessionRows() {}

  /** Fills {@code episode}'s session ids, techniques and adherence and writes its rows. */
  static void write(SplittableRandom rng, CsvSink out, Episode episode) throws IOException {
    int n = episode.sessions();
    int mainTherapist = rng.nextInt(THERAPISTS);
    boolean stretcher = Draw.chance(rng, TrueEffects.STRETCHER_SHARE);
    double yesRate = stretcher ? TrueEffects.YES_IF_STRETCHER : TrueEffects.YES_IF_NOT_STRETCHER;
    int others = 0;
    int yes = 0;
    int recorded = 0;
    for (int k = 0; k < n; k++) {
      String technique = episode.primary;
      boolean middle = k > 0 && k < n - 1;
      if (middle && others < (n - 1) / 2 && Draw.chance(rng, OFF_TECHNIQUE_SHARE)) {
        technique = otherTechnique(rng, episode.primary);
        others++;
      }
      String homeExercise = homeExercise(rng, k, yesRate);
      if (homeExercise != null) {
        recorded++;
        yes += homeExercise.equals("yes") ? 1 : 0;
      }
      String sessionId = out.nextSessionId();
      episode.sessionIds[k] = sessionId;
      episode.techniques[k] = technique;
      out.session(
          sessionId,
          episode.clientId,
          therapist(rng, mainTherapist),
          episode.days[k],
          technique,
          duration(rng),
          adverseEvent(rng, technique),
          homeExercise);
    }
    episode.adherent = recorded > 0 && 2 * yes >= recorded;
  }

  private static String otherTechnique(SplittableRandom rng, String primary) {
    int index = TrueEffects.TECHNIQUES.indexOf(primary);
    int shift = 1 + rng.nextInt(TrueEffects.TECHNIQUES.size() - 1);
    return TrueEffects.TECHNIQUES.get((index + shift) % TrueEffects.TECHNIQUES.size());
  }

  private static String therapist(SplittableRandom rng, int mainTherapist) {
    if (Draw.chance(rng, THERAPIST_EMPTY)) {
      return null;
    }
    boolean main = Draw.chance(rng, MAIN_THERAPIST_SHARE);
    return THERAPIST_IDS[main ? mainTherapist : rng.nextInt(THERAPISTS)];
  }

  private static int duration(SplittableRandom rng) {
    int index = Draw.index(rng, DURATION_SHARE);
    return index < DURATIONS.length ? DURATIONS[index] : 0;
  }

  private static String adverseEvent(SplittableRandom rng, String technique) {
    if (!Draw.chance(rng, TrueEffects.ADVERSE_RECORDED)) {
      return null;
    }
    return EVENTS[Draw.index(rng, ADVERSE_SHARE.get(technique))];
  }

  private static Map<String, double[]> adverseShares() {
    Map<String, double[]> shares = new HashMap<>();
    for (String technique : TrueEffects.TECHNIQUES) {
      double[] row = new double[EVENTS.length];
      for (int i = 0; i < EVENTS.length - 1; i++) {
        row[i] = TrueEffects.adverseEventProbability(technique, EVENTS[i]);
      }
      shares.put(technique, row); // the last entry, "none", takes the rest
    }
    return Map.copyOf(shares);
  }

  private static String homeExercise(SplittableRandom rng, int k, double yesRate) {
    double empty = k == 0 ? TrueEffects.HOME_EXERCISE_EMPTY_FIRST : TrueEffects.HOME_EXERCISE_EMPTY;
    if (Draw.chance(rng, empty)) {
      return null;
    }
    return Draw.chance(rng, yesRate) ? "yes" : "no";
  }

  private static String[] therapistIds() {
    String[] ids = new String[THERAPISTS];
    for (int i = 0; i < THERAPISTS; i++) {
      ids[i] = (i + 1 < 10 ? "T0" : "T") + (i + 1);
    }
    return ids;
  }
}
