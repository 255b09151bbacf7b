package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * {@link RepeatedStrings}: the dictionary that finds a value it has seen by identity must number
 * every value as parquet-mr's own dictionary does, through pages, a dictionary reset and a fall
 * back to plain encoding; the string cache must hand equal strings the same {@link Binary}. (That a
 * whole file is unchanged, {@code ParquetRowsBytesTest}.)
 */
class RepeatedStringsTest {
  private static final ParquetProperties PROPS = ParquetProperties.builder().build();

  /**
   * The same random operations on both dictionaries, values drawn from a pool of a few dozen
   * strings where several instances hold the same text and a fresh instance comes now and then:
   * each page's bytes, the values after a fall back and each dictionary page must be the same.
   */
  @Test
  void numbersEveryValueAsParquetsOwnDictionary() throws IOException {
    Random r = new Random(20261202L);
    Binary[] pool = new Binary[40];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = bytes("value-" + (i % 25)); // instances 25..39 repeat the text of 0..14
    }
    for (int round = 0; round < 200; round++) {
      RepeatedStrings.Dictionary mine = new RepeatedStrings.Dictionary(PROPS);
      PlainBinaryDictionaryValuesWriter theirs =
          new PlainBinaryDictionaryValuesWriter(
              PROPS.getDictionaryPageSizeThreshold(),
              Encoding.PLAIN_DICTIONARY,
              Encoding.PLAIN_DICTIONARY,
              HeapByteBufferAllocator.getInstance());
      int pages = 1 + r.nextInt(4);
      for (int page = 0; page < pages; page++) {
        int n = r.nextInt(300);
        for (int i = 0; i < n; i++) {
          Binary v =
              r.nextInt(20) == 0 ? bytes("value-" + r.nextInt(60)) : pool[r.nextInt(pool.length)];
          mine.writeBytes(v);
          theirs.writeBytes(v);
        }
        int step = r.nextInt(6);
        if (step == 0) { // the fall back to plain encoding of a page's values
          PlainValuesWriter a = plain();
          PlainValuesWriter b = plain();
          mine.fallBackAllValuesTo(a);
          theirs.fallBackAllValuesTo(b);
          assertArrayEquals(b.getBytes().toByteArray(), a.getBytes().toByteArray(), "fall back");
          assertEquals(theirs.getDictionarySize(), mine.getDictionarySize(), "after fall back");
        } else {
          assertArrayEquals(
              theirs.getBytes().toByteArray(), mine.getBytes().toByteArray(), "page " + page);
        }
        mine.reset();
        theirs.reset();
        if (step == 1) { // a new column chunk: numbers start again from 0
          assertDictionaryPages(theirs.toDictPageAndClose(), mine.toDictPageAndClose());
          mine.resetDictionary();
          theirs.resetDictionary();
        }
      }
      assertDictionaryPages(theirs.toDictPageAndClose(), mine.toDictPageAndClose());
    }
  }

  @Test
  void equalStringsGetOneBinaryAndOthersTheirOwn() {
    RepeatedStrings strings = new RepeatedStrings();
    Binary a = strings.binary(new String("deep_tissue"));
    assertSame(a, strings.binary(new String("deep_tissue")));
    assertEquals(Binary.fromString("deep_tissue"), a);
    Binary b = strings.binary("Zoë");
    assertNotSame(a, b);
    assertEquals(Binary.fromString("Zoë"), b);
    for (int i = 0; i < 2_000; i++) { // more texts than slots: each still its own bytes
      String s = "T" + i;
      assertEquals(Binary.fromString(s), strings.binary(s), s);
    }
  }

  private static void assertDictionaryPages(DictionaryPage expected, DictionaryPage actual)
      throws IOException {
    if (expected == null || actual == null) {
      assertSame(expected, actual, "a dictionary page in one writer only");
      return;
    }
    assertEquals(expected.getDictionarySize(), actual.getDictionarySize());
    assertArrayEquals(expected.getBytes().toByteArray(), actual.getBytes().toByteArray());
  }

  private static PlainValuesWriter plain() {
    return new PlainValuesWriter(64, 1 << 20, HeapByteBufferAllocator.getInstance());
  }

  private static Binary bytes(String s) {
    return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }
}
