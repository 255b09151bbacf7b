package clinic.outcomes.stage;

import java.util.List;

/**
 * One input file after the ingest pass.
 *
 * @param table the table's base name ({@code sessions}, {@code pain_scores}, {@code clients})
 * @param fileName the file's name as the user sees it ({@code sessions.csv})
 * @param source the path read
 * @param sha256 hex digest of the file's bytes (of its part files in name order for a Parquet
 *     folder)
 * @param read records read (the header and blank lines are no record)
 * @param unknownColumns extra columns present in the file and ignored
 * @param staging the Parquet file holding every record with its typed values and row-rule reasons
 */
public record StagedFile(
    String table,
    String fileName,
    String source,
    String sha256,
    long read,
    List<String> unknownColumns,
    String staging) {}
