package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers: write fixture files, run reader + header mapping + rules over them. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path dir, String name, String text) {
    return writeBytes(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path writeBytes(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads every record of a text with the given initial buffer size. */
  static List<CsvRecord> records(String text, int bufferChars) {
    List<CsvRecord> records = new ArrayList<>();
    try (CsvRecordReader reader =
        CsvRecordReader.open(new ByteArrayInputStream(utf8(text)), "test.csv", bufferChars)) {
      reader.forEachRemaining(records::add);
    }
    return records;
  }

  /** Runs the whole ingest of one file; returns the results by line. */
  static Map<Long, Checked<?>> check(Path file, InputTable table, RowRules rules) {
    Map<Long, Checked<?>> byLine = new LinkedHashMap<>();
    String name = file.getFileName().toString();
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      HeaderMapping mapping = HeaderMapping.resolve(table, name, reader.header());
      while (reader.hasNext()) {
        CsvRecord record = reader.next();
        Checked<?> checked =
            switch (table) {
              case SESSIONS -> rules.session(record, mapping, name);
              case PAIN_SCORES -> rules.score(record, mapping, name);
              case CLIENTS -> rules.client(record, mapping, name);
            };
        byLine.put(record.line(), checked);
      }
    }
    return byLine;
  }

  static void assertReasons(Map<Long, Checked<?>> results, long line, String... expected) {
    assertTrue(
        results.containsKey(line), "no record starts on line " + line + ": " + results.keySet());
    Set<String> want = new TreeSet<>(List.of(expected));
    assertEquals(want, results.get(line).reasons(), "reasons of line " + line);
  }
}
