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

  private SafetyCounts() {}

  /** One session as the safety table sees it; {@code adverseEvent} null when not recorded. */
  public record Session(String episodeId, String technique, String adverseEvent) {}

  /**
   * Adds one client's sessions.
   *
   * @param flagged the client has a contraindication other than {@code none} and {@code
   *     medical_clearance = no}
   * @param groups the technique groups (group name to member techniques)
   */
  public static void client(
      List<Session> sessions, boolean flagged, Map<String, List<String>> groups, PairTotals into) {
    // per slice: recorded sessions and sessions per event; per (slice, episode) the same
    Map<String, long[]> bySlice = new LinkedHashMap<>();
    Map<List<String>, long[]> byEpisode = new LinkedHashMap<>();
    for (Session s : sessions) {
      for (String slice : slices(s.technique(), groups)) {
        long[] c = bySlice.computeIfAbsent(slice, x -> new long[EVENTS.size() + 1]);
        long[] e =
            byEpisode.computeIfAbsent(
                List.of(slice, String.valueOf(s.episodeId())), x -> new long[EVENTS.size() + 1]);
        count(c, s.adverseEvent());
        count(e, s.adverseEvent());
      }
    }
    bySlice.forEach(
        (slice, c) -> {
          if (c[0] > 0) {
            for (int i = 0; i < EVENTS.size(); i++) {
              into.safety(SESSION, slice, EVENTS.get(i), c[0], c[i + 1]);
            }
          }
        });
    Map<String, long[]> episodes = new HashMap<>();
    byEpisode.forEach(
        (key, c) -> {
          if (c[0] > 0) {
            long[] e = episodes.computeIfAbsent(key.get(0), x -> new long[EVENTS.size() + 1]);
            e[0]++;
            for (int i = 0; i < EVENTS.size(); i++) {
              e[i + 1] += c[i + 1] > 0 ? 1 : 0;
            }
          }
        });
    episodes.forEach(
        (slice, e) -> {
          for (int i = 0; i < EVENTS.size(); i++) {
            into.safety(EPISODE, slice, EVENTS.get(i), e[0], e[i + 1]);
          }
        });
    if (!sessions.isEmpty()) {
      into.safety(SESSION, ALL, CONTRAINDICATED, sessions.size(), flagged ? sessions.size() : 0);
    }
  }

  /** Whether a client record flags its sessions (contraindicated, clearance {@code no}). */
  public static boolean flagged(String contraindications, String medicalClearance) {
    return contraindications != null
        && !contraindications.equals("none")
        && "no".equals(medicalClearance);
  }

  /** A recorded session adds to n, and to every event it is (and {@code any} unless none). */
  private static void count(long[] c, String event) {
    if (event == null) {
      return;
    }
    c[0]++;
    for (int i = 0; i < EVENTS.size(); i++) {
      String e = EVENTS.get(i);
      if ("any".equals(e) ? !event.equals(AdverseEvent.NONE.code()) : event.equals(e)) {
        c[i + 1]++;
      }
    }
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
