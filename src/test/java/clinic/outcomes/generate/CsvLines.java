package clinic.outcomes.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for the tests (records on one physical line, as generated). */
final class CsvLines {

  private CsvLines() {}

  /** The header fields of {@code file}. */
  static List<String> header(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return parse(lines.findFirst().orElseThrow());
    }
  }

  /** Every data record of {@code file} (header skipped), as field lists. */
  static List<List<String>> records(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<List<String>> records = new ArrayList<>(lines.size());
    for (String line : lines.subList(1, lines.size())) {
      records.add(parse(line));
    }
    return records;
  }

  /** Splits one record: quoted fields may hold commas and doubled quotes. */
  static List<String> parse(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote: " + line);
    }
    fields.add(field.toString());
    return fields;
  }
}
