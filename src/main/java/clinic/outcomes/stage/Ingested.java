package clinic.outcomes.stage;

import java.util.ArrayList;
import java.util.List;

/**
 * The input files after the ingest stage, by table.
 *
 * @param sessions the staged {@code sessions} file
 * @param painScores the staged {@code pain_scores} file
 * @param clients the staged {@code clients} file, or null when the optional file is absent
 * @param held the local engine's records, held in memory instead of read back from the staging
 *     files; none in a Spark run
 * @param reading the Spark engine's reading of the inputs (the rejects' raw text is read again
 *     through it); null for the local engine
 */
public record Ingested(
    StagedFile sessions,
    StagedFile painScores,
    StagedFile clients,
    HeldRows held,
    Reading reading) {

  /** The staged files in table order (sessions, pain scores, then clients if present). */
  public List<StagedFile> all() {
    List<StagedFile> all = new ArrayList<>(List.of(sessions, painScores));
    if (clients != null) {
      all.add(clients);
    }
    return List.copyOf(all);
  }

  /** One line for the progress display: records per file. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    for (StagedFile f : all()) {
      s.append(s.length() == 0 ? "" : ", ").append(f.fileName()).append(": ");
      s.append(f.read()).append(" records");
    }
    return s.toString();
  }
}
