package clinic.outcomes.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.RunFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcomes serve}: a process that stays up and runs one {@code run} after another in the
 * same JVM and Spark session, so that each run finds Spark started and the JIT's code compiled
 * (docs/performance.md, sections 24 and 25; the first too: the server runs the job once on
 * generated data before it takes a command, {@link ServerUpkeep#warmUp}). The launcher hands {@code
 * ./outcomes run} to it while it is up ({@link ServerClient}); each run writes the same run folder
 * as a run of its own.
 *
 * <p>It listens on a Unix domain socket in a folder only its user may enter, takes one command at a
 * time, and runs only {@code run} commands from the working directory it was started in (relative
 * paths mean the same to both). A run with {@code --master} or {@code --conf}, or a job file naming
 * a master, is refused with exit 2: the server's session is this machine's, with the project's
 * settings.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps a JVM with a local Spark session up, so that each ./outcomes run starts warm (about"
          + " half the time of a cold run at 1M sessions; docs/performance.md). It first runs the"
          + " job once on generated data (12-15 s), then takes runs; it listens from the start,"
          + " and a run sent before it is ready waits for it.",
      "While it runs, ./outcomes run from the same folder runs in it (OUTCOMES_SERVER=off runs"
          + " apart). Ctrl-C or ./outcomes serve --stop stops it."
    })
