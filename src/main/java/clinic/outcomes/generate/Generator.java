package clinic.outcomes.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a synthetic, anonymized clinic dataset ({@code sessions.csv}, {@code pain_scores.csv},
 * {@code clients.csv}) that follows the SPEC's data contract and has the known true effects of
 * {@link TrueEffects}.
 *
 * <p>Streaming: clients are generated one at a time, each from its own random stream (derived from
 * the master seed and the client's index), and written through buffers, so memory does not grow
 * with the number of clients. Session ids are numbered in writing order.
 */
public final class Generator {

  private Generator() {}

  /**
   * Generates the dataset into {@code outDir} (created if needed; the three files are overwritten).
   *
   * @return what was written, with the expected outcome of every appended bad row
   * @throws IOException when a file cannot be written
   */
  public static Summary generate(GeneratorSettings settings, Path outDir) throws IOException {
    int startDay = Math.toIntExact(settings.start().toEpochDay());
    int endDay = Math.toIntExact(settings.end().toEpochDay());
    ScoreRounder rounder = new ScoreRounder();
    long episodes = 0;
    try (CsvSink out = new CsvSink(outDir, settings.start(), settings.end())) {
      ClientGenerator clients =
          new ClientGenerator(settings.seed(), out, rounder, startDay, endDay);
      for (long index = 0; index < settings.clients(); index++) {
        episodes += clients.write(index);
      }
      long sessions = out.rows(CsvSink.SESSIONS);
      long scores = out.rows(CsvSink.SCORES);
      List<BadRow> bad = settings.badRows() ? new BadRows(out, startDay).append() : List.of();
      Map<String, Long> rows =
          Map.of(
              CsvSink.SESSIONS, out.rows(CsvSink.SESSIONS),
              CsvSink.SCORES, out.rows(CsvSink.SCORES),
              CsvSink.CLIENTS, out.rows(CsvSink.CLIENTS));
      return new Summary(
          settings.clients(), episodes, sessions, scores, bad.size(), rounder.clamped(), rows, bad);
    }
  }
}
