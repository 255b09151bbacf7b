package clinic.outcomes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helpers for fixture folders. */
public final class TestFiles {
  private TestFiles() {}

  /** The committed fixture folder {@code src/test/resources/fixtures/NAME}. */
  public static Path fixture(String name) {
    return Path.of("src", "test", "resources", "fixtures", name).toAbsolutePath();
  }

  /** Copies a fixture folder's files into {@code target}. */
  public static Path copyFixture(String name, Path target) {
    try {
      Files.createDirectories(target);
      try (Stream<Path> s = Files.list(fixture(name))) {
        for (Path p : s.toList()) {
          Files.copy(p, target.resolve(p.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
