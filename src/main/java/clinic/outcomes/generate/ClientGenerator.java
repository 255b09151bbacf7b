package clinic.outcomes.generate;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates everything of one client from the client's own random stream: the {@code clients.csv}
 * row, the episode plan, and each episode's sessions and scores.
 */
final class ClientGenerator {

  /** Chance that a second episode keeps the first one's primary technique. */
  static final double SAME_TECHNIQUE_AGAIN = 0.60;

  private static final double[] TECHNIQUE_SHARE = techniqueShares();

  private final long seed;
  private final CsvSink out;
  private final EpisodePlanner planner;
  private final EpisodeScores scores;

  ClientGenerator(long seed, CsvSink out, ScoreRounder rounder, int startDay, int endDay) {
    this.seed = seed;
    this.out = out;
    this.planner = new EpisodePlanner(startDay, endDay);
    this.scores = new EpisodeScores(out, rounder, startDay, endDay);
  }

  /** Writes client {@code index} (0-based) and returns its number of episodes. */
  int write(long index) throws IOException {
    SplittableRandom rng = Seeds.forClient(seed, index);
    String clientId = CsvSink.clientId(index);
    String profile = ClientProfiles.row(rng, clientId);
    if (profile != null) {
      out.client(profile);
    }
    List<int[]> plan = planner.plan(rng);
    String previous = null;
    for (int e = 0; e < plan.size(); e++) {
      String primary =
          previous != null && Draw.chance(rng, SAME_TECHNIQUE_AGAIN)
              ? previous
              : TrueEffects.TECHNIQUES.get(Draw.index(rng, TECHNIQUE_SHARE));
      Episode episode = new Episode(clientId, plan.get(e), primary);
      SessionRows.write(rng, out, episode);
      int nextDay = e + 1 < plan.size() ? plan.get(e + 1)[0] : Integer.MAX_VALUE;
      scores.write(rng, episode, nextDay);
      previous = primary;
    }
    return plan.size();
  }

  private static double[] techniqueShares() {
    double[] shares = new double[TrueEffects.TECHNIQUES.size()];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = TrueEffects.techniqueShare(TrueEffects.TECHNIQUES.get(i));
    }
    return shares;
  }
}