final class ServeCommand implements Callable<Integer> {
  /** Set while this JVM is a server: {@link RunCommand} then refuses another master or settings. */
  private static volatile boolean serving;

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description =
          "The server's socket (the launcher gives target/server/outcomes.sock of the project).")
  Path socket = Path.of("target", "server", "outcomes.sock");

  @Option(names = "--stop", description = "Stop the server listening at --socket.")
  boolean stop;

  @Option(
      names = "--idle-minutes",
      paramLabel = "N",
      description =
          "Stop after N minutes without a command (default: ${DEFAULT-VALUE}; 0: never), so that a"
              + " forgotten server does not keep its memory.")
  double idleMinutes = 120;

  @Option(
      names = "--command-seconds",
      hidden = true,
      paramLabel = "S",
      description = "Close a connection that has not sent its whole command within S seconds.")
  double commandSeconds = 10;

  @Option(
      names = "--trim-seconds",
      hidden = true,
      paramLabel = "S",
      description = "Give the heap a run grew back after S seconds without a command.")
  double trimSeconds = 30;

  @Option(
      names = "--warm-up-clients",
      hidden = true,
      paramLabel = "N",
      description =
          "Clients of the generated input the server runs once before its first command (0: none).")
  int warmUpClients = 14_286;

  static boolean serving() {
    return serving;
  }

  @Override
  public Integer call() {
    Path sock = socket.toAbsolutePath();
    if (stop) {
      return ServerClient.command(
          sock, ServerClient.STOP.toArray(String[]::new), System.out, System.err);
    }
    try {
      return serve(sock);
    } catch (Exception | Error e) {
      return Errors.report(e, System.err, null);
    }
  }

  /** Whether a server answers {@code serve --ping} at {@code sock}. */
  private static boolean answers(Path sock) {
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    return ServerClient.call(
            sock,
            Path.of("").toAbsolutePath(),
            ServerClient.javaOpts(),
            ServerClient.PING.toArray(String[]::new),
            none,
            none,
            false)
        != ServerClient.NOT_SERVED;
  }

  private int serve(Path sock) throws IOException {
    if (System.getProperty("spark.master") != null) {
      throw new SettingsException("serve runs on this machine, not under spark-submit");
    }
    if (!(idleMinutes >= 0) || Double.isInfinite(idleMinutes)) {
      throw new SettingsException("--idle-minutes is 0 (never) or more, not " + idleMinutes);
    }
    if (!(commandSeconds > 0) || Double.isInfinite(commandSeconds)) {
      throw new SettingsException("--command-seconds is more than 0, not " + commandSeconds);
    }
    if (!(trimSeconds >= 0) || Double.isInfinite(trimSeconds)) {
      throw new SettingsException("--trim-seconds is 0 or more, not " + trimSeconds);
    }
    if (warmUpClients < 0) {
      throw new SettingsException("--warm-up-clients is 0 (none) or more, not " + warmUpClients);
    }
    Path dir = sock.getParent();
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (Files.exists(sock)) {
      if (answers(sock)) {
        throw new SettingsException("a server is already listening at " + sock);
      }
      Files.deleteIfExists(sock); // left by a server that did not stop cleanly (the ping may have)
    }
    ServerUpkeep.removeStaleScratch(dir);
    Path cwd = Path.of("").toAbsolutePath();
    Path scratch = dir.resolve(ServerUpkeep.SCRATCH_PREFIX + ProcessHandle.current().pid());
    PrintStream console = System.out;
    // It listens before Spark starts: a run sent while the server starts (Spark, then the warm-up
    // run) waits for it, as for a run in progress, instead of going on in a cold JVM of its own
    // that would share the machine's cores with the warm-up. The hook is there before the socket,
    // so that Ctrl-C at any point leaves neither it nor the scratch folder behind.
    ServerSocketPath[] held = {null};
    Path bound = ServerSocketPath.bindingName(sock, ProcessHandle.current().pid());
    Thread cleanup =
        new Thread(
            () -> {
              if (held[0] != null) {
                held[0].remove();
              }
              try {
                Files.deleteIfExists(bound);
              } catch (IOException e) {
                // the JVM is stopping; a stale socket is removed by the next server
              }
              RunFolder.deleteTree(scratch);
            },
            "outcomes-serve-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ServerSocketPath own = ServerSocketPath.bind(server, sock);
      held[0] = own;
      // Connections are accepted, their commands read and checked on a thread of their own, so
      // that one arriving while the server starts or a run is in progress is answered at once:
      // refused, or told that it waits. The runs and the stop are taken one at a time, in order.
      ServerAcceptor acceptor =
          ServerAcceptor.starting(server, Math.round(commandSeconds * 1000), cwd, console);
      console.printf(
          java.util.Locale.ROOT,
          "outcomes: starting a server at %s (pid %d): Spark%s; a run sent meanwhile waits for it%n",
          sock,
          ProcessHandle.current().pid(),
          warmUpClients > 0
              ? String.format(
                  java.util.Locale.ROOT,
                  ", then the job once on %,d generated clients",
                  warmUpClients)
              : "");
      long t0 = System.nanoTime();
      SparkSession spark;
      try {
        spark = Masters.start(null, scratch, List.of());
      } catch (RuntimeException e) {
        closeDoor(server, acceptor, own);
        RunFolder.deleteTree(scratch);
        throw e;
      }
      return serve(
          sock, own, scratch, cwd, server, acceptor, spark, (System.nanoTime() - t0) / 1e9);
    }
  }

  /** The server once it listens and its Spark session has started: the warm-up, then commands. */
  private int serve(
      Path sock,
      ServerSocketPath own,
      Path scratch,
      Path cwd,
      ServerSocketChannel server,
      ServerAcceptor acceptor,
      SparkSession spark,
      double started)
      throws IOException {
    PrintStream console = System.out;
    try {
      String warm = ServerUpkeep.warmUp(scratch.resolve("warm-up"), warmUpClients);
      serving = true;
      console.printf(
          java.util.Locale.ROOT,
          "outcomes: serving runs from %s at %s (pid %d, Spark started in %.1f s%s)%n"
              + "  ./outcomes run ... from that folder now runs here; stop with Ctrl-C or"
              + " ./outcomes serve --stop%s%n",
          cwd,
          sock,
          ProcessHandle.current().pid(),
          started,
          warm,
          idleMinutes > 0 ? " (it stops itself after " + idleText() + " idle minutes)" : "");
      acceptor.ready();
      boolean running = true;
      boolean trimmed = true;
      long idleSince = System.nanoTime();
      while (running) {
        long now = System.nanoTime();
        long untilIdle =
            idleMinutes > 0 ? idleSince + Math.round(idleMinutes * 60e9) - now : Long.MAX_VALUE;
        long untilTrim = trimmed ? Long.MAX_VALUE : idleSince + Math.round(trimSeconds * 1e9) - now;
        long wait = Math.min(untilIdle, untilTrim);
        ServerRequest next;
        try {
          next =
              wait == Long.MAX_VALUE
                  ? acceptor.waiting().take()
                  : acceptor.waiting().poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (next == null && untilTrim <= untilIdle) {
          ServerUpkeep.trim(console);
          trimmed = true;
          continue;
        }
        if (next == null) {
          console.printf(
              java.util.Locale.ROOT, "outcomes: no command for %s minutes%n", idleText());
          break;
        }
        if (next.is(ServerClient.STOP)) {
          // No command after the stop: the socket goes before the stop is answered, so that a
          // server started as soon as `serve --stop` returns finds its path free.
          closeDoor(server, acceptor, own);
        }
        try (SocketChannel ch = next.channel()) {
          running = handle(next, console, spark, acceptor.pending());
        } catch (IOException e) {
          console.println("outcomes serve: a client went away: " + e.getMessage());
        }
        trimmed = false;
        idleSince = System.nanoTime();
      }
      closeDoor(server, acceptor, own);
      console.println("outcomes: server stopped");
      return Main.EXIT_OK;
    } finally {
      serving = false;
      own.remove();
      spark.stop();
      RunFolder.deleteTree(scratch);
    }
  }

  /**
   * Takes no more commands: the socket closed and removed, and the commands still queued closed, so
   * that their clients run them themselves. Closing twice is harmless.
   */
  private static void closeDoor(
      ServerSocketChannel server, ServerAcceptor acceptor, ServerSocketPath own)
      throws IOException {
    acceptor.stop();
    server.close();
    own.remove();
    for (ServerRequest r; (r = acceptor.waiting().poll()) != null; ) {
      r.channel().close();
    }
  }

  private String idleText() {
    return idleMinutes == Math.rint(idleMinutes)
        ? Long.toString((long) idleMinutes)
        : Double.toString(idleMinutes);
  }

  /**
   * One queued command, a run or the stop. Returns false when it was the stop; takes the command
   * off {@code pending} once a run has ended, before its client hears the end (its next command
   * does not wait).
   */
  private static boolean handle(
      ServerRequest r, PrintStream console, SparkSession spark, AtomicInteger pending) {
    SocketChannel ch = r.channel();
    ServerFrames frames = new ServerFrames(ch);
    if (r.is(ServerClient.STOP)) {
      pending.decrementAndGet();
      frames.exit(Main.EXIT_OK);
      return false;
    }
    String[] args = r.args().toArray(String[]::new);
    long t0 = System.nanoTime();
    PrintStream out = System.out;
    PrintStream err = System.err;
    AtomicBoolean inRun = new AtomicBoolean(true);
    Thread watch = new Thread(() -> cancelWhenGone(ch, inRun, spark), "outcomes-serve-client");
    watch.setDaemon(true);
    watch.start();
    int rc;
    try (PrintStream o = new PrintStream(frames.stream(ServerClient.OUT), true, UTF_8);
        PrintStream e = new PrintStream(frames.stream(ServerClient.ERR), true, UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      rc = Main.commandLine().execute(args);
    } finally {
      inRun.set(false);
      System.setOut(out);
      System.setErr(err);
      pending.decrementAndGet();
    }
    frames.exit(rc);
    console.printf(
        java.util.Locale.ROOT,
        "outcomes serve: %s -> exit %d in %.1f s%n",
        String.join(" ", args),
        rc,
        (System.nanoTime() - t0) / 1e9);
    // Spark removes a finished run's shuffle files once their objects are collected.
    System.gc();
    return true;
  }

  /**
   * The client sends nothing after its command, so a read that ends means it went away (Ctrl-C on
   * {@code ./outcomes run}): the run is then stopped at its Spark jobs, those running and any it
   * starts after, and fails as a run stopped by its environment does (exit 1, its output folder
   * left as it was). Work on the driver alone between two jobs finishes first.
   */
  private static void cancelWhenGone(SocketChannel ch, AtomicBoolean inRun, SparkSession spark) {
    // The channel itself, not a stream of Channels: those hold the channel's blocking lock while a
    // read waits, and the run's output could then not be written.
    ByteBuffer b = ByteBuffer.allocate(64);
    try {
      while (ch.read(b.clear()) >= 0) {
        // nothing more is expected from the client
      }
    } catch (IOException e) {
      // closed: the client went away, or the run ended and its connection was closed
    }
    while (inRun.get()) {
      spark.sparkContext().cancelAllJobs();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
