package clinic.outcomes.episodes;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.spark.SerializableConf;
import clinic.outcomes.validate.ClientJudge;
import clinic.outcomes.validate.ClientJudge.Entry;
import clinic.outcomes.validate.ClientJudge.Verdict;
import clinic.outcomes.validate.Conflicts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Walks one partition of the pass's input ({@code ValidationStage.INPUT}) sorted by client, judges
 * each client's records ({@link ClientJudge}), hands the accepted ones to {@link ClientHistory},
 * and writes every resulting row straight into its table's Parquet file ({@link PassWriters}, one
 * file per table, each with its own schema): the rejects (file kind, line, reasons), the accepted
 * scores and client records, and the derived sessions, episodes and outcomes. Yields one {@link
 * PassPart}: the files, the counts per file and status, the latest accepted date and the
 * partition's {@link PairTotals}, {@link MonthlyCounts} and {@link CourseCells}.
 */
final class DerivePartition implements FlatMapFunction<Iterator<Row>, PassPart> {
  private static final long serialVersionUID = 1L;
  private final Settings settings;
  private final SerializableConf conf;
  private final String attempts;
  private final Conflicts conflicts;

  /**
   * @param settings the settings, the as-of date resolved
   * @param attempts the folder under which each task attempt writes into its own folder
   * @param conflicts the session ids the check of ids found conflicting, flagged on the sessions as
   *     they are read (with the input's own {@code conflicting})
   */
  DerivePartition(Settings settings, SerializableConf conf, String attempts, Conflicts conflicts) {
    this.settings = settings;
    this.conf = conf;
    this.attempts = attempts;
    this.conflicts = conflicts;
  }

  @Override
  public Iterator<PassPart> call(Iterator<Row> input) {
    TaskContext task = TaskContext.get();
    return call(
        input, task == null ? 0 : task.partitionId(), task == null ? 0 : task.taskAttemptId());
  }

  /**
   * Walks {@code input} as partition {@code partition}, its files under the folder of {@code
   * attempt} (the local engine calls it once per partition, on threads of its own).
   */
  Iterator<PassPart> call(Iterator<Row> input, int partition, long attempt) {
    PairTotals totals = new PairTotals(settings.mcidTenths());
    Walk walk;
    List<PassPart.PassFile> files;
    try (PassWriters out =
        new PassWriters(conf.get(), new Path(attempts, "attempt-" + attempt), partition)) {
      walk =
          new Walk(
              new ClientHistory(settings),
              totals,
              new Tables(out, settings),
              settings.techniqueGroups(),
              conflicts);
      PassInput in = walk.in;
      Iterator<List<Row>> groups = in.groups(input);
      while (groups.hasNext()) {
        walk.client(groups.next());
      }
      files = out.finish();
    }
    return List.of(
            new PassPart(
                files,
                totals.getEntries(),
                walk.monthly,
                walk.tables.cells,
                walk.counts,
                walk.latest))
        .iterator();
  }

  /** Where each kind of row goes: its table's file, with that table's columns. */
  private static final class Tables {
    private final PassWriters out;
    private final DerivedRows rows;
    private final DerivedTable.Publisher sessions = DerivedTable.SESSIONS.publisher();
    private final DerivedTable.Publisher episodes = DerivedTable.EPISODES.publisher();
    private final DerivedTable.Publisher outcomeRows;
    private final StructType sessionsSchema = DerivedTable.SESSIONS.publishedSchema();
    private final StructType episodesSchema = DerivedTable.EPISODES.publishedSchema();

    private final StructType outcomesSchema;

    /** The complete course pairs, added up for the regressions (no table of them is written). */
    final CourseCells cells = new CourseCells();

    Tables(PassWriters out, Settings settings) {
      DerivedTable outcomes = DerivedTable.outcomes(settings);
      this.out = out;
      this.rows = new DerivedRows(outcomes);
      this.outcomeRows = outcomes.publisher();
      this.outcomesSchema = outcomes.publishedSchema();
    }

