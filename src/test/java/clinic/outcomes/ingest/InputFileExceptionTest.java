package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The whole-file error: one sentence naming the file, exit code 2 or 3. */
class InputFileExceptionTest {
  @Test
  void messageNamesTheFileInOneSentence() {
    InputFileException e = new InputFileException("sessions.csv", "line 5 is not valid UTF-8", 2);
    assertEquals("sessions.csv: line 5 is not valid UTF-8.", e.getMessage());
    assertEquals("line 5 is not valid UTF-8.", e.problem());
    assertEquals("sessions.csv", e.file());
    assertEquals(2, e.exitCode());
    assertEquals("x.csv: done.", new InputFileException("x.csv", "done.", 3).getMessage());
  }

  @Test
  void onlyExitCodesTwoAndThree() {
    assertThrows(IllegalArgumentException.class, () -> new InputFileException("a", "b", 1));
  }
}
