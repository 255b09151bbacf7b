package clinic.outcomes.cli;

import clinic.outcomes.output.RunFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The upkeep of {@code ./outcomes serve} ({@link ServeCommand}) around its runs: the warm-up before
 * it listens, the heap given back when it is idle, the scratch folders of servers gone.
 */
final class ServerUpkeep {
  private ServerUpkeep() {}

  /**
   * Runs the job once, before the server takes its first command, on an input generated into {@code
   * dir} (about 100,000 sessions by default; its output there too, all of it removed after), so
   * that the first run handed to the server finds Spark's planner, the job's classes and the JIT's
   * code of the hot paths warm instead of paying what a cold run does. Its output is not shown; a
   * warm-up that fails leaves the server serving, cold. Returns what the server's first line says
   * of it.
   */
  static String warmUp(Path dir, int clients) {
    if (clients <= 0) {
      return "";
    }
    long t0 = System.nanoTime();
    PrintStream out = System.out;
    PrintStream err = System.err;
    int rc;
    try {
      PrintStream none = new PrintStream(OutputStream.nullOutputStream());
      System.setOut(none);
      System.setErr(none);
      String in = dir.resolve("in").toString();
      rc =
          Main.commandLine()
              .execute(
                  "generate", "--clients", Integer.toString(clients), "--seed", "42", "--out", in);
      if (rc == Main.EXIT_OK) {
        rc =
            Main.commandLine()
                .execute("run", "--input", in, "--out", dir.resolve("out").toString());
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      RunFolder.deleteTree(dir);
    }
    System.gc(); // the warm-up's shuffle files go
    return String.format(
        java.util.Locale.ROOT,
        ", warmed up on %,d generated clients in %.1f s%s",
        clients,
        (System.nanoTime() - t0) / 1e9,
        rc == Main.EXIT_OK ? "" : " (the warm-up ended with exit " + rc + "; serving anyway)");
  }

  /**
   * Gives the heap a run grew back to the system once the server is idle. The serial collector
   * shrinks a generation at a full collection by a growing part of its free space, none at the
   * first of a row, then 10, 40 and 100 % (HotSpot damps it so that a program calling {@code
   * System.gc()} between its phases does not shrink and regrow), so four in a row take the heap
   * back to what its live objects need, not below its initial size. After a 1M run: 1,260 MB of
   * resident memory before, 719 MB after (docs/performance.md, section 25).
   */
  static void trim(PrintStream console) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getCommitted();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    long after = memory.getHeapMemoryUsage().getCommitted();
    console.printf(
        java.util.Locale.ROOT,
        "outcomes serve: idle; the heap gave back %d MiB (%d MiB committed before, %d after)%n",
        (before - after) >> 20,
        before >> 20,
        after >> 20);
  }

  /** What a server's scratch folder's name starts with; its process id follows. */
  static final String SCRATCH_PREFIX = "spark-";

  /**
   * Removes the scratch folders ({@code spark-PID}) and the sockets bound under their own name
   * ({@code .sPID}, {@link ServerSocketPath}) of servers that are no longer running: one that
   * stopped without its shutdown hooks (out of memory, killed) leaves its folder behind, and one
   * killed in the moment between its bind and its link its socket.
   */
  static void removeStaleScratch(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        String binding = ServerSocketPath.BINDING_PREFIX;
        if (name.startsWith(SCRATCH_PREFIX) && gone(name.substring(SCRATCH_PREFIX.length()))) {
          RunFolder.deleteTree(p);
        } else if (name.startsWith(binding) && gone(name.substring(binding.length()))) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Whether {@code pid} is a process id of a process no longer running. */
  private static boolean gone(String pid) {
    return pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty();
  }
}
