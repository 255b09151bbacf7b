package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.Fixtures.assertReasons;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clients.csv rules; expected reasons derived by hand from the SPEC's data contract. */
class ClientRulesTest {
  private static final RowRules RULES = new RowRules(LocalDate.of(2024, 6, 30));

  @TempDir Path dir;

  @Test
  void allColumns() {
    String fixture =
        String.join(
            "\n",
            "client_id,age_band,sex,condition,symptom_weeks,co_treatment,"
                + "contraindications,medical_clearance",
            "K1,18-29,Female,Herniated_Disc,0,Physio|chiro|physio,none,YES", // 2
            "K2,90+,male,other,1040, medication ,Diabetes | Hypertension,no", // 3
            "K3,17-29,man,sciatica,1041,yoga,none|diabetes,maybe", // 4
            ",,,,,,,", // 5
            "K4,,,,-1,physio|,,", // 6
            "K5,30-39,unknown,pregnancy,12.5,none,pregnancy,no", // 7
            "");
    Map<Long, Checked<?>> results =
        Fixtures.check(Fixtures.write(dir, "clients.csv", fixture), InputTable.CLIENTS, RULES);
    assertReasons(results, 2);
    assertEquals(
        new ClientRow("K1", "18-29", "female", "herniated_disc", 0, "chiro|physio", "none", "yes"),
        results.get(2L).row());
    assertReasons(results, 3);
    assertEquals(
        new ClientRow(
            "K2", "90+", "male", "other", 1040, "medication", "diabetes|hypertension", "no"),
        results.get(3L).row());
    assertReasons(
        results,
        4,
        "invalid_age_band",
        "invalid_co_treatment",
        "invalid_condition",
        "invalid_contraindications",
        "invalid_medical_clearance",
        "invalid_sex",
        "symptom_weeks_out_of_range");
    assertReasons(results, 5, "missing_client_id");
    assertReasons(results, 6, "invalid_co_treatment", "invalid_symptom_weeks");
    assertReasons(results, 7, "invalid_symptom_weeks");
  }

  @Test
  void optionalColumnsMayBeAbsent() {
    Path file = Fixtures.write(dir, "clients.csv", "Client_ID,shoe_size\nK9,42\n");
    Map<Long, Checked<?>> results = Fixtures.check(file, InputTable.CLIENTS, RULES);
    assertReasons(results, 2);
    assertEquals(
        new ClientRow("K9", null, null, null, null, null, null, null), results.get(2L).row());
  }
}
