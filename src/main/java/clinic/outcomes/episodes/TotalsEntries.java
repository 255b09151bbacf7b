package clinic.outcomes.episodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PairTotals} as additive typed entries ({@link TotalsEntry}) and back: how a task of the
 * client pass hands its totals to the driver (in its {@link PassPart}), where they are added up.
 */
final class TotalsEntries {
  private TotalsEntries() {}

  static List<TotalsEntry> of(PairTotals t) {
    List<TotalsEntry> out = new ArrayList<>();
    t.groups()
        .forEach(
            (k, g) -> {
              TotalsEntry e = new TotalsEntry(TotalsEntry.GROUP, k);
              e.setN(g.n);
              e.setIncomplete(g.nIncomplete);
              e.setOpen(g.nOpen);
              e.setSessions(g.nSessions);
              e.setMcidCount(g.mcidCount);
              e.setR30n(g.r30n);
              e.setR30count(g.r30count);
              e.setR50count(g.r50count);
              out.add(e);
              g.byK()
                  .forEach(
                      (sessions, a) -> {
                        TotalsEntry s = new TotalsEntry(TotalsEntry.SUMS, k);
                        s.setAt(sessions);
                        s.setCount(a[0]);
                        s.setEarlierSum(a[1]);
                        s.setLaterSum(a[2]);
                        out.add(s);
                      });
              g.histogram.forEach((v, c) -> out.add(valued(TotalsEntry.DIFFERENCE, k, v, c)));
            });
    t.slopes()
        .forEach(
            (k, h) -> {
              GroupKey key = new GroupKey(k.model(), k.measure(), null, null);
              h.forEach((v, c) -> out.add(valued(TotalsEntry.SLOPE, key, v, c)));
            });
    t.survival()
        .forEach(
            (k, times) ->
                times.forEach(
                    (sessions, c) -> {
                      TotalsEntry e = new TotalsEntry(TotalsEntry.SURVIVAL, k);
                      e.setAt(sessions);
                      e.setEvents(c[0]);
                      e.setCensored(c[1]);
                      out.add(e);
                    }));
    countEntries(TotalsEntry.HARM, t.harm(), out);
    countEntries(TotalsEntry.SAFETY, t.safety(), out);
    return out;
  }

  private static TotalsEntry valued(String part, GroupKey key, double value, long count) {
    TotalsEntry e = new TotalsEntry(part, key);
    e.setValue(value);
    e.setCount(count);
    return e;
  }

  /** Each key of a map of pairs as an entry of {@code part}: count and events. */
  private static void countEntries(
      String part, Map<GroupKey, long[]> pairs, List<TotalsEntry> out) {
    pairs.forEach(
        (k, c) -> {
          TotalsEntry e = new TotalsEntry(part, k);
          e.setCount(c[0]);
          e.setEvents(c[1]);
          out.add(e);
        });
  }

  /** Adds one entry (of any partition) into {@code t}. */
  static void add(PairTotals t, TotalsEntry e) {
    GroupKey k = e.key();
    switch (e.getPart()) {
      case TotalsEntry.GROUP -> {
        PairTotals.Group g = t.groups().computeIfAbsent(k, x -> new PairTotals.Group());
        g.n += e.getN();
        g.nIncomplete += e.getIncomplete();
        g.nOpen += e.getOpen();
        g.nSessions += e.getSessions();
        g.mcidCount += e.getMcidCount();
        g.r30n += e.getR30n();
        g.r30count += e.getR30count();
        g.r50count += e.getR50count();
      }
      case TotalsEntry.SUMS ->
          t.groups()
              .computeIfAbsent(k, x -> new PairTotals.Group())
              .addK(e.getAt(), e.getCount(), e.getEarlierSum(), e.getLaterSum());
      case TotalsEntry.DIFFERENCE ->
          t.groups()
              .computeIfAbsent(k, x -> new PairTotals.Group())
              .histogram
              .add(e.getValue(), e.getCount());
      case TotalsEntry.SLOPE ->
          t.slopes()
              .computeIfAbsent(
                  new PairTotals.SlopeKey(k.analysis(), k.measure()), x -> new HashMap<>())
              .merge(e.getValue(), e.getCount(), Long::sum);
      case TotalsEntry.SURVIVAL -> {
        long[] a =
            t.survival()
                .computeIfAbsent(k, x -> new TreeMap<>())
                .computeIfAbsent(e.getAt(), x -> new long[2]);
        a[0] += e.getEvents();
        a[1] += e.getCensored();
      }
      case TotalsEntry.HARM -> PairTotals.addPair(t.harm(), k, e.getCount(), e.getEvents());
      case TotalsEntry.SAFETY -> PairTotals.addPair(t.safety(), k, e.getCount(), e.getEvents());
      default -> throw new IllegalArgumentException("unknown totals part " + e.getPart());
    }
  }
}
