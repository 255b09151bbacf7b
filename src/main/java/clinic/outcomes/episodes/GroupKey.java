package clinic.outcomes.episodes;

import java.io.Serializable;

/**
 * The key of one row of the stats table: which analysis, which measure, which grouping and which
 * group of it. The client pass totals pairs under it; the statistics, comparisons and claims look
 * rows up by it.
 */
public record GroupKey(String analysis, String measure, String groupBy, String group)
    implements Serializable {}
