package clinic.outcomes.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans a client's episodes: the session count and the date of every session, inside the window.
 *
 * <p>Every client has one episode; with probability {@link #SECOND_EPISODE_SHARE} a second one
 * (re-treatment) starts 91-240 days after the first one's last session. Sessions are 5-14 days
 * apart (uniform). The whole plan is placed uniformly in the window. Only in a window shorter than
 * 632 days: a second episode that does not fit is dropped, and a first episode longer than the
 * window loses its last sessions until it fits.
 */
final class EpisodePlanner {

  /** Share of clients with a second episode. */
  static final double SECOND_EPISODE_SHARE = 0.15;

  /** Shortest and longest days between sessions of an episode. */
  static final int MIN_SPACING = 5;

  static final int MAX_SPACING = 14;

  /** Shortest and longest days between two episodes (above the 90-day episode gap). */
  static final int MIN_RETREAT_GAP = TrueEffects.EPISODE_GAP_DAYS + 1;

  static final int MAX_RETREAT_GAP = 240;

  private static final double[] SESSION_COUNTS = sessionCountTable();

  private final int startDay;
  private final int window;

  EpisodePlanner(int startDay, int endDay) {
    this.startDay = startDay;
    this.window = endDay - startDay;
  }

  /** The session days (epoch days, ascending) of each episode of one client. */
  List<int[]> plan(SplittableRandom rng) {
    int[] first = spacings(rng);
    boolean retreat = Draw.chance(rng, SECOND_EPISODE_SHARE);
    int retreatGap = Draw.between(rng, MIN_RETREAT_GAP, MAX_RETREAT_GAP);
    int[] second = retreat ? spacings(rng) : new int[0];
    while (span(first) > window) {
      first = Arrays.copyOf(first, first.length - 1);
    }
    int total = span(first) + retreatGap + span(second);
    if (retreat && total > window) {
      retreat = false;
    }
    if (!retreat) {
      total = span(first);
    }
    int day = startDay + rng.nextInt(window - total + 1);
    List<int[]> episodes = new ArrayList<>(2);
    episodes.add(days(day, first));
    if (retreat) {
      episodes.add(days(day + span(first) + retreatGap, second));
    }
    return episodes;
  }

  /** Gaps between consecutive sessions: length = sessions − 1. */
  private static int[] spacings(SplittableRandom rng) {
    int sessions = Draw.index(rng, SESSION_COUNTS) + 1;
    int[] gaps = new int[sessions - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = Draw.between(rng, MIN_SPACING, MAX_SPACING);
    }
    return gaps;
  }

  private static int span(int[] gaps) {
    int sum = 0;
    for (int gap : gaps) {
      sum += gap;
    }
    return sum;
  }

  private static int[] days(int firstDay, int[] gaps) {
    int[] days = new int[gaps.length + 1];
    days[0] = firstDay;
    for (int i = 0; i < gaps.length; i++) {
      days[i + 1] = days[i] + gaps[i];
    }
    return days;
  }

  private static double[] sessionCountTable() {
    double[] table = new double[TrueEffects.maxSessions()];
    for (int n = 1; n <= table.length; n++) {
      table[n - 1] = TrueEffects.sessionCountProbability(n);
    }
    return table;
  }
}
