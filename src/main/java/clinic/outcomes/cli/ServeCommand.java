package clinic.outcomes.cli;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.RunFolder;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcomes serve}: a process that stays up and runs one {@code run} after another in the
 * same JVM and Spark session, so that each run after the first finds Spark started and the JIT's
 * code compiled (docs/performance.md, section 24). The launcher hands {@code ./outcomes run} to it
 * while it is up ({@link ServerClient}); each run writes the same run folder as a run of its own.
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
      "Keeps a JVM with a local Spark session up, so that each ./outcomes run after its first starts"
          + " warm (about half the time of a cold run at 1M sessions; docs/performance.md).",
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

  static boolean serving() {
    return serving;
  }

  @Override
  public Integer call() {
    Path sock = socket.toAbsolutePath();
    if (stop) {
      int rc = ask(sock, "--stop", System.out, System.err);
      if (rc == ServerClient.NOT_SERVED) {
        System.err.println("outcomes: no server is listening at " + sock);
        return Main.EXIT_BAD_INPUT;
      }
      return rc;
    }
    try {
      return serve(sock);
    } catch (Exception | Error e) {
      return Errors.report(e, System.err, null);
    }
  }

  /** Asks the server at {@code sock} to {@code serve --stop} or {@code --ping}; its exit code. */
  private static int ask(Path sock, String what, PrintStream out, PrintStream err) {
    return ServerClient.call(
        sock,
        Path.of("").toAbsolutePath(),
        ServerClient.javaOpts(),
        new String[] {"serve", what},
        out,
        err,
        false);
  }

  private int serve(Path sock) throws IOException {
    if (System.getProperty("spark.master") != null) {
      throw new SettingsException("serve runs on this machine, not under spark-submit");
    }
    if (!(idleMinutes >= 0) || Double.isInfinite(idleMinutes)) {
      throw new SettingsException("--idle-minutes is 0 (never) or more, not " + idleMinutes);
    }
    Path dir = sock.getParent();
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    if (Files.exists(sock)) {
      PrintStream none = new PrintStream(OutputStream.nullOutputStream());
      int rc = ask(sock, "--ping", none, none);
      if (rc != ServerClient.NOT_SERVED) {
        throw new SettingsException("a server is already listening at " + sock);
      }
      Files.delete(sock); // left by a server that did not stop cleanly
    }
    removeStaleScratch(dir);
    Path cwd = Path.of("").toAbsolutePath();
    Path scratch = dir.resolve("spark-" + ProcessHandle.current().pid());
    long t0 = System.nanoTime();
    SparkSession spark;
    try {
      spark = Masters.start(null, scratch, List.of());
    } catch (RuntimeException e) {
      RunFolder.deleteTree(scratch);
      throw e;
    }
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      Thread cleanup =
          new Thread(
              () -> {
                try {
                  Files.deleteIfExists(sock);
                } catch (IOException e) {
                  // the JVM is stopping; a stale socket is removed by the next server
                }
                RunFolder.deleteTree(scratch);
              },
              "outcomes-serve-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      serving = true;
      PrintStream console = System.out;
      console.printf(
          java.util.Locale.ROOT,
          "outcomes: serving runs from %s at %s (pid %d, Spark started in %.1f s)%n"
              + "  ./outcomes run ... from that folder now runs here; stop with Ctrl-C or"
              + " ./outcomes serve --stop%s%n",
          cwd,
          sock,
          ProcessHandle.current().pid(),
          (System.nanoTime() - t0) / 1e9,
          idleMinutes > 0 ? " (it stops itself after " + idleText() + " idle minutes)" : "");
      // Connections are accepted on a thread of their own, so that one arriving while a command
      // runs is told at once that it waits; they are served one at a time, in order.
      BlockingQueue<SocketChannel> waiting = new LinkedBlockingQueue<>();
      AtomicBoolean busy = new AtomicBoolean();
      Thread acceptor = new Thread(() -> accept(server, waiting, busy), "outcomes-serve-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      boolean running = true;
      while (running) {
        SocketChannel next;
        try {
          next =
              idleMinutes > 0
                  ? waiting.poll(Math.round(idleMinutes * 60_000), TimeUnit.MILLISECONDS)
                  : waiting.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (next == null) {
          console.printf(
              java.util.Locale.ROOT, "outcomes: no command for %s minutes%n", idleText());
          break;
        }
        busy.set(true);
        try (SocketChannel ch = next) {
          running = handle(ch, cwd, console, spark, busy);
        } catch (IOException e) {
          console.println("outcomes serve: a client went away: " + e.getMessage());
        } finally {
          busy.set(false);
        }
      }
      server.close();
      for (SocketChannel ch; (ch = waiting.poll()) != null; ) {
        ch.close(); // its client runs the command itself
      }
      console.println("outcomes: server stopped");
      return Main.EXIT_OK;
    } finally {
      serving = false;
      spark.stop();
      Files.deleteIfExists(sock);
      RunFolder.deleteTree(scratch);
    }
  }

  private String idleText() {
    return idleMinutes == Math.rint(idleMinutes)
        ? Long.toString((long) idleMinutes)
        : Double.toString(idleMinutes);
  }

  /** Accepts connections until the server's channel is closed; tells each that waits why. */
  private static void accept(
      ServerSocketChannel server, BlockingQueue<SocketChannel> waiting, AtomicBoolean busy) {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        return; // closed: the server is stopping
      }
      if (busy.get() || !waiting.isEmpty()) {
        new ServerFrames(ch)
            .note(
                "outcomes: the server is running another command; this one starts when it ends"
                    + " (OUTCOMES_SERVER=off runs it apart)\n");
      }
      waiting.add(ch);
    }
  }

  /**
   * Removes the scratch folders ({@code spark-PID}) of servers that are no longer running: one that
   * stopped without its shutdown hooks (out of memory, killed) leaves its folder behind.
   */
  private static void removeStaleScratch(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.matches("spark-\\d+")
            && ProcessHandle.of(Long.parseLong(name.substring(6))).isEmpty()) {
          RunFolder.deleteTree(p);
        }
      }
    }
  }

  /**
   * One connection: one command. Returns false when the command was to stop; clears {@code busy}
   * once a run has ended.
   */
  private static boolean handle(
      SocketChannel ch, Path cwd, PrintStream console, SparkSession spark, AtomicBoolean busy)
      throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
    ServerFrames frames = new ServerFrames(ch);
    String magic = in.readUTF();
    if (!ServerClient.MAGIC.equals(magic)) {
      frames.refuse(
          "the server speaks " + ServerClient.MAGIC + ", not " + magic + "; running here");
      return true;
    }
    Path from = Path.of(in.readUTF());
    String javaOpts = in.readUTF();
    String[] args = new String[in.readInt()];
    for (int i = 0; i < args.length; i++) {
      args[i] = in.readUTF();
    }
    if (args.length == 2 && args[0].equals("serve") && args[1].equals("--ping")) {
      frames.exit(Main.EXIT_OK);
      return true;
    }
    if (args.length == 2 && args[0].equals("serve") && args[1].equals("--stop")) {
      frames.exit(Main.EXIT_OK);
      return false;
    }
    if (args.length == 0 || !args[0].equals("run")) {
      frames.refuse("the server runs `run` commands only; running here");
      return true;
    }
    if (!javaOpts.equals(ServerClient.javaOpts())) {
      frames.refuse(
          "the server runs with OUTCOMES_JAVA_OPTS='"
              + ServerClient.javaOpts()
              + "', this command asks for '"
              + javaOpts
              + "'; running here");
      return true;
    }
    if (!from.equals(cwd)) {
      frames.refuse(
          "the server runs from " + cwd + ", this command from " + from + "; running here");
      return true;
    }
    long t0 = System.nanoTime();
    PrintStream out = System.out;
    PrintStream err = System.err;
    AtomicBoolean inRun = new AtomicBoolean(true);
    Thread watch = new Thread(() -> cancelWhenGone(ch, inRun, spark), "outcomes-serve-client");
    watch.setDaemon(true);
    watch.start();
    int rc;
    try (PrintStream o = new PrintStream(frames.stream(ServerClient.OUT), true, "UTF-8");
        PrintStream e = new PrintStream(frames.stream(ServerClient.ERR), true, "UTF-8")) {
      System.setOut(o);
      System.setErr(e);
      rc = Main.commandLine().execute(args);
    } finally {
      inRun.set(false);
      System.setOut(out);
      System.setErr(err);
    }
    busy.set(false); // before the client hears the end: its next command does not wait
    frames.exit(rc);
    console.printf(
        java.util.Locale.ROOT,
        "outcomes serve: %s -> exit %d in %.1f s%n",
        String.join(" ", args),
        rc,
        (System.nanoTime() - t0) / 1e9);
    // Spark removes a finished run's shuffle files once their objects are collected; a refused
    // command, a ping or a stop has nothing to collect.
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
