package clinic.outcomes.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedInput}: a record of the pass's input packed for the shuffle and unpacked after it
 * gives back the same values, for every column type, nulls, non-ASCII text and string lengths whose
 * varint takes one, two and three bytes; and the packed bytes are the documented format.
 */
class PackedInputTest {
  private static final StructType IN = ValidationStage.INPUT;

  private static int at(String name) {
    return IN.fieldIndex(name);
  }

  /** A record with every column set, at the edges of its type. */
  private static Object[] full() {
    Object[] v = new Object[IN.size()];
    v[at("kind")] = -7;
    v[at("bucket")] = Long.MIN_VALUE;
    v[at("line")] = Long.MAX_VALUE;
    v[at("row_reasons")] = "x".repeat(200);
    v[at("fp64")] = -1L;
    v[at("fp32")] = Integer.MIN_VALUE;
    v[at("conflicting")] = true;
    v[at("client_id")] = "C\u00e9";
    v[at("session_id")] = "S\uD83D\uDE00";
    v[at("therapist_id")] = "é".repeat(10_000);
    v[at("date")] = LocalDate.of(1969, 12, 31);
    v[at("technique")] = "";
    v[at("duration_min")] = 0;
    v[at("adverse_event")] = "sore";
    v[at("home_exercise")] = "no";
    v[at("moment")] = "before";
    v[at("measure")] = "nrs_pain";
    v[at("score_tenths")] = Integer.MAX_VALUE;
    v[at("age_band")] = "40-49";
    v[at("sex")] = "f";
    v[at("condition")] = "sciatica";
    v[at("symptom_weeks")] = -1;
    v[at("co_treatment")] = "physio";
    v[at("contraindications")] = "none";
    v[at("medical_clearance")] = "yes";
    return v;
  }

  private static Object[] roundTrip(PackedInput.Packer p, Object[] v) {
    byte[] packed = p.pack(v);
    Row shuffled =
        new GenericRowWithSchema(
            new Object[] {v[at("client_id")], v[at("bucket")], packed}, PackedInput.LAYOUT);
    Row back = PackedInput.unpack(shuffled);
    assertEquals(IN, back.schema());
    Object[] out = new Object[back.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = back.get(i);
    }
    return out;
  }

  @Test
  void everyColumnComesBackAsItWent() {
    Object[] v = full();
    assertEquals(Arrays.asList(v), Arrays.asList(roundTrip(new PackedInput.Packer(), v)));
  }

  @Test
  void nullsComeBackAsNullsAndTheClientMayBeMissing() {
    Object[] v = new Object[IN.size()];
    v[at("kind")] = 1;
    v[at("bucket")] = 42L;
    v[at("measure")] = "nrs_pain";
    v[at("conflicting")] = false;
    assertEquals(Arrays.asList(v), Arrays.asList(roundTrip(new PackedInput.Packer(), v)));
    Object[] none = new Object[IN.size()];
    assertEquals(Arrays.asList(none), Arrays.asList(roundTrip(new PackedInput.Packer(), none)));
  }

  @Test
  void aSqlDateIsPackedAsItsDay() {
    Object[] v = new Object[IN.size()];
    v[at("date")] = java.sql.Date.valueOf(LocalDate.of(2025, 3, 1));
    assertEquals(LocalDate.of(2025, 3, 1), roundTrip(new PackedInput.Packer(), v)[at("date")]);
  }

  @Test
  void fewValuedColumnsPackToTheSameBytes() {
    PackedInput.Packer cached = new PackedInput.Packer(); // every string column but the ids
    PackedInput.Packer plain = new PackedInput.Packer(new boolean[IN.size()]);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(plain.pack(full()), cached.pack(full()));
    }
    assertEquals(Arrays.asList(full()), Arrays.asList(roundTrip(cached, full())));
  }

  /**
   * The format written out by hand from the class comment: kind 2, client C1 (in the bitmap, not in
   * the bytes), line 300, an empty reason text, the date 1969-12-31 (epoch day -1) and the measure
   * "é" (UTF-8 C3 A9). Bitmap bits 0, 2, 3, 7, 10 and 16: 0x0001048D.
   */
  @Test
  void thePackedBytesAreTheDocumentedFormat() {
    Object[] v = new Object[IN.size()];
    v[at("kind")] = 2;
    v[at("client_id")] = "C1";
    v[at("line")] = 300L;
    v[at("row_reasons")] = "";
    v[at("date")] = LocalDate.of(1969, 12, 31);
    v[at("measure")] = "\u00e9";
    byte[] expected = {
      0x00,
      0x01,
      0x04,
      (byte) 0x8D, // bitmap
      0,
      0,
      0,
      2, // kind
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      0x2C, // line
      0, // row_reasons: length 0
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF, // date: day -1
      2,
      (byte) 0xC3,
      (byte) 0xA9 // measure: length 2, UTF-8
    };
    assertArrayEquals(expected, new PackedInput.Packer().pack(v));
    assertEquals(Arrays.asList(v), Arrays.asList(PackedInput.unpack("C1", null, expected)));
  }

  @Test
  void theShufflesRowIsTheClientTheBucketAndThePackedValue() {
    Object[] v = full();
    InternalRow row = new PackedInput.Packer().row(v);
    assertEquals(3, row.numFields());
    assertEquals(UTF8String.fromString("C\u00e9"), row.getUTF8String(0));
    assertEquals(Long.MIN_VALUE, row.getLong(1));
    assertArrayEquals(new PackedInput.Packer().pack(v), row.getBinary(2));
    Object[] none = new Object[IN.size()];
    InternalRow empty = new PackedInput.Packer().row(none);
    assertTrue(empty.isNullAt(0));
    assertTrue(empty.isNullAt(1));
  }

  @Test
  void aPackedRecordMustMatchItsRowsClientAndBucket() {
    Object[] v = full();
    byte[] packed = new PackedInput.Packer().pack(v);
    assertThrows(
        IllegalStateException.class, () -> PackedInput.unpack(null, Long.MIN_VALUE, packed));
    assertThrows(IllegalStateException.class, () -> PackedInput.unpack("C\u00e9", null, packed));
    assertThrows(
        IllegalStateException.class,
        () ->
            PackedInput.unpack(
                "C\u00e9", Long.MIN_VALUE, Arrays.copyOf(packed, packed.length + 1)));
  }

  @Test
  void aRecordOfAnotherWidthIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new PackedInput.Packer().pack(new Object[3]));
  }
}
