package clinic.outcomes.episodes;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Measure;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code monthly} table's figures as additive counts per calendar month ({@code yyyy-MM}),
 * counted by the client pass from the rows it writes, and merged on the driver: no scan of the
 * written tables. Every figure is a count or an exact integer sum (tenths), so the result does not
 * depend on how clients were split into partitions. Distinct clients add up too: the pass sees each
 * client whole, in one task, and counts it once in each month it had a session.
 *
 * <p>The figures (SPEC {@code monthly}), each by month:
 *
 * <ul>
 *   <li>sessions; clients with a session;
 *   <li>session relief on {@code nrs_pain}: the sum and number of (before − after) in tenths, over
 *       the sessions with both;
 *   <li>adverse events: sessions with an event other than {@code none}, and sessions that record
 *       one;
 *   <li>episodes started (by the month of their start date) and closed (by the month of their last
 *       session, the episode's {@code month});
 *   <li>course improvement on {@code nrs_pain}, complete courses only, by the month of the episode:
 *       the number of such courses, the sum and number of their improvements (tenths), and the MCID
 *       responders among them.
 * </ul>
 */
public final class MonthlyCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The counts of one month. */
  public static final class Month implements Serializable {
    private static final long serialVersionUID = 1L;
    public long sessions;
    public long clients;
    public long reliefSumTenths;
    public long reliefN;
    public long adverseEvents;
    public long adverseRecorded;
    public long newEpisodes;
    public long closedEpisodes;
    public long courses;
    public long courseSumTenths;
    public long courseN;
    public long respondersMcid;

    void add(Month o) {
      sessions += o.sessions;
      clients += o.clients;
      reliefSumTenths += o.reliefSumTenths;
      reliefN += o.reliefN;
      adverseEvents += o.adverseEvents;
      adverseRecorded += o.adverseRecorded;
      newEpisodes += o.newEpisodes;
      closedEpisodes += o.closedEpisodes;
      courses += o.courses;
      courseSumTenths += o.courseSumTenths;
      courseN += o.courseN;
      respondersMcid += o.respondersMcid;
    }
  }

  private final TreeMap<String, Month> months = new TreeMap<>();
  private long clients;

  private Month month(String m) {
    return months.computeIfAbsent(m, x -> new Month());
  }

  /**
   * One session of the sessions table.
   *
   * @param beforeTenths its {@code nrs_pain} before the massage, tenths, or null
   * @param afterTenths its {@code nrs_pain} after, tenths, or null
   * @param adverseEvent the event recorded ({@code none} for none), or null when not recorded
   */
  public void session(
      String month, Integer beforeTenths, Integer afterTenths, String adverseEvent) {
    Month m = month(month);
    m.sessions++;
    if (beforeTenths != null && afterTenths != null) {
      m.reliefSumTenths += beforeTenths - afterTenths;
      m.reliefN++;
    }
    if (adverseEvent != null) {
      m.adverseRecorded++;
      if (!adverseEvent.equals(AdverseEvent.NONE.code())) {
        m.adverseEvents++;
      }
    }
  }

  /** One client, with the months of its sessions (each counted once); none: not counted. */
  public void client(Collection<String> sessionMonths) {
    if (sessionMonths.isEmpty()) {
      return;
    }
    clients++;
    sessionMonths.stream().distinct().forEach(m -> month(m).clients++);
  }

  /**
   * One episode of the episodes table.
   *
   * @param month the month of its last session (the table's {@code month})
   */
  public void episode(LocalDate startDate, boolean closed, String month) {
    month(YearMonth.from(startDate).toString()).newEpisodes++;
    if (closed) {
      month(month).closedEpisodes++;
    }
  }

  /**
   * One complete course on {@code nrs_pain}, counted in the month of its episode.
   *
   * @param improvementTenths its improvement, tenths, or null
   * @param responderMcid whether it reached the MCID (null counts as no)
   */
  public void course(String episodeMonth, Integer improvementTenths, Boolean responderMcid) {
    Month m = month(episodeMonth);
    m.courses++;
    if (improvementTenths != null) {
      m.courseSumTenths += improvementTenths;
      m.courseN++;
    }
    if (Boolean.TRUE.equals(responderMcid)) {
      m.respondersMcid++;
    }
  }

  /** One client's derived sessions, episodes and outcomes, as the pass writes them. */
  public void add(ClientHistory.Result client) {
    List<String> seen = new ArrayList<>();
    for (ClientHistory.NumberedVisit v : client.visits()) {
      session(v.month(), v.nrsBeforeTenths(), v.nrsAfterTenths(), v.visit().adverseEvent());
      seen.add(v.month());
    }
    client(seen);
    Map<String, String> episodeMonth = new HashMap<>();
    for (ClientHistory.Episode e : client.episodes()) {
      episode(e.startDate(), e.closed(), e.month());
      episodeMonth.put(e.episodeId(), e.month());
    }
    for (ClientHistory.Outcome o : client.outcomes()) {
      if (o.complete() && Measure.NRS_PAIN.code().equals(o.measure())) {
        course(episodeMonth.get(o.episodeId()), o.improvementTenths(), o.responderMcid());
      }
    }
  }

  /** Adds another partition's counts into these. */
  public MonthlyCounts merge(MonthlyCounts o) {
    o.months.forEach((k, m) -> month(k).add(m));
    clients += o.clients;
    return this;
  }

  /** The months with any activity, in calendar order. */
  public Map<String, Month> months() {
    return months;
  }

  /** The clients with a session in any month. */
  public long clients() {
    return clients;
  }
}
