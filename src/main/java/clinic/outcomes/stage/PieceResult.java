package clinic.outcomes.stage;

import clinic.outcomes.ingest.InputFileException;
import java.io.Serializable;
import java.util.List;

/**
 * What one task of the ingest did with its piece of an input file.
 *
 * @param table the input table's ordinal
 * @param piece the piece's index in its file (pieces in file order)
 * @param records records read and staged (up to the failure, if any)
 * @param latestValidDay the latest session date or score date ({@code recorded_on}) of a record
 *     passing every row rule, as an epoch day; {@link Long#MIN_VALUE} when none (and for clients)
 * @param failure null, or the file's problem the piece met first (a whole-file problem: the run
 *     stops; it is data, not a task failure, so that the driver reports the first one in file order
 *     and Spark does not retry it)
 * @param rows the local engine's: the staged values of the piece's records in file order, held in
 *     memory instead of a staging file; null when they were written to one (a Spark task)
 */
record PieceResult(
    int table,
    int piece,
    long records,
    long latestValidDay,
    InputFileException failure,
    List<Object[]> rows)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A piece staged to its file. */
  PieceResult(int table, int piece, long records, long latestValidDay, InputFileException failure) {
    this(table, piece, records, latestValidDay, failure, null);
  }

  /** Its staged values are never printed: they are the whole piece. */
  @Override
  public String toString() {
    return "PieceResult[table="
        + table
        + ", piece="
        + piece
        + ", records="
        + records
        + ", held="
        + (rows != null)
        + "]";
  }
}
