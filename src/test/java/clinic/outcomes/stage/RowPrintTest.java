package clinic.outcomes.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint's hashes the ingest stages are Spark's own {@code xxhash64} and {@code hash} of
 * the fingerprint's text (which validation computed before): checked against Spark itself.
 */
class RowPrintTest {
  @Test
  void theHashesAreSparksXxhash64AndHashOfTheText() {
    List<String> prints = new ArrayList<>();
    prints.add("");
    prints.add("F");
    prints.add("F2:S13:C14:2025-03-03");
    prints.add("F5:Zoë K2:é ü3:日本語"); // multi-byte UTF-8
    StringBuilder b = new StringBuilder("F");
    for (int i = 0; i < 40; i++) { // every length mod 4 and mod 8, and past XXH64's 32-byte stripes
      b.append(i % 10);
      prints.add(b.toString());
    }
    List<Row> spark =
        SharedSpark.get()
            .createDataset(prints, Encoders.STRING())
            .select(col("value"), xxhash64(col("value")), hash(col("value")))
            .collectAsList();
    assertEquals(prints.size(), spark.size());
    for (Row r : spark) {
      String p = r.getString(0);
      byte[] utf8 = p.getBytes(StandardCharsets.UTF_8);
      assertEquals(r.getLong(1), RowPrint.fp64(utf8), "xxhash64 of '" + p + "'");
      assertEquals(r.getInt(2), RowPrint.fp32(utf8), "hash of '" + p + "'");
    }
  }
}
