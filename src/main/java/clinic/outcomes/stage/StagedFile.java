package clinic.outcomes.stage;

import clinic.outcomes.ingest.InputTable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * One input file after the ingest pass.
 *
 * @param table the table's base name ({@code sessions}, {@code pain_scores}, {@code clients})
 * @param fileName the file's name as the user sees it ({@code sessions.csv})
 * @param source the path read
 * @param sha256 hex SHA-256 digest of the file's bytes (of its part files in name order for a
 *     Parquet folder); for a CSV file read in more than one piece, the SHA-256 of its pieces'
 *     SHA-256 digests, concatenated in file order (see {@code sha256PieceBytes} and
 *     docs/cluster.md)
 * @param sha256PieceBytes 0 when {@code sha256} is the digest of the whole file; else the size of
 *     the pieces (every piece but the last has exactly this many bytes)
 * @param read records read (the header and blank lines are no record)
 * @param latestValidDay the latest session or score date of a record passing every row rule, as an
 *     epoch day, {@link Long#MIN_VALUE} when none: found by the ingest's tasks as they read
 * @param unknownColumns extra columns present in the file and ignored
 * @param staging the Parquet file holding every record with its typed values and row-rule reasons
 * @param sessionIds the folder of the side files of the sessions passing every row rule ({@link
 *     SessionIds}), which the check of session ids reads; null for the other files and in the local
 *     engine, which writes none
 */
public record StagedFile(
    String table,
    String fileName,
    String source,
    String sha256,
    long sha256PieceBytes,
    long read,
    long latestValidDay,
    List<String> unknownColumns,
    String staging,
    String sessionIds) {

  /**
   * The staging files' schema: given to Spark's reader, it spares the job that would infer it from
   * the files' footers.
   */
  public StructType stagingSchema() {
    return StagingColumns.schema(InputTable.ofFileBase(table));
  }
}
