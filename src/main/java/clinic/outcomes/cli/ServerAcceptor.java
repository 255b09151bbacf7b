package clinic.outcomes.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The door of {@code ./outcomes serve} ({@link ServeCommand}): a thread that accepts connections
 * until the server's channel is closed and reads each command within a deadline ({@link
 * ServerRequest}). A ping is answered and what the server does not take is refused at once, even
 * while a run is in progress; a run or the stop is queued ({@link #waiting}) and told why it waits
 * when another command is ahead of it ({@link #pending} counts those queued or running), or while
 * the server starts (its Spark session and warm-up run, before {@link #ready}).
 */
final class ServerAcceptor {
  private final ServerSocketChannel server;
  private final long commandMillis;
  private final Path cwd;
  private final PrintStream console;
  private final BlockingQueue<ServerRequest> waiting = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private boolean starting; // guarded by pending
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "outcomes-serve-deadline");
            t.setDaemon(true);
            return t;
          });

  private ServerAcceptor(
      ServerSocketChannel server, long commandMillis, Path cwd, PrintStream console) {
    this.server = server;
    this.commandMillis = commandMillis;
    this.cwd = cwd;
    this.console = console;
  }

  /**
   * Starts accepting on {@code server} for a server running from {@code cwd} that is still
   * starting: what it accepts waits, and is told so, until {@link #ready}. A connection that has
   * not sent its whole command within {@code commandMillis} is closed, and {@code console} says so.
   */
  static ServerAcceptor starting(
      ServerSocketChannel server, long commandMillis, Path cwd, PrintStream console) {
    ServerAcceptor a = new ServerAcceptor(server, commandMillis, cwd, console);
    a.starting = true;
    a.pending.set(1); // the start counts as a command in progress
    return a.open();
  }

  private ServerAcceptor open() {
    Thread t = new Thread(this::accept, "outcomes-serve-accept");
    t.setDaemon(true);
    t.start();
    return this;
  }

  /** The server has started: what comes next waits only for the commands ahead of it. */
  void ready() {
    synchronized (pending) {
      if (starting) {
        starting = false;
        pending.decrementAndGet();
      }
    }
  }

  /** The runs and the stop, in the order they came. */
  BlockingQueue<ServerRequest> waiting() {
    return waiting;
  }

  /**
   * The commands queued or running; the server takes one off when it has ended, before its client
   * hears the end (the client's next command then does not wait).
   */
  AtomicInteger pending() {
    return pending;
  }

  /** Stops the deadlines' thread (the accepting thread ends when the server's channel closes). */
  void stop() {
    timer.shutdownNow();
  }

  private void accept() {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        return; // closed: the server is stopping
      }
      try {
        Optional<ServerRequest> read = ServerRequest.read(ch, timer, commandMillis);
        if (read.isEmpty()) {
          console.println(
              "outcomes serve: a connection sent no whole command within "
                  + seconds(commandMillis)
                  + " s; closed it");
          continue;
        }
        ServerRequest r = read.get();
        ServerFrames frames = new ServerFrames(ch);
        String refused = refusal(r, cwd);
        if (r.is(ServerClient.PING) || refused != null) {
          try (ch) {
            if (refused == null) {
              frames.exit(Main.EXIT_OK);
            } else {
              frames.refuse(refused);
            }
          }
          continue;
        }
        boolean ahead;
        boolean start;
        synchronized (pending) { // with ready(): the start is ahead exactly when it is counted
          ahead = pending.getAndIncrement() > 0;
          start = starting;
        }
        if (ahead) {
          frames.note(waitNote(start, r.is(ServerClient.STOP)));
        }
        waiting.add(r);
      } catch (IOException | RuntimeException e) { // no client may stop the door
        console.println("outcomes serve: a client went away: " + e.getMessage());
        try {
          ch.close();
        } catch (IOException closed) {
          // closed already
        }
      }
    }
  }

  /** What a command that waits is told: for the server's start, or for the command ahead. */
  static String waitNote(boolean starting, boolean stop) {
    String ahead =
        starting ? "the server is starting; " : "the server is running another command; ";
    String then =
        stop
            ? (starting ? "it stops as soon as it has started" : "it stops when that ends")
            : "this one starts when "
                + (starting ? "it is ready" : "it ends")
                + " (OUTCOMES_SERVER=off runs it apart)";
    return "outcomes: " + ahead + then + "\n";
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  /** Why the server does not run {@code r} (the client then runs it itself), or null. */
  static String refusal(ServerRequest r, Path cwd) {
    if (!ServerClient.MAGIC.equals(r.magic())) {
      return "the server speaks " + ServerClient.MAGIC + ", not " + r.magic() + "; running here";
    }
    if (r.is(ServerClient.STOP) || r.is(ServerClient.PING)) {
      return null;
    }
    if (r.args().isEmpty() || !r.args().get(0).equals("run")) {
      return "the server runs `run` commands only; running here";
    }
    if (!r.javaOpts().equals(ServerClient.javaOpts())) {
      return "the server runs with OUTCOMES_JAVA_OPTS='"
          + ServerClient.javaOpts()
          + "', this command asks for '"
          + r.javaOpts()
          + "'; running here";
    }
    if (!r.from().equals(cwd)) {
      return "the server runs from " + cwd + ", this command from " + r.from() + "; running here";
    }
    return null;
  }
}
