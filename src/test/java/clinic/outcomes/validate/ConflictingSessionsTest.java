package clinic.outcomes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The lean global check on hand-made staged sessions: an id is conflicting iff its rows passing the
 * row rules carry more than one distinct (fp64, fp32) pair, whichever hash tells them apart; Spark
 * adds it up with a hash aggregation, not by sorting every session.
 */
class ConflictingSessionsTest {
  private static final StructType STAGED =
      StructType.fromDDL("session_id string, row_reasons string, fp64 long, fp32 int");

  private static Dataset<Row> staged(Object[]... rows) {
    SparkSession spark = SharedSpark.get();
    return spark.createDataFrame(
        java.util.Arrays.stream(rows).map(RowFactory::create).toList(), STAGED);
  }

  @Test
  void anIdIsConflictingWhenEitherHashTellsItsRowsApart() {
    Dataset<Row> s =
        staged(
            new Object[] {"S1", "", 10L, 1}, // one row
            new Object[] {"S2", "", 10L, 1}, // two identical rows
            new Object[] {"S2", "", 10L, 1},
            new Object[] {"S3", "", 10L, 1}, // the 64-bit hashes differ
            new Object[] {"S3", "", 11L, 1},
            new Object[] {"S4", "", 10L, 1}, // only the 32-bit hashes differ
            new Object[] {"S4", "", 10L, 2},
            new Object[] {"S5", "", 10L, 2}, // both differ, crosswise
            new Object[] {"S5", "", 11L, 1},
            new Object[] {"S6", "", 10L, 1}, // the other row fails a row rule: not counted
            new Object[] {"S6", "bad_date", 99L, 9},
            new Object[] {"S7", "bad_date", 10L, 1}, // only failing rows
            new Object[] {"S7", "bad_date", 11L, 2});
    List<String> ids =
        ValidationStage.conflictingSessions(s).orderBy("session_id").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertEquals(List.of("S3", "S4", "S5"), ids);
  }

  @Test
  void sparkAddsItUpWithAHashAggregation() {
    String plan =
        ValidationStage.conflictingSessions(staged(new Object[] {"S1", "", 1L, 1}))
            .queryExecution()
            .executedPlan()
            .toString();
    assertTrue(plan.contains("HashAggregate"), plan);
    assertFalse(plan.contains("SortAggregate"), plan);
    assertFalse(plan.contains("ObjectHashAggregate"), plan);
  }
}
