package clinic.outcomes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers for fixture folders. */
public final class TestFiles {
  private TestFiles() {}

  /** The committed fixture folder {@code src/test/resources/fixtures/NAME}. */
  public static Path fixture(String name) {
    return Path.of("src", "test", "resources", "fixtures", name).toAbsolutePath();
  }

  /**
   * A listing of everything under {@code root} (itself included) with the SHA-256 of each file:
   * equal snapshots before and after a command show that it changed nothing there. A missing root
   * is an empty map.
   */
  public static Map<String, String> snapshot(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String key = root.relativize(p).toString();
        out.put(
            key.isEmpty() ? "." : key,
            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "folder" : sha256(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
