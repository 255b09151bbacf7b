package clinic.outcomes.stage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local engine's staged records, held in memory instead of written to staging files and read
 * back (its input is 64 MiB at most): per input table, every record's staged values in file order,
 * in the staging layout ({@link StagedFile#stagingSchema}, raw text included). A Spark run holds
 * none.
 */
public final class HeldRows {
  private final Map<String, List<Object[]>> byTable;
  private boolean released;

  HeldRows(Map<String, List<Object[]>> byTable) {
    this.byTable = new HashMap<>(byTable);
  }

  /**
   * Lets the records go once nothing needs them (after the rejects are written): the statistics and
   * reports then run with their memory free for the collector.
   */
  public void release() {
    byTable.clear();
    released = true;
  }

  /** None: the records are in their staging files. */
  static HeldRows none() {
    return new HeldRows(Map.of());
  }

  /**
   * The staged values of {@code file}'s records, in file order.
   *
   * @throws IllegalStateException when they are in the staging files instead
   */
  public List<Object[]> of(StagedFile file) {
    List<Object[]> rows = byTable.get(file.table());
    if (rows == null) {
      throw new IllegalStateException(
          file.fileName() + (released ? "'s records were released" : " was staged to files"));
    }
    return rows;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("HeldRows[");
    byTable.forEach(
        (t, r) -> s.append(s.length() > 9 ? ", " : "").append(t).append('=').append(r.size()));
    return s.append(']').toString();
  }
}
