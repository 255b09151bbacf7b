package clinic.outcomes.episodes;

import clinic.outcomes.core.AdverseEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The additive counts of the {@code safety} table for one client's sessions, in plain Java (no
 * Spark): the client pass adds them to its {@link PairTotals} as it goes, so the safety table needs
 * no scan of the written sessions. Per slice (the technique, each technique group that holds it,
 * and {@code all}) and event ({@link #EVENTS}):
 *
 * <ul>
 *   <li>unit {@code session}: n = sessions that record {@code adverse_event}, k = sessions with the
 *       event;
 *   <li>unit {@code episode}: n = episodes with at least one recorded session of the slice, k =
 *       episodes with at least one session of the slice with the event;
 *   <li>{@code (session, all, contraindicated_without_clearance)}: n = every session, recorded or
 *       not, k = the sessions of a client with a contraindication other than {@code none} and
 *       {@code medical_clearance = no}.
 * </ul>
 *
 * Every count is a sum over clients, so the totals do not depend on how clients are partitioned.
 */
public final class SafetyCounts {
  /** Event types, then {@code any} (any event other than {@code none}). */
  public static final List<String> EVENTS =
      Stream.concat(
              Arrays.stream(AdverseEvent.values())
                  .filter(e -> e != AdverseEvent.NONE)
                  .map(AdverseEvent::code),
              Stream.of("any"))
          .toList();

  /** The analysis name of the safety entries in {@link PairTotals}. */
  public static final String SESSION = "session";

  public static final String EPISODE = "episode";
  public static final String ALL = "all";
  public static final String CONTRAINDICATED = "contraindicated_without_clearance";

  private final Map<String, List<String>> groups;
  private final PairTotals into;

  /** Per technique (null for none), its slices ({@link #slices}): found once per partition. */
  private final Map<String, List<String>> slicesOf = new HashMap<>();

  /**
   * Per unit ({@link #SESSION}, {@link #EPISODE}) and slice, the counts {n, k} of each of {@link
   * #EVENTS} in that order, as {@link PairTotals#safetyCount} holds them: found once per slice, not
   * once per client and event.
   */
  private final Map<String, long[][]> sessionCounts = new HashMap<>();

  private final Map<String, long[][]> episodeCounts = new HashMap<>();

  /**
   * Counts for one partition's clients.
   *
   * @param groups the technique groups (group name to member techniques)
   * @param into the partition's totals
   */
  public SafetyCounts(Map<String, List<String>> groups, PairTotals into) {
    this.groups = groups;
    this.into = into;
  }

  /** One session as the safety table sees it; {@code adverseEvent} null when not recorded. */
  public record Session(String episodeId, String technique, String adverseEvent) {}

  /** The bit of {@code any} among {@link #EVENTS}' positions. */
  private static final int ANY_BIT = 1 << EVENTS.indexOf("any");

  /**
   * Per event code, the events it counts for as bits of {@link #EVENTS}' positions: its own and
   * {@code any}; {@code none} counts for none. A code of no event type counts for {@code any} only.
   */
  private static final Map<String, Integer> EVENT_BITS = eventBits();

  private static Map<String, Integer> eventBits() {
    Map<String, Integer> bits = new HashMap<>();
    bits.put(AdverseEvent.NONE.code(), 0);
    for (int i = 0; i < EVENTS.size(); i++) {
      bits.put(EVENTS.get(i), (1 << i) | ANY_BIT);
    }
    return Map.copyOf(bits);
  }

  /**
   * Adds one client's sessions.
   *
   * @param flagged the client has a contraindication other than {@code none} and {@code
   *     medical_clearance = no}
   */
  public void client(List<Session> sessions, boolean flagged) {
    if (sessions.isEmpty()) {
      return;
    }
    // The client's slices, numbered as first met, and each technique's slices by number: found once
    // per technique of the client, not once per session (a flight recording at 10M sessions had
    // this method at 1.8 % of the run when it compared every session's event with every event and
    // keyed its episodes' counts by new lists).
    List<String> names = new ArrayList<>(4);
    Map<String, int[]> numbers = new HashMap<>(4);
    int[][] slicesBySession = new int[sessions.size()][];
    for (int s = 0; s < slicesBySession.length; s++) {
      slicesBySession[s] =
          numbers.computeIfAbsent(
              sessions.get(s).technique(),
              t -> numbered(slicesOf.computeIfAbsent(t, x -> slices(x, groups)), names));
    }
    int width = EVENTS.size() + 1;
    long[][] bySlice = new long[names.size()][width];
    Map<String, long[][]> byEpisode = new LinkedHashMap<>();
    for (int s = 0; s < slicesBySession.length; s++) {
      Session session = sessions.get(s);
      if (session.adverseEvent() == null) {
        continue; // not recorded: in no count but the contraindicated one below
      }
      int bits = EVENT_BITS.getOrDefault(session.adverseEvent(), ANY_BIT);
      long[][] episode =
          byEpisode.computeIfAbsent(
              String.valueOf(session.episodeId()), x -> new long[names.size()][width]);
      for (int slice : slicesBySession[s]) {
        count(bySlice[slice], bits);
        count(episode[slice], bits);
      }
    }
    addAll(SESSION, bySlice, names);
    long[][] episodes = new long[names.size()][width];
    for (long[][] episode : byEpisode.values()) {
      for (int slice = 0; slice < episode.length; slice++) {
        long[] c = episode[slice];
        if (c[0] > 0) {
          long[] e = episodes[slice];
          e[0]++;
          for (int i = 0; i < EVENTS.size(); i++) {
            e[i + 1] += c[i + 1] > 0 ? 1 : 0;
          }
        }
      }
    }
    addAll(EPISODE, episodes, names);
    long[] contraindicated = into.safetyCount(SESSION, ALL, CONTRAINDICATED);
    contraindicated[0] += sessions.size();
    contraindicated[1] += flagged ? sessions.size() : 0;
  }

  /** Adds one unit's counts per slice ({n, k per event}) to the totals, each slice with n > 0. */
  private void addAll(String unit, long[][] bySlice, List<String> names) {
    for (int slice = 0; slice < bySlice.length; slice++) {
      long[] c = bySlice[slice];
      if (c[0] > 0) {
        long[][] counts = counts(unit, names.get(slice));
        for (int i = 0; i < EVENTS.size(); i++) {
          counts[i][0] += c[0];
          counts[i][1] += c[i + 1];
        }
      }
    }
  }

  /** The counts {n, k} of one unit and slice, one per event of {@link #EVENTS} in that order. */
  private long[][] counts(String unit, String slice) {
    return (EPISODE.equals(unit) ? episodeCounts : sessionCounts)
        .computeIfAbsent(
            slice,
            x -> {
              long[][] counts = new long[EVENTS.size()][];
              for (int i = 0; i < counts.length; i++) {
                counts[i] = into.safetyCount(unit, slice, EVENTS.get(i));
              }
              return counts;
            });
  }

  /** Whether a client record flags its sessions (contraindicated, clearance {@code no}). */
  public static boolean flagged(String contraindications, String medicalClearance) {
    return contraindications != null
        && !contraindications.equals("none")
        && "no".equals(medicalClearance);
  }

  /** A recorded session adds to n, and to every event of {@code bits} ({@link #EVENT_BITS}). */
  private static void count(long[] c, int bits) {
    c[0]++;
    for (int i = 0; i < EVENTS.size(); i++) {
      if ((bits & (1 << i)) != 0) {
        c[i + 1]++;
      }
    }
  }

  /** The numbers of {@code slices} in {@code names}, each new name added to it. */
  private static int[] numbered(List<String> slices, List<String> names) {
    int[] numbers = new int[slices.size()];
    for (int i = 0; i < numbers.length; i++) {
      int at = names.indexOf(slices.get(i));
      if (at < 0) {
        at = names.size();
        names.add(slices.get(i));
      }
      numbers[i] = at;
    }
    return numbers;
  }

  /** The technique, each group that holds it, and {@code all}; a missing technique only all. */
  private static List<String> slices(String technique, Map<String, List<String>> groups) {
    List<String> out = new ArrayList<>();
    if (technique != null) {
      out.add(technique);
      for (Map.Entry<String, List<String>> g : groups.entrySet()) {
        if (g.getValue().contains(technique)) {
          out.add(g.getKey());
        }
      }
    }
    out.add(ALL);
    return out;
  }
}
