package clinic.outcomes.validate;

import clinic.outcomes.core.Moment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The stateful rules of the data contract for one client's staged records, in plain Java (no
 * Spark): the client pass hands each client's sessions, scores and client records here before it
 * derives anything from the accepted ones. Every rule but one is keyed within one client:
 *
 * <ol>
 *   <li>exact duplicates (same file, same fingerprint; identical records share their client): the
 *       first copy by line is kept, the others are {@code duplicate};
 *   <li>{@code unknown_session}: a score's {@code session_id} names no accepted session of this
 *       client; {@code date_mismatch}: a before/after score dated other than its session;
 *   <li>{@code conflicting_duplicate}: among rows passing every rule, more than one distinct
 *       fingerprint for one key: a client record's {@code client_id}; a before/after score's
 *       session, moment and measure (a passing one belongs to its session's client); any other
 *       score's client, moment, measure and date; a session's {@code session_id}.
 * </ol>
 *
 * The one key that crosses clients is the session's {@code session_id} (two clients' sessions may
 * share one): the caller marks the sessions whose id has more than one distinct passing fingerprint
 * in the whole file ({@link Entry#conflicting}, from the lean check {@link
 * ValidationStage#conflictingSessions}); the same conflict inside this client is found here too.
 *
 * <p>Each record ends in exactly one of accepted, rejected, duplicate. The reasons of a rejected
 * record are its row-rule reasons, the cross-file ones and {@code conflicting_duplicate}, sorted,
 * distinct and {@code |}-joined; an accepted record has none.
 */
public final class ClientJudge {
  /** Record kinds (the input files). */
  public static final int CLIENT = 0;

  public static final int SESSION = 1;
  public static final int SCORE = 2;

  /** The statuses. */
  public static final String ACCEPTED = "accepted";

  public static final String REJECTED = "rejected";
  public static final String DUPLICATE = "duplicate";

  private ClientJudge() {}

  /**
   * One staged record, with only the fields the rules read.
   *
   * @param kind {@link #CLIENT}, {@link #SESSION} or {@link #SCORE}
   * @param line the physical line in its file
   * @param rowReasons the row rules' reasons, {@code |}-joined, empty when the row passes them
   * @param fp64 the record's fingerprint, hashed to 64 bits
   * @param fp32 the record's fingerprint, hashed independently to 32 bits
   * @param clientId the client (null when missing)
   * @param sessionId the session (a session's id; a score's session, null for intake etc.)
   * @param date a session's date or a score's {@code recorded_on}
   * @param moment a score's moment
   * @param measure a score's measure
   * @param conflicting a session whose {@code session_id} has more than one distinct passing
   *     fingerprint in the whole sessions file
   */
  public record Entry(
      int kind,
      long line,
      String rowReasons,
      long fp64,
      int fp32,
      String clientId,
      String sessionId,
      LocalDate date,
      String moment,
      String measure,
      boolean conflicting) {}

  /** The outcome for one record: a status and, unless accepted, the reasons. */
  public record Verdict(String status, String reasons) {
    public boolean accepted() {
      return ACCEPTED.equals(status);
    }
  }

  /** Judges one client's records; the verdicts are in the order of {@code entries}. */
  public static Verdict[] judge(List<Entry> entries) {
    int n = entries.size();
    boolean[] duplicate = duplicates(entries);
    List<List<String>> extras = new ArrayList<>(n);
    boolean[] passing = new boolean[n];
    boolean[] conflicting = new boolean[n];
    for (int i = 0; i < n; i++) {
      extras.add(List.of());
    }
    // Sessions first: the scores are judged against this client's accepted ones.
    judgeKind(entries, SESSION, duplicate, extras, passing, conflicting);
    Map<String, LocalDate> accepted = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (e.kind() == SESSION && passing[i] && !conflicting[i]) {
        accepted.put(e.sessionId(), e.date());
      }
    }
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (e.kind() == SCORE) {
        extras.set(i, scoreExtras(e, accepted));
      }
    }
    judgeKind(entries, SCORE, duplicate, extras, passing, conflicting);
    judgeKind(entries, CLIENT, duplicate, extras, passing, conflicting);

    Verdict[] out = new Verdict[n];
    for (int i = 0; i < n; i++) {
      if (duplicate[i]) {
        out[i] = new Verdict(DUPLICATE, reasons(entries.get(i), extras.get(i), conflicting[i]));
      } else if (passing[i] && !conflicting[i]) {
        out[i] = new Verdict(ACCEPTED, "");
      } else {
        out[i] = new Verdict(REJECTED, reasons(entries.get(i), extras.get(i), conflicting[i]));
      }
    }
    return out;
  }

  /** The latest date of an accepted session or score, or null when none is accepted. */
  public static LocalDate latestAccepted(List<Entry> entries, Verdict[] verdicts) {
    LocalDate latest = null;
    for (int i = 0; i < verdicts.length; i++) {
      Entry e = entries.get(i);
      if (verdicts[i].accepted()
          && e.kind() != CLIENT
          && e.date() != null
          && (latest == null || e.date().isAfter(latest))) {
        latest = e.date();
      }
    }
    return latest;
  }

  /** Every copy of a (kind, fingerprint) after its first by line. */
  private static boolean[] duplicates(List<Entry> entries) {
    // Copies are rare: when no two records share their 64-bit hash, none is a copy, which a sort of
    // the bare hashes shows without the comparator below (boxed indices, four keys).
    long[] hashes = new long[entries.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = entries.get(i).fp64();
    }
    Arrays.sort(hashes);
    boolean shared = false;
    for (int i = 1; i < hashes.length && !shared; i++) {
      shared = hashes[i] == hashes[i - 1];
    }
    if (!shared) {
      return new boolean[hashes.length];
    }
    Integer[] order = new Integer[entries.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(i -> entries.get(i).kind())
            .thenComparingLong(i -> entries.get(i).fp64())
            .thenComparingInt(i -> entries.get(i).fp32())
            .thenComparingLong(i -> entries.get(i).line()));
    boolean[] duplicate = new boolean[order.length];
    for (int k = 1; k < order.length; k++) {
      Entry a = entries.get(order[k - 1]);
      Entry b = entries.get(order[k]);
      duplicate[order[k]] = a.kind() == b.kind() && a.fp64() == b.fp64() && a.fp32() == b.fp32();
    }
    return duplicate;
  }

  /**
   * Marks the passing records of one kind and, among them, the conflicting ones: more than one
   * distinct fingerprint for one key (or, for sessions, the whole file's verdict).
   */
  private static void judgeKind(
      List<Entry> entries,
      int kind,
      boolean[] duplicate,
      List<List<String>> extras,
      boolean[] passing,
      boolean[] conflicting) {
    // Per key, the first passing record's two hashes and whether another passing record's differ
    // (two distinct fingerprints): sets of boxed hashes per key were 4 % of the client pass.
    Map<Object, Prints> prints = new HashMap<>();
    Object[] keys = new Object[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.kind() != kind) {
        continue;
      }
      passing[i] = !duplicate[i] && e.rowReasons().isEmpty() && extras.get(i).isEmpty();
      if (passing[i]) {
        keys[i] = key(e);
        Prints p = prints.get(keys[i]);
        if (p == null) {
          prints.put(keys[i], new Prints(e.fp64(), e.fp32()));
        } else if (p.fp64 != e.fp64() || p.fp32 != e.fp32()) {
          p.differ = true;
        }
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.kind() == kind && passing[i]) {
        conflicting[i] = prints.get(keys[i]).differ || (kind == SESSION && e.conflicting());
      }
    }
  }

  /** The first passing record's hashes under one key, and whether another's differ. */
  private static final class Prints {
    final long fp64;
    final int fp32;
    boolean differ;

    Prints(long fp64, int fp32) {
      this.fp64 = fp64;
      this.fp32 = fp32;
    }
  }

  /** The key within which passing records of one kind must agree. */
  private static Object key(Entry e) {
    return switch (e.kind()) {
      case SESSION -> e.sessionId();
      case CLIENT -> e.clientId();
      default ->
          beforeAfter(e)
              ? Arrays.asList("s", e.sessionId(), e.moment(), e.measure())
              : Arrays.asList("c", e.clientId(), e.moment(), e.measure(), e.date());
    };
  }

  private static boolean beforeAfter(Entry e) {
    return Moment.BEFORE.code().equals(e.moment()) || Moment.AFTER.code().equals(e.moment());
  }

  /** {@code unknown_session} and {@code date_mismatch} against this client's accepted sessions. */
  private static List<String> scoreExtras(Entry e, Map<String, LocalDate> accepted) {
    if (e.sessionId() == null) {
      return List.of();
    }
    if (!accepted.containsKey(e.sessionId())) {
      return List.of("unknown_session");
    }
    LocalDate sessionDate = accepted.get(e.sessionId());
    if (beforeAfter(e) && e.date() != null && !Objects.equals(e.date(), sessionDate)) {
      return List.of("date_mismatch");
    }
    return List.of();
  }

  private static String reasons(Entry e, List<String> extras, boolean conflicting) {
    TreeSet<String> all = new TreeSet<>();
    for (String r : e.rowReasons().split("\\|", -1)) {
      if (!r.isEmpty()) {
        all.add(r);
      }
    }
    all.addAll(extras);
    if (conflicting) {
      all.add("conflicting_duplicate");
    }
    return String.join("|", all);
  }
}
