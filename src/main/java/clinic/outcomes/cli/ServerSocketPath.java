package clinic.outcomes.cli;

import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The path of a server's socket, and the server's hold on it: the socket appears at its path only
 * once it listens, and the server removes it only while it is still its own.
 *
 * <p>The socket is bound under a name of its own ({@code .sPID} beside it; {@code bind} also
 * listens), then linked to its path, so that no client finds it there before it listens (a client
 * that is refused runs its command cold in a JVM of its own). The link fails where another server's
 * socket appeared meanwhile, as a bind there would. A file system without hard links gets the name
 * moved instead, which also fails where another socket is.
 *
 * <p>The file's key (device and inode) is kept, so that a server that is stopping removes its own
 * socket and never a new server's: one started as soon as {@code serve --stop} returned binds
 * within a second, while the old one may still be stopping Spark.
 */
final class ServerSocketPath {
  private final Path path;
  private final Object key;

  private ServerSocketPath(Path path, Object key) {
    this.path = path;
    this.key = key;
  }

  /** What the temporary name a server binds under starts with; its process id follows. */
  static final String BINDING_PREFIX = ".s";

  /** The temporary name a server with process id {@code pid} binds under, beside {@code sock}. */
  static Path bindingName(Path sock, long pid) {
    return sock.resolveSibling(BINDING_PREFIX + pid);
  }

  /**
   * Binds {@code server} and puts its socket at {@code sock}.
   *
   * @throws SettingsException when a socket is there already
   */
  static ServerSocketPath bind(ServerSocketChannel server, Path sock) throws IOException {
    Path bound = bindingName(sock, ProcessHandle.current().pid());
    Files.deleteIfExists(bound); // left by a server of the same process id that was killed
    server.bind(UnixDomainSocketAddress.of(bound));
    try {
      link(sock, bound);
    } catch (FileAlreadyExistsException e) {
      throw new SettingsException("a server is already listening at " + sock);
    } finally {
      Files.deleteIfExists(bound);
    }
    return new ServerSocketPath(sock, keyOf(sock));
  }

  private static void link(Path sock, Path bound) throws IOException {
    try {
      Files.createLink(sock, bound);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      Files.move(bound, sock); // no hard links here; fails too where a socket is
    }
  }

  /**
   * Removes the socket if it is still this server's (on a file system without file keys, as before:
   * whatever is at its path); never throws.
   */
  void remove() {
    try {
      if (key == null || Objects.equals(key, keyOf(path))) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // gone already, or another server's: left as it is
    }
  }

  private static Object keyOf(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
  }
}
