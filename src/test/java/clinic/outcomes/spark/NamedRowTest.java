package clinic.outcomes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class NamedRowTest {

  /** A wide schema with names that share prefixes and hash near each other. */
  private static StructType wide(int columns) {
    StructType s = new StructType();
    for (int i = 0; i < columns; i++) {
      s = s.add("c" + i + (i % 3 == 0 ? "_tenths" : ""), DataTypes.IntegerType);
    }
    return s;
  }

  @Test
  void aLayoutPutsEveryValueInTheColumnSparkNamesForIt() {
    for (int columns : new int[] {1, 2, 3, 7, 8, 61, 200}) {
      StructType schema = wide(columns);
      NamedRow.Layout layout = new NamedRow.Layout(schema);
      NamedRow row = new NamedRow(layout);
      for (String name : schema.fieldNames()) {
        // a name built at run time (not the interned literal) is found by its text
        row.set(new String(name.toCharArray()), schema.fieldIndex(name));
      }
      Object[] expected = new Object[columns];
      for (int i = 0; i < columns; i++) {
        expected[i] = i;
      }
      assertArrayEquals(expected, row.values(), columns + " columns");
      for (String name : schema.fieldNames()) {
        assertEquals(schema.fieldIndex(name), (Integer) row.get(name));
      }
    }
  }

  @Test
  void namesInTheSchemasOrderOutOfItAndSkippedAllLandInTheirColumns() {
    StructType schema = wide(9);
    NamedRow.Layout layout = new NamedRow.Layout(schema);
    // the interned literals, as row builders pass them: in order, with gaps, backwards, repeated
    String[][] orders = {
      {"c0_tenths", "c1", "c2", "c3_tenths", "c4", "c5", "c6_tenths", "c7", "c8"},
      {"c1", "c2", "c4", "c8"},
      {"c8", "c7", "c6_tenths", "c0_tenths", "c1"},
      {"c2", "c2", "c3_tenths", "c0_tenths", "c1", "c1"},
    };
    for (String[] order : orders) {
      NamedRow row = new NamedRow(layout);
      Object[] expected = new Object[9];
      for (int k = 0; k < order.length; k++) {
        row.set(order[k], k);
        expected[schema.fieldIndex(order[k])] = k;
      }
      assertArrayEquals(expected, row.values(), String.join(",", order));
    }
  }

  @Test
  void aRepeatedNameIsItsLastColumnWhateverTheOrder() {
    StructType schema =
        new StructType()
            .add("a", DataTypes.IntegerType)
            .add("b", DataTypes.IntegerType)
            .add("a", DataTypes.IntegerType);
    NamedRow row = new NamedRow(new NamedRow.Layout(schema)).set("a", 1).set("b", 2);
    assertArrayEquals(new Object[] {null, 2, 1}, row.values());
  }

  @Test
  void anUnknownNameFailsAtOnceNamingIt() {
    NamedRow row = new NamedRow(new NamedRow.Layout(wide(5)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> row.set("c5", 1));
    assertTrue(e.getMessage().contains("c5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> row.get("C0"));
    assertNull(row.get("c1"));
  }

  @Test
  void withoutALayoutTheSchemaResolvesTheNames() {
    StructType schema = wide(4);
    NamedRow row = new NamedRow(schema).set("c2", "x");
    assertArrayEquals(new Object[] {null, null, "x", null}, row.values());
    assertThrows(IllegalArgumentException.class, () -> row.set("nope", 1));
  }
}
