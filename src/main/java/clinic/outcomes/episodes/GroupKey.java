package clinic.outcomes.episodes;

import java.io.Serializable;
import java.util.Objects;

/**
 * The key of one row of the stats table: which analysis, which measure, which grouping and which
 * group of it. The client pass totals pairs under it; the statistics, comparisons and claims look
 * rows up by it.
 *
 * <p>{@link #equals} and {@link #hashCode} are written out, with the values a record's generated
 * ones give: the generated ones go through method handles, which the quick compiler (the launcher's
 * below 64 MiB of input) does not inline, and in a flight recording of the local engine at 100,000
 * sessions the lookups of this key were a fifth of the client pass's samples.
 */
public record GroupKey(String analysis, String measure, String groupBy, String group)
    implements Serializable, PairSink.Cell {

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof GroupKey k
            && Objects.equals(analysis, k.analysis)
            && Objects.equals(measure, k.measure)
            && Objects.equals(groupBy, k.groupBy)
            && Objects.equals(group, k.group);
  }

  /** As a record's: {@code 31 * (31 * (31 * h(analysis) + h(measure)) + h(groupBy)) + h(group)}. */
  @Override
  public int hashCode() {
    int h = Objects.hashCode(analysis);
    h = 31 * h + Objects.hashCode(measure);
    h = 31 * h + Objects.hashCode(groupBy);
    return 31 * h + Objects.hashCode(group);
  }
}
