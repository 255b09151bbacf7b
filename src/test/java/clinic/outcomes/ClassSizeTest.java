package clinic.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source file in {@code src/main} is longer than 400 lines (as google-java-format lays it out,
 * which spotless checks): a longer class does more than one job and is split by job.
 */
class ClassSizeTest {

  static final int MAX_LINES = 400;

  @Test
  void noMainClassIsLongerThan400Lines() throws IOException {
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> lines(p) > MAX_LINES)
              .map(p -> p + " (" + lines(p) + " lines)")
              .sorted()
              .toList();
    }
    assertEquals(List.of(), tooLong, "classes over " + MAX_LINES + " lines");
  }

  @Test
  void theCheckSeesTheSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      long n = files.filter(p -> p.toString().endsWith(".java")).count();
      // the guard above would pass vacuously if the working directory were wrong
      assertEquals(true, n > 100, n + " sources under src/main/java");
    }
  }

  private static long lines(Path p) {
    try (Stream<String> s = Files.lines(p)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
