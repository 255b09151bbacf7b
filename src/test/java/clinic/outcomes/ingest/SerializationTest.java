package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules and mappings survive Java serialization, as Spark closures need. */
class SerializationTest {
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void rulesMappingAndResultsRoundTrip() throws Exception {
    RowRules rules = roundTrip(new RowRules(LocalDate.of(2024, 6, 30)));
    HeaderMapping mapping =
        roundTrip(
            HeaderMapping.resolve(
                InputTable.CLIENTS, "clients.csv", List.of("sex", "client_id", "room")));
    assertEquals(1, mapping.index(Column.CLIENT_ID));
    assertEquals(List.of("room"), mapping.unknownColumns());
    Checked<ClientRow> checked =
        rules.client(new CsvRecord(2, "robot,K1,3", List.of("robot", "K1", "3")), mapping, "c");
    assertEquals(checked, roundTrip(checked));
    assertEquals("invalid_sex", checked.reasonText());
  }
}
