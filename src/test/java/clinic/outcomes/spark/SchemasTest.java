package clinic.outcomes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemasTest {

  /** Spark's own DDL parser is the reference: the same declarations give an equal schema. */
  @Test
  void everyTypeGivesTheSchemaSparksDdlParserGives() {
    String[] fields = {
      "kind int",
      "bucket long",
      "row_reasons string",
      "date date",
      "mean_change double",
      "complete boolean",
      "packed binary",
      "score_tenths int"
    };
    assertEquals(StructType.fromDDL(String.join(", ", fields)), Schemas.of(fields));
    assertEquals(StructType.fromDDL("a int"), Schemas.of(" a  int "));
    assertEquals(new StructType(), Schemas.of());
  }

  @Test
  void anotherDeclarationIsRefusedWithItsText() {
    for (String bad : new String[] {"n decimal(10,2)", "n", "n int not null", "N int", "1n int"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Schemas.of("a int", bad));
      assertEquals(
          "not a column declaration (\"name type\", type one of int, long, string, date, double,"
              + " boolean, binary): "
              + bad,
          e.getMessage());
    }
  }
}
