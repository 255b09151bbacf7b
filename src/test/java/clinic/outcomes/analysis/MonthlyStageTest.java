package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.SharedSpark;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MonthlyStage#run} on hand-counted months, and the distinct clients of all months from the
 * same query: C1 is seen in January and April, C2 in January, C3 in February, so 3 clients in all
 * (not 2 + 1 + 1 = 4, the sum of the months'). March has no activity, so no row.
 *
 * <p>January: sessions 6→4 (none), 5→5 (soreness), 4→3 (not recorded): relief (2 + 0 + 1) / 3 = 1
 * point, adverse events 1 of 2 recorded; E1 and E2 start, E2 ends incomplete. February: 7→5, E3
 * starts and closes with a complete course improvement of 2.0 points, not a responder. April: 3→2
 * (bruising), E1 closes with 3.0 points, a responder.
 */
class MonthlyStageTest {
  private final SparkSession spark = SharedSpark.get();
  private String shufflePartitions;

  private static final StructType SESSIONS =
      StructType.fromDDL(
          "month string, client_id string, nrs_before double, nrs_after double,"
              + " adverse_event string");
  private static final StructType EPISODES =
      StructType.fromDDL("episode_id string, start_date date, closed boolean, month string");
  private static final StructType OUTCOMES =
      StructType.fromDDL(
          "episode_id string, measure string, complete boolean, improvement_tenths int,"
              + " responder_mcid boolean");

  @BeforeEach
  void rememberPartitions() {
    shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
  }

  @AfterEach
  void restorePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
  }

  private MonthlyStage.Result run(int partitions) {
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    Dataset<Row> sessions =
        spark
            .createDataFrame(
                List.of(
                    RowFactory.create("2025-01", "C1", 6.0, 4.0, "none"),
                    RowFactory.create("2025-01", "C2", 5.0, 5.0, "soreness"),
                    RowFactory.create("2025-01", "C1", 4.0, 3.0, null),
                    RowFactory.create("2025-02", "C3", 7.0, 5.0, "none"),
                    RowFactory.create("2025-04", "C1", 3.0, 2.0, "bruising")),
                SESSIONS)
            .repartition(partitions);
    Dataset<Row> episodes =
        spark.createDataFrame(
            List.of(
                RowFactory.create("E1", LocalDate.of(2025, 1, 6), true, "2025-04"),
                RowFactory.create("E2", LocalDate.of(2025, 1, 20), false, "2025-01"),
                RowFactory.create("E3", LocalDate.of(2025, 2, 3), true, "2025-02")),
            EPISODES);
    Dataset<Row> outcomes =
        spark.createDataFrame(
            List.of(
                RowFactory.create("E1", "nrs_pain", true, 30, true),
                RowFactory.create("E1", "odi", true, 100, true),
                RowFactory.create("E2", "nrs_pain", false, null, null),
                RowFactory.create("E3", "nrs_pain", true, 20, false)),
            OUTCOMES);
    return MonthlyStage.run(sessions, episodes, outcomes);
  }

  @Test
  void theHandCountedMonthsAndTheClientsOfAllMonths() {
    MonthlyStage.Result r = run(2);
    assertEquals(3, r.clients());
    List<String> months = new ArrayList<>();
    for (Row m : r.rows()) {
      months.add(
          m.getAs("month")
              + " "
              + m.getAs("sessions")
              + " "
              + m.getAs("clients")
              + " "
              + m.getAs("new_episodes")
              + " "
              + m.getAs("closed_episodes"));
    }
    assertEquals(List.of("2025-01 3 2 2 0", "2025-02 1 1 1 1", "2025-04 1 1 0 1"), months);
    Row jan = r.rows().get(0);
    assertEquals(1.0, jan.<Double>getAs("mean_session_relief"), 1e-12);
    assertNull(jan.getAs("mean_course_improvement"));
    assertNull(jan.getAs("responder_rate_mcid"));
    assertEquals(0L, jan.<Long>getAs("responder_rate_mcid_n"));
    assertEquals(0.5, jan.<Double>getAs("adverse_event_rate"), 1e-12);
    assertEquals(2L, jan.<Long>getAs("adverse_event_rate_n"));
    Row feb = r.rows().get(1);
    assertEquals(2.0, feb.<Double>getAs("mean_session_relief"), 1e-12);
    assertEquals(2.0, feb.<Double>getAs("mean_course_improvement"), 1e-12);
    assertEquals(0.0, feb.<Double>getAs("responder_rate_mcid"));
    assertEquals(0.0, feb.<Double>getAs("adverse_event_rate"));
    Row apr = r.rows().get(2);
    assertEquals(3.0, apr.<Double>getAs("mean_course_improvement"), 1e-12);
    assertEquals(1.0, apr.<Double>getAs("responder_rate_mcid"));
    assertEquals(1.0, apr.<Double>getAs("adverse_event_rate"));
  }

  @Test
  void theSameUnderOneAndFivePartitions() {
    MonthlyStage.Result one = run(1);
    MonthlyStage.Result five = run(5);
    assertEquals(one.rows(), five.rows());
    assertEquals(one.clients(), five.clients());
  }
}
