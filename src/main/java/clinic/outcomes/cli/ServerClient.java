package clinic.outcomes.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's side of {@code ./outcomes serve}: it hands one {@code run} command line to the
 * server listening on a Unix domain socket and prints what the run prints, then exits with the
 * run's exit code. Like {@link Launch} it uses nothing but the JDK, so that its JVM starts in a
 * tenth of a second with {@code target/outcomes.jar} alone on the class path.
 *
 * <p>When there is no server, or the server will not take the command (another working directory,
 * other JVM options, another protocol), it exits with {@value #NOT_SERVED} before the run printed
 * anything, and the launcher runs the command in a JVM of its own as it would without a server.
 *
 * <p>The protocol, one command per connection: the client writes {@link #MAGIC}, its working
 * directory, its {@code OUTCOMES_JAVA_OPTS} and the arguments ({@link DataOutputStream#writeUTF}
 * each, the count first); the server answers with frames, each a tag byte and a length-prefixed
 * payload: {@link #OUT} and {@link #ERR} (bytes of standard output and error), then {@link #EXIT}
 * (the exit code) or {@link #REFUSED} (why it did not run the command, before any output); a {@link
 * #NOTE} first, to be printed to standard error, when the command waits for another.
 */
public final class ServerClient {
  /** The exit code that tells the launcher to run the command itself. */
  public static final int NOT_SERVED = 125;

  static final String MAGIC = "outcomes-serve/2";
  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;
  static final byte REFUSED = 4;
  static final byte NOTE = 5;

  /** The commands the server answers besides a run: stop it, and ask whether it is up. */
  static final java.util.List<String> STOP = java.util.List.of("serve", "--stop");

  static final java.util.List<String> PING = java.util.List.of("serve", "--ping");

  private ServerClient() {}

  /** {@code ServerClient SOCKET ARGS...}: runs ARGS in the server at SOCKET. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: ServerClient SOCKET ARGS...");
      System.exit(Main.EXIT_BAD_INPUT);
    }
    String[] command = java.util.Arrays.copyOfRange(args, 1, args.length);
    int rc = command(Path.of(args[0]), command, System.out, System.err);
    System.out.flush();
    System.exit(rc);
  }

  /**
   * What the launcher hands over: a {@code run} ({@link #NOT_SERVED} when the server did not take
   * it, a line saying why), or {@code serve --stop}, which needs no JVM of Spark's of its own (exit
   * 2 and a line when no server listens).
   */
  static int command(Path socket, String[] command, PrintStream out, PrintStream err) {
    boolean stop = java.util.Arrays.asList(command).equals(STOP);
    int rc = call(socket, Path.of("").toAbsolutePath(), javaOpts(), command, out, err, !stop);
    if (stop && rc == NOT_SERVED) {
      err.println("outcomes: no server is listening at " + socket);
      return Main.EXIT_BAD_INPUT;
    }
    return rc;
  }

  /** This process's {@code OUTCOMES_JAVA_OPTS}, the launcher's JVM options ("" when unset). */
  static String javaOpts() {
    String v = System.getenv("OUTCOMES_JAVA_OPTS");
    return v == null ? "" : v.strip();
  }

  /**
   * Sends {@code args} to the server at {@code socket} as if run in {@code cwd} with the JVM
   * options {@code javaOpts}; copies the run's output to {@code out} and {@code err}.
   *
   * @param javaOpts the {@code OUTCOMES_JAVA_OPTS} the command was given: a server started with
   *     others does not take it (a run asking for a larger heap gets one in its own JVM)
   * @param say whether to print a line to {@code err} when the server did not take the command
   * @return the run's exit code, or {@link #NOT_SERVED} when nothing ran
   */
  public static int call(
      Path socket,
      Path cwd,
      String javaOpts,
      String[] args,
      PrintStream out,
      PrintStream err,
      boolean say) {
    if (!Files.exists(socket)) {
      return NOT_SERVED;
    }
    SocketChannel ch;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      boolean removed = e instanceof java.net.ConnectException && removeStale(socket);
      if (say) {
        err.println(
            removed
                ? "outcomes: removed the socket a stopped server left at "
                    + socket
                    + "; running here"
                : "outcomes: no server answers at "
                    + socket
                    + " ("
                    + e.getMessage()
                    + "); running here");
      }
      return NOT_SERVED;
    }
    boolean started = false;
    try (ch) {
      DataOutputStream req =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
      req.writeUTF(MAGIC);
      req.writeUTF(cwd.toString());
      req.writeUTF(javaOpts);
      req.writeInt(args.length);
      for (String a : args) {
        req.writeUTF(a);
      }
      req.flush();
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
      while (true) {
        byte tag = in.readByte();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        switch (tag) {
          case OUT -> write(out, payload);
          case ERR -> write(err, payload);
          case EXIT -> {
            return java.nio.ByteBuffer.wrap(payload).getInt();
          }
          case NOTE -> {
            write(err, payload);
            continue; // the server's word on this command (it waits), not the run's output
          }
          case REFUSED -> {
            if (say) {
              err.println("outcomes: " + new String(payload, StandardCharsets.UTF_8));
            }
            return NOT_SERVED;
          }
          default -> throw new IOException("unknown frame " + tag);
        }
        started = true;
      }
    } catch (EOFException e) {
      if (!started) {
        if (say) {
          err.println(
              "outcomes: the server at " + socket + " stopped before it ran this; running here");
        }
        return NOT_SERVED;
      }
      err.println(
          "outcomes: the server at "
              + socket
              + " stopped during the run (its terminal says why; it stops when its heap runs"
              + " out); the previous output, if any, is intact");
      return Main.EXIT_FAILED;
    } catch (IOException e) {
      err.println("outcomes: the server at " + socket + " failed: " + e.getMessage());
      return started ? Main.EXIT_FAILED : NOT_SERVED;
    }
  }

  /**
   * Removes a socket no server listens on (the connection was refused): one left by a server that
   * stopped without its shutdown hooks, as when its heap ran out; otherwise every later run would
   * try it again. A socket bound in the last 5 seconds is left alone: its server may be starting.
   */
  static boolean removeStale(Path socket) {
    try {
      int type = (Integer) Files.getAttribute(socket, "unix:mode") & 0170000;
      long age = System.currentTimeMillis() - Files.getLastModifiedTime(socket).toMillis();
      return type == 0140000 && age > 5_000 && Files.deleteIfExists(socket); // S_IFSOCK
    } catch (IOException | UnsupportedOperationException e) {
      return false; // gone already, or a file system without the file's type: left alone
    }
  }

  private static void write(OutputStream s, byte[] b) {
    try {
      s.write(b);
      s.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
