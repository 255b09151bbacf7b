package clinic.outcomes.cli;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One command as a client of {@code ./outcomes serve} sends it ({@link ServerClient}'s protocol:
 * the protocol's name, the client's working directory, its {@code OUTCOMES_JAVA_OPTS}, the
 * arguments). The server reads it as it accepts the connection, within a deadline: a client that
 * connects and sends nothing, or half a command, is closed instead of holding every later command.
 *
 * @param magic the protocol the client speaks; when it is not {@link ServerClient#MAGIC} the other
 *     fields are empty
 */
record ServerRequest(
    SocketChannel channel, String magic, Path from, String javaOpts, List<String> args) {

  /** More arguments than any command line has: the bytes are not a command. */
  private static final int MAX_ARGS = 10_000;

  private static final int READING = 0;
  private static final int READ = 1;
  private static final int LATE = 2;

  /**
   * The command on {@code ch}, or empty when it did not arrive whole within {@code millis} (the
   * channel is then closed).
   *
   * @throws IOException when the client went away or sent what is not a command
   */
  static Optional<ServerRequest> read(SocketChannel ch, ScheduledExecutorService timer, long millis)
      throws IOException {
    AtomicInteger state = new AtomicInteger(READING);
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              if (state.compareAndSet(READING, LATE)) {
                try {
                  ch.close(); // the read waiting on it ends with an exception
                } catch (IOException e) {
                  // closed already
                }
              }
            },
            millis,
            TimeUnit.MILLISECONDS);
    ServerRequest request;
    try {
      request = parse(ch);
    } catch (IOException e) {
      if (state.get() == LATE) {
        return Optional.empty();
      }
      throw e;
    } finally {
      deadline.cancel(false);
    }
    return state.compareAndSet(READING, READ) ? Optional.of(request) : Optional.empty();
  }

  private static ServerRequest parse(SocketChannel ch) throws IOException {
    // A stream of Channels holds the channel's blocking lock only while it reads; the client sends
    // nothing after its command, so nothing is read from this stream after it.
    DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
    String magic = in.readUTF();
    if (!ServerClient.MAGIC.equals(magic)) {
      return new ServerRequest(ch, magic, Path.of(""), "", List.of());
    }
    Path from;
    try {
      from = Path.of(in.readUTF());
    } catch (java.nio.file.InvalidPathException e) {
      throw new IOException("not a command: its folder is not a path", e);
    }
    String javaOpts = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > MAX_ARGS) {
      throw new IOException("not a command: " + n + " arguments");
    }
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(in.readUTF());
    }
    return new ServerRequest(ch, magic, from, javaOpts, List.copyOf(args));
  }

  /**
   * Whether the arguments are exactly {@code command} ({@link ServerClient#STOP}, {@code PING}).
   */
  boolean is(List<String> command) {
    return args.equals(command);
  }
}
