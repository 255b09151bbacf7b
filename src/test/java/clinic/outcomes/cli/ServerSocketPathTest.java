package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's socket path ({@link ServerSocketPath}): there only once it listens, refused where
 * another socket is, and removed by its server only while it is still that server's own (a server
 * started at once after {@code serve --stop} must keep its socket while the stopped one is still
 * ending).
 */
class ServerSocketPathTest {
  @Test
  void theSocketAtItsPathIsTheListeningOneAndNoBoundNameIsLeft(@TempDir Path dir)
      throws IOException {
    Path sock = dir.resolve("outcomes.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ServerSocketPath own = ServerSocketPath.bind(server, sock);
      try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock));
          SocketChannel accepted = server.accept()) {
        assertTrue(client.isConnected() && accepted.isConnected());
      }
      assertEquals(List.of(sock), list(dir), "only the socket, not its bound name");
      own.remove();
      assertEquals(List.of(), list(dir));
    }
  }

  @Test
  void aPathWithASocketIsRefused(@TempDir Path dir) throws IOException {
    Path sock = dir.resolve("outcomes.sock");
    try (ServerSocketChannel first = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ServerSocketChannel second = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ServerSocketPath.bind(first, sock);
      SettingsException e =
          assertThrows(SettingsException.class, () -> ServerSocketPath.bind(second, sock));
      assertEquals("a server is already listening at " + sock, e.getMessage());
      assertEquals(List.of(sock), list(dir), "the first socket stays, no bound name is left");
    }
  }

  @Test
  void aServerRemovesOnlyItsOwnSocketNotItsSuccessors(@TempDir Path dir) throws IOException {
    Path sock = dir.resolve("outcomes.sock");
    try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ServerSocketChannel next = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ServerSocketPath stopping = ServerSocketPath.bind(old, sock);
      stopping.remove(); // as it answers the stop
      assertFalse(Files.exists(sock));
      ServerSocketPath started = ServerSocketPath.bind(next, sock); // the next server, at once
      stopping.remove(); // the stopped one ending: its finally block, then its shutdown hook
      stopping.remove();
      assertTrue(Files.exists(sock), "the next server's socket stays");
      try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock));
          SocketChannel accepted = next.accept()) {
        assertTrue(accepted.isConnected(), "and reaches the next server");
      }
      started.remove();
      assertFalse(Files.exists(sock));
    }
  }

  /**
   * What servers killed without their shutdown hooks leave (their scratch folder, a socket killed
   * between its bind and its link) is removed by the next server ({@link
   * ServerUpkeep#removeStaleScratch}); a running server's, and anything else, is left.
   */
  @Test
  void onlyTheLeftoversOfServersThatAreGoneAreRemoved(@TempDir Path dir)
      throws IOException, InterruptedException {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    long gone = ended.pid();
    long alive = ProcessHandle.current().pid();
    Files.createDirectories(dir.resolve("spark-" + gone).resolve("blockmgr"));
    Files.writeString(dir.resolve("spark-" + gone).resolve("blockmgr").resolve("shuffle"), "x");
    Files.writeString(ServerSocketPath.bindingName(dir.resolve("outcomes.sock"), gone), "");
    Path running = Files.createDirectories(dir.resolve("spark-" + alive));
    Path runningBound = ServerSocketPath.bindingName(dir.resolve("outcomes.sock"), alive);
    Files.writeString(runningBound, "");
    Path other = Files.writeString(dir.resolve(".settings"), "");
    Path notAPid = Files.createDirectories(dir.resolve("spark-warehouse"));
    ServerUpkeep.removeStaleScratch(dir);
    assertEquals(List.of(runningBound, other, running, notAPid), list(dir));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
