package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.validate.ValidationStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * How the local engine splits the pass's input among its threads ({@link ClientPass#partitions}):
 * as Spark's shuffle by client, every row of one client (and, for rows without a client, of one
 * bucket) lands in one partition, and each partition keeps the input's order (by client and
 * bucket), which the walk by client needs.
 */
class LocalPartitionsTest {
  private static final int CLIENT = ValidationStage.INPUT.fieldIndex("client_id");
  private static final int BUCKET = ValidationStage.INPUT.fieldIndex("bucket");
  private static final int LINE = ValidationStage.INPUT.fieldIndex("line");

  private static Row row(String client, Long bucket, long line) {
    Object[] v = new Object[ValidationStage.INPUT.length()];
    v[CLIENT] = client;
    v[BUCKET] = bucket;
    v[LINE] = line;
    return RowFactory.create(v);
  }

  /** 3 rows without a client (two share a bucket), then 3 rows each of 200 clients, sorted. */
  private static List<Row> sortedInput() {
    List<Row> rows = new ArrayList<>();
    long line = 0;
    rows.add(row(null, -7L, line++));
    rows.add(row(null, 5L, line++));
    rows.add(row(null, 5L, line++));
    for (int c = 100; c < 300; c++) {
      for (int i = 0; i < 3; i++) {
        rows.add(row("C" + c, null, line++));
      }
    }
    return rows;
  }

  @Test
  void everyClientInOnePartitionInTheInputsOrder() {
    List<Row> input = sortedInput();
    for (int n : new int[] {1, 2, 3, 8}) {
      List<List<Row>> parts = ClientPass.partitions(input, n);
      assertEquals(n, parts.size());
      Map<Object, Integer> partOf = new HashMap<>();
      int rows = 0;
      for (int p = 0; p < n; p++) {
        long previous = -1;
        for (Row r : parts.get(p)) {
          long line = r.getLong(LINE);
          assertTrue(line > previous, "partition " + p + " of " + n + " keeps the input's order");
          previous = line;
          Object key = r.isNullAt(CLIENT) ? "bucket " + r.get(BUCKET) : r.get(CLIENT);
          Integer before = partOf.put(key, p);
          assertTrue(before == null || before == p, key + " is split among partitions of " + n);
          rows++;
        }
      }
      assertEquals(input.size(), rows, "every row in some partition, once");
      for (List<Row> part : parts) {
        assertFalse(n <= 3 && part.isEmpty(), "200 clients leave no partition of " + n + " empty");
      }
    }
  }

  @Test
  void noRowsGiveEmptyPartitions() {
    assertEquals(List.of(List.of(), List.of()), ClientPass.partitions(List.of(), 2));
  }
}