    void derived(String clientId, ClientHistory.Result res) {
      for (NumberedVisit v : res.visits()) {
        out.write(ClientPass.SESSIONS, sessionsSchema, sessions.publish(rows.session(clientId, v)));
      }
      Map<String, Episode> byId = new HashMap<>();
      for (Episode e : res.episodes()) {
        out.write(ClientPass.EPISODES, episodesSchema, episodes.publish(rows.episode(clientId, e)));
        byId.put(e.episodeId(), e);
      }
      for (Outcome x : res.outcomes()) {
        out.write(ClientPass.OUTCOMES, outcomesSchema, outcomeRows.publish(rows.outcome(x)));
        if (x.complete()) {
          Episode e = byId.get(x.episodeId());
          cells.add(
              x.measure(),
              e.primaryTechnique(),
              e.primaryTherapist(),
              e.adherence(),
              e.hasClient(),
              e.ageBand(),
              e.sex(),
              e.condition(),
              e.chronicity(),
              x.baselineTenths(),
              x.improvementTenths(),
              e.nSessions());
        }
      }
    }

    void painScore(PassInput in, Row r) {
      out.write(ClientPass.PAIN_SCORES, DerivedTable.PAIN_SCORES, rows.painScore(in, r));
    }

    void client(PassInput in, Row r) {
      out.write(ClientPass.CLIENTS, DerivedTable.CLIENTS, rows.client(in, r));
    }

    void reject(int kind, long line, String reasons) {
      out.write(ClientPass.REJECTED, DerivedTable.REJECTED, rows.reject(kind, line, reasons));
    }
  }

  private static final class Walk {
    final PassInput in;
    private final ClientHistory history;
    private final PairTotals totals;
    final Tables tables;
    private final SafetyCounts safety;

    /** The monthly table's counts, from the derived rows. */
    final MonthlyCounts monthly = new MonthlyCounts();

    /** Per kind ({@link ClientJudge#CLIENT} etc.): accepted, rejected, duplicate. */
    final long[][] counts = new long[3][3];

    /** The latest accepted session or score date, as an epoch day; MIN_VALUE while none. */
    long latest = Long.MIN_VALUE;

    Walk(
        ClientHistory history,
        PairTotals totals,
        Tables tables,
        Map<String, List<String>> groups,
        Conflicts conflicts) {
      this.in = new PassInput(conflicts);
      this.history = history;
      this.totals = totals;
      this.tables = tables;
      this.safety = new SafetyCounts(groups, totals);
    }

    /** Judges the records of one client, writes its rejects and accepted rows, and derives. */
    void client(List<Row> group) {
      List<Entry> entries = in.entries(group);
      Verdict[] verdicts = ClientJudge.judge(entries);
      LocalDate last = ClientJudge.latestAccepted(entries, verdicts);
      if (last != null) {
        latest = Math.max(latest, last.toEpochDay());
      }
      String clientId = group.get(0).getString(in.clientId);
      List<Visit> visits = new ArrayList<>();
      List<Score> scores = new ArrayList<>();
      Client client = null;
      Row clientRow = null;
      for (int i = 0; i < verdicts.length; i++) {
        Row r = group.get(i);
        int kind = r.getInt(in.kind);
        Verdict v = verdicts[i];
        if (v.accepted()) {
          counts[kind][0]++;
          switch (kind) {
            case ClientJudge.SESSION -> visits.add(in.visit(r));
            case ClientJudge.SCORE -> {
              scores.add(in.score(r));
              tables.painScore(in, r);
            }
            default -> {
              client = in.client(r);
              clientRow = r;
              tables.client(in, r);
            }
          }
        } else if (ClientJudge.DUPLICATE.equals(v.status())) {
          counts[kind][2]++;
        } else {
          counts[kind][1]++;
          tables.reject(kind, r.getLong(in.line), v.reasons());
        }
      }
      if (!visits.isEmpty() && clientId != null) {
        ClientHistory.Result res = history.derive(clientId, visits, scores, client, totals);
        tables.derived(clientId, res);
        monthly.add(res);
        // the safety table's counts, from the same sessions (no scan of the written table)
        List<SafetyCounts.Session> sessions = new ArrayList<>(res.visits().size());
        for (NumberedVisit v : res.visits()) {
          sessions.add(
              new SafetyCounts.Session(
                  v.episodeId(), v.visit().technique(), v.visit().adverseEvent()));
        }
        boolean flagged =
            clientRow != null
                && SafetyCounts.flagged(
                    clientRow.getString(in.contraindications), clientRow.getString(in.clearance));
        safety.client(sessions, flagged);
      }
    }
  }
}
