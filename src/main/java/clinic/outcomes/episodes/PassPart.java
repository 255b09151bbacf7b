package clinic.outcomes.episodes;

import java.io.Serializable;
import java.util.List;

/**
 * What one task of the client pass hands back to the driver: the files it wrote (one per table it
 * had rows for), its partition's {@link PairTotals} as additive entries, its {@link MonthlyCounts}
 * and {@link CourseCells}, its counts per input file and status, and its latest accepted date. Only
 * the results of successful task attempts reach the driver, so these files are the ones to commit;
 * a failed or retried attempt's files are left in its own folder and deleted with the staging.
 *
 * @param counts per input kind ({@code ClientJudge.CLIENT} etc.): accepted, rejected, duplicate
 * @param latestAccepted the latest accepted session or score date as an epoch day, {@link
 *     Long#MIN_VALUE} when none
 */
record PassPart(
    List<PassPart.PassFile> files,
    List<TotalsEntry> totals,
    MonthlyCounts monthly,
    CourseCells cells,
    long[][] counts,
    long latestAccepted)
    implements Serializable {

  /** One Parquet file a task wrote: its table, where it is, which partition and how many rows. */
  record PassFile(String table, String path, int partition, long rows) implements Serializable {}
}
