package clinic.outcomes.output;

import clinic.outcomes.core.EnvironmentException;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The guard on the output folder, run before any work: nothing the user owns may be replaced by a
 * run. It refuses (exit 2, one sentence) an {@code --out} that is the input folder, contains it or
 * lies inside it, that is a file, or that holds anything other than one earlier run's output
 * (recognised by the {@link RunMarker} a run writes into its folder, or, for a folder written
 * before the marker existed, by its {@code run.json}). On the local file system it takes the
 * folder's {@link OutputLock}, so a second run into the same folder is refused at once.
 *
 * <p>It then repairs what a killed run left: when a run was killed between the two renames of its
 * commit ({@link RunFolder#commit()}), the output is missing and the previous one waits as {@code
 * .NAME.old-PID}: it is moved back. The temporary folders of killed runs ({@code .NAME.tmp-*},
 * {@code .NAME.old-*}, Spark's scratch {@code .NAME.spark}) are removed.
 */
public final class OutputGuard {
  /** The file a run writes into its output folder: see {@link RunMarker}. */
  public static final String MARKER = RunMarker.NAME;

  /** Files an operating system drops into any folder it shows; they may be replaced. */
  private static final Set<String> OS_LITTER = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

  private OutputGuard() {}

  /**
   * True when a location as given is on the local file system, so that it can be checked before
   * Spark starts: a path without a scheme on a default file system that is local, or a {@code
   * file:} URI.
   */
  public static boolean isLocal(String location, Configuration conf) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    boolean hasScheme = colon > 1 && (slash < 0 || colon < slash);
    if (hasScheme && !location.regionMatches(true, 0, "file:", 0, 5)) {
      return false;
    }
    try {
      return Locations.isLocal(Locations.qualify(location, conf));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks {@code out} against {@code input} and what it holds, takes its lock (local file system
   * only), puts back an output a killed commit left aside and removes killed runs' leftovers.
   *
   * @param log where a repair is reported
   * @return the lock, to hold until the run has ended
   * @throws SettingsException (exit 2) for an output location that would lose the user's data or
   *     that another run holds
   * @throws EnvironmentException (exit 1) when the folder beside the output cannot be written
   */
  public static OutputLock prepare(String input, String out, Configuration conf, PrintStream log) {
    Path target = qualify(out, conf);
    if (target.getParent() == null) {
      throw new SettingsException(
          "--out "
              + out
              + " is the root of a file system; a run replaces its"
              + " output folder as a whole, so choose a folder below it");
    }
    FileSystem fs = Locations.fileSystem(target, conf);
    checkAgainstInput(input, out, target, conf);
    Path parent = target.getParent();
    FileStatus parentStatus = status(fs, parent, out);
    if (parentStatus != null && !parentStatus.isDirectory()) {
      throw new SettingsException(
          "--out " + out + ": " + shown(parent) + " is a file, not a folder");
    }
    if (parentStatus == null) {
      createFolder(fs, parent, out);
    }
    checkContents(fs, target, out); // before the lock: a refused folder gets nothing beside it
    OutputLock lock =
        Locations.isLocal(target)
            ? OutputLock.acquire(Locations.toLocal(target), out)
            : OutputLock.NONE;
    try {
      recover(fs, target, out, log);
      removeLeftovers(fs, target);
      checkContents(fs, target, out); // again: a folder put back, or changed meanwhile
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Refuses a folder that holds anything other than one earlier run's output.
   *
   * @throws SettingsException (exit 2) naming the folder and the first entry no run wrote
   */
  static void checkContents(FileSystem fs, Path target, String out) {
    FileStatus status = status(fs, target, out);
    if (status == null) {
      return;
    }
    if (!status.isDirectory()) {
      throw new SettingsException(
          "--out "
              + out
              + " is a file, not a folder; a run replaces its output"
              + " folder as a whole, so choose another --out");
    }
    List<FileStatus> entries = list(fs, target, out);
    entries.removeIf(
        e -> OS_LITTER.contains(e.getPath().getName()) || isChecksum(e.getPath().getName()));
    if (entries.isEmpty()) {
      return;
    }
    Set<String> own = RunMarker.ownEntries(fs, target, entries);
    if (own == null) {
      throw new SettingsException(
          "--out "
              + out
              + " is a folder that no run of outcomes wrote (it holds "
              + quoted(first(entries))
              + " and no "
              + MARKER
              + " or run.json of a run); a run replaces its"
              + " output folder as a whole, so choose an empty or new folder");
    }
    for (FileStatus e : entries) {
      String name = e.getPath().getName();
      if (own.contains(name)) {
        continue;
      }
      String what =
          e.isDirectory() && RunMarker.isRun(fs, e.getPath())
              ? ", the output of another run,"
              : ", which no run wrote,";
      throw new SettingsException(
          "--out "
              + out
              + " holds "
              + quoted(name)
              + what
              + " and a run replaces"
              + " its output folder as a whole; move "
              + quoted(name)
              + " out of it, or choose another --out");
    }
  }

  private static void checkAgainstInput(String input, String out, Path target, Configuration conf) {
    Path source;
    try {
      source = Locations.qualify(input, conf);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return; // the input check reports it
    }
    String o;
    String i;
    if (Locations.isLocal(target) && Locations.isLocal(source)) {
      o = canonical(Locations.toLocal(target)).toString();
      i = canonical(Locations.toLocal(source)).toString();
    } else {
      if (!String.valueOf(target.toUri().getScheme())
              .equals(String.valueOf(source.toUri().getScheme()))
          || !String.valueOf(target.toUri().getAuthority())
              .equals(String.valueOf(source.toUri().getAuthority()))) {
        return;
      }
      o = target.toUri().getPath();
      i = source.toUri().getPath();
    }
    if (o.equals(i)) {
      throw new SettingsException(
          "--out "
              + out
              + " is the input folder; a run replaces its output folder"
              + " as a whole, so choose another --out");
    }
    if (isBelow(i, o)) {
      throw new SettingsException(
          "--out "
              + out
              + " contains the input folder "
              + input
              + "; a run replaces"
              + " its output folder as a whole, so the input would be lost: choose another --out");
    }
    if (isBelow(o, i)) {
      throw new SettingsException(
          "--out "
              + out
              + " lies inside the input folder "
              + input
              + "; keep the"
              + " output outside the input: choose another --out");
    }
  }

  /** A checksum file Hadoop's local file system writes beside a file ({@code .NAME.crc}). */
  private static boolean isChecksum(String name) {
    return name.startsWith(".") && name.endsWith(".crc");
  }

  private static boolean isBelow(String path, String folder) {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    return path.startsWith(prefix);
  }

  /** The real path of a local path: symbolic links resolved as far as the path exists. */
  static java.nio.file.Path canonical(java.nio.file.Path path) {
    java.nio.file.Path abs = path.toAbsolutePath().normalize();
    java.nio.file.Path existing = abs;
    List<String> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      if (existing.getFileName() != null) {
        rest.add(0, existing.getFileName().toString());
      }
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    java.nio.file.Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      real = existing;
    }
    for (String part : rest) {
      real = real.resolve(part);
    }
    return real;
  }

  /** Puts back the output a commit killed between its two renames left as {@code .NAME.old-*}. */
  private static void recover(FileSystem fs, Path target, String out, PrintStream log) {
    if (status(fs, target, out) != null) {
      return;
    }
    List<FileStatus> old = siblings(fs, target, "." + target.getName() + ".old-");
    if (old.isEmpty()) {
      return;
    }
    FileStatus newest =
        old.stream().max(Comparator.comparingLong(FileStatus::getModificationTime)).get();
    try {
      if (!fs.rename(newest.getPath(), target)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot move "
              + shown(newest.getPath())
              + " back to "
              + out
              + ", where an interrupted run left the previous output ("
              + Problems.reason(e)
              + ")",
          e);
    }
    log.println(
        "outcomes: put back the previous output "
            + out
            + ", which a run killed while replacing it"
            + " had left as "
            + newest.getPath().getName());
  }

  /** Removes what killed runs into {@code target} left beside it. */
  private static void removeLeftovers(FileSystem fs, Path target) {
    String name = target.getName();
    List<FileStatus> leftovers = new ArrayList<>();
    leftovers.addAll(siblings(fs, target, "." + name + ".tmp-"));
    leftovers.addAll(siblings(fs, target, "." + name + ".old-"));
    for (FileStatus s : siblings(fs, target, "." + name + ".spark")) {
      if (s.getPath().getName().equals("." + name + ".spark")) {
        leftovers.add(s);
      }
    }
    for (FileStatus s : leftovers) {
      try {
        fs.delete(s.getPath(), true);
      } catch (IOException e) {
        throw new EnvironmentException(
            "cannot remove "
                + shown(s.getPath())
                + ", left by a killed run ("
                + Problems.reason(e)
                + ")",
            e);
      }
    }
  }

  private static Path qualify(String out, Configuration conf) {
    try {
      return Locations.qualify(out, conf);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new SettingsException(
          "--out "
              + out
              + ": no file system to write it ("
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
              + ")");
    }
  }

  private static void createFolder(FileSystem fs, Path folder, String out) {
    try {
      if (Locations.isLocal(folder)) {
        Files.createDirectories(Locations.toLocal(folder));
      } else if (!fs.mkdirs(folder)) {
        throw new IOException("cannot create it");
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot create "
              + shown(folder)
              + ", the folder that holds --out "
              + out
              + " ("
              + Problems.reason(e)
              + ")",
          e);
    }
  }

  private static FileStatus status(FileSystem fs, Path p, String out) {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot look at " + shown(p) + " for --out " + out + " (" + Problems.reason(e) + ")", e);
    }
  }

  private static List<FileStatus> list(FileSystem fs, Path folder, String out) {
    try {
      List<FileStatus> entries = new ArrayList<>(List.of(fs.listStatus(folder)));
      entries.sort(Comparator.comparing(s -> s.getPath().getName()));
      return entries;
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot list --out " + out + " (" + Problems.reason(e) + ")", e);
    }
  }

  private static List<FileStatus> siblings(FileSystem fs, Path target, String prefix) {
    List<FileStatus> found = new ArrayList<>();
    try {
      for (FileStatus s : fs.listStatus(target.getParent())) {
        if (s.getPath().getName().startsWith(prefix)) {
          found.add(s);
        }
      }
    } catch (FileNotFoundException e) {
      return found;
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot list " + shown(target.getParent()) + " (" + Problems.reason(e) + ")", e);
    }
    return found;
  }

  private static String first(List<FileStatus> entries) {
    return entries.get(0).getPath().getName();
  }

  private static String quoted(String name) {
    return "'" + name + "'";
  }

  private static String shown(Path p) {
    return Locations.isLocal(p) ? Locations.toLocal(p).toString() : p.toString();
  }
}
