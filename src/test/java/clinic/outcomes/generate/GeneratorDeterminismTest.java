package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same settings give the same bytes; another seed gives other data. */
class GeneratorDeterminismTest {

  private static final List<String> FILES =
      List.of("sessions.csv", "pain_scores.csv", "clients.csv");

  @TempDir Path dir;

  @Test
  void sameSeedSameBytes() throws IOException {
    GeneratorSettings settings = new GeneratorSettings(3000, 42L).withBadRows(true);
    Summary first = Generator.generate(settings, dir.resolve("a"));
    Summary second = Generator.generate(settings, dir.resolve("b"));
    assertEquals(first, second);
    for (String file : FILES) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(file)),
          Files.readAllBytes(dir.resolve("b").resolve(file)),
          file);
    }
  }

  @Test
  void otherSeedOtherData() throws IOException {
    Generator.generate(new GeneratorSettings(3000, 42L), dir.resolve("a"));
    Generator.generate(new GeneratorSettings(3000, 43L), dir.resolve("b"));
    for (String file : FILES) {
      assertFalse(
          Arrays.equals(
              Files.readAllBytes(dir.resolve("a").resolve(file)),
              Files.readAllBytes(dir.resolve("b").resolve(file))),
          file);
    }
  }

  @Test
  void aClientDoesNotDependOnHowManyClientsFollow() throws IOException {
    Generator.generate(new GeneratorSettings(100, 7L), dir.resolve("small"));
    Generator.generate(new GeneratorSettings(1000, 7L), dir.resolve("large"));
    List<String> small = Files.readAllLines(dir.resolve("small").resolve("sessions.csv"));
    List<String> large = Files.readAllLines(dir.resolve("large").resolve("sessions.csv"));
    assertEquals(small, large.subList(0, small.size()));
  }
}
