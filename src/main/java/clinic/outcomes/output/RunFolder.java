package clinic.outcomes.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A run's output folder, written in a temporary sibling folder and moved into place only when
 * complete: a run that fails or is killed leaves the previous output untouched (a killed run may
 * leave a {@code .NAME.tmp-*} folder beside it, which the next run removes).
 */
public final class RunFolder {
  private final Path target;
  private final Path temp;

  private RunFolder(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /** Creates the temporary folder next to {@code target}. */
  public static RunFolder create(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs.getParent());
      removeStale(abs);
      Path temp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
      return new RunFolder(abs, temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder next to " + abs, e);
    }
  }

  /** Where this run writes until {@link #commit()}. */
  public Path temp() {
    return temp;
  }

  /** The final location. */
  public Path target() {
    return target;
  }

  /** Replaces {@code target} by the temporary folder. */
  public void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        deleteTree(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the finished output into " + target, e);
    }
  }

  /** Removes the temporary folder of a failed run. */
  public void abandon() {
    deleteTree(temp);
  }

  private static void removeStale(Path abs) throws IOException {
    String prefix = "." + abs.getFileName() + ".tmp-";
    try (var s = Files.list(abs.getParent())) {
      s.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(RunFolder::deleteTree);
    }
  }

  /** Deletes a folder tree if it exists. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
