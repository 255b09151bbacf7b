package clinic.outcomes.episodes;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Merges the {@link TotalsEntry} rows of all partitions into one {@link PairTotals}, as a Spark
 * typed aggregation (zero, reduce, merge, finish): each task folds its entries into a partial
 * total, the partials merge, and only the merged totals (groups and distinct values, never rows)
 * reach the driver. Every part is a count or an exact integer sum, so the result does not depend on
 * the order or the partitioning of the entries. A partial total travels between tasks as its typed
 * entries and MCIDs ({@code Encoders.bean}: {@link PairTotals#getEntries}), never as a serialized
 * object.
 */
public final class PairTotalsAggregator extends Aggregator<TotalsEntry, PairTotals, PairTotals> {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, Integer> mcidTenths;

  /**
   * @param mcidTenths the MCID per measure code, in tenths (as in {@link PairTotals})
   */
  public PairTotalsAggregator(Map<String, Integer> mcidTenths) {
    this.mcidTenths = new HashMap<>(mcidTenths);
  }

  @Override
  public PairTotals zero() {
    return new PairTotals(mcidTenths);
  }

  @Override
  public PairTotals reduce(PairTotals totals, TotalsEntry entry) {
    return totals.add(entry);
  }

  @Override
  public PairTotals merge(PairTotals a, PairTotals b) {
    return a.merge(b);
  }

  @Override
  public PairTotals finish(PairTotals totals) {
    return totals;
  }

  @Override
  public Encoder<PairTotals> bufferEncoder() {
    return Encoders.bean(PairTotals.class);
  }

  @Override
  public Encoder<PairTotals> outputEncoder() {
    return Encoders.bean(PairTotals.class);
  }
}
