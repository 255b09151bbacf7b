package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * One million generated rows go through reader and rules from a generating stream, with the
 * reader's buffer staying at its initial size: nothing is held per row. No timing assertion.
 */
class StreamingTest {
  private static final int ROWS = 1_000_000;
  private static final int EVERY = 1000;

  /** Generates sessions.csv on the fly; every 1000th row has duration 5 (out of range). */
  private static final class GeneratedSessions extends InputStream {
    private int row = -1;
    private byte[] current = new byte[0];
    private int at;

    private boolean advance() {
      row++;
      if (row > ROWS) {
        return false;
      }
      String text =
          row == 0
              ? "session_id,client_id,therapist_id,session_date,technique,duration_min,"
                  + "adverse_event,home_exercise\r\n"
              : "S"
                  + row
                  + ",C"
                  + (row % 5000)
                  + ",T"
                  + (row % 7)
                  + ",2024-0"
                  + (1 + row % 9)
                  + "-1"
                  + (row % 10)
                  + ",\"Deep Tissue\","
                  + (row % EVERY == 0 ? 5 : 30 + row % 60)
                  + ",soreness,yes\r\n";
      current = text.getBytes(StandardCharsets.UTF_8);
      at = 0;
      return true;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        if (at == current.length && !advance()) {
          return n == 0 ? -1 : n;
        }
        int chunk = Math.min(len - n, current.length - at);
        System.arraycopy(current, at, b, off + n, chunk);
        at += chunk;
        n += chunk;
      }
      return n;
    }
  }

  @Test
  void oneMillionRowsStreamThrough() {
    RowRules rules = new RowRules(LocalDate.of(2024, 12, 31));
    long read = 0;
    long passed = 0;
    long outOfRange = 0;
    long lastLine = 0;
    long start = System.nanoTime();
    try (CsvRecordReader reader = CsvRecordReader.open(new GeneratedSessions(), "sessions.csv")) {
      int initialBuffer = reader.bufferCapacity();
      HeaderMapping mapping =
          HeaderMapping.resolve(InputTable.SESSIONS, "sessions.csv", reader.header());
      while (reader.hasNext()) {
        Checked<SessionRow> checked = rules.session(reader.next(), mapping, "sessions.csv");
        read++;
        lastLine = checked.line();
        if (checked.passed()) {
          passed++;
        } else if (checked.reasons().contains("duration_min_out_of_range")) {
          outOfRange++;
        }
      }
      assertEquals(initialBuffer, reader.bufferCapacity(), "the buffer never grew");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("StreamingTest: %d rows in %d ms%n", read, millis);
    assertEquals(ROWS, read);
    assertEquals(ROWS + 1, lastLine);
    assertEquals(ROWS / EVERY, outOfRange);
    assertEquals(ROWS - ROWS / EVERY, passed);
  }
}
