package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.InputFileException.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a local input file, naming the problem in one sentence when it cannot be opened. */
final class LocalFiles {
  private LocalFiles() {}

  /**
   * Opens {@code file} for reading.
   *
   * @throws InputFileException (exit 2) if it is a folder, missing or unreadable
   */
  static InputStream open(Path file, String fileName) {
    if (Files.isDirectory(file)) {
      throw contract(fileName, "is a folder, not a CSV file");
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw contract(fileName, "is missing (looked for " + file + ")");
    } catch (AccessDeniedException e) {
      throw contract(fileName, "cannot be read (permission denied)");
    } catch (IOException e) {
      throw contract(fileName, "cannot be read (" + e.getMessage() + ")");
    }
  }
}
