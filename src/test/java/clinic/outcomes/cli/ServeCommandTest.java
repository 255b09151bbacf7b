package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.cluster.RunFolderDiff;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outcomes serve} as the launcher uses it: a real server process on a Unix domain socket,
 * and {@link ServerClient} handing it command lines. A served run must write the same run folder as
 * a run of its own (every table's schema and rows, {@code rejects.csv}, the reports: {@link
 * RunFolderDiff}), a second served run in the same JVM too (sent while the first runs, it is told
 * that it waits); what the server must not run (another master or Spark settings) is refused with
 * exit 2 and a message; what it does not take (another working directory, other JVM options,
 * another command, no server) comes back as {@link ServerClient#NOT_SERVED}, so that the launcher
 * runs it itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Each test and the server's start (about 20 s here) well within it; a client call to a server
// that never answers would otherwise hold the build until CI's own limit.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeCommandTest {
  @TempDir static Path tmp;

  private static Path socket;
  private static Process server;
  private static final List<String> serverLines = new ArrayList<>();
  private static final Path CWD = Path.of("").toAbsolutePath();

  @BeforeAll
  static void startServer() throws IOException, InterruptedException {
    socket = tmp.resolve("server").resolve("outcomes.sock");
    server =
        startServe(
            socket, "--command-seconds", "2", "--trim-seconds", "1", "--warm-up-clients", "300");
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String l; (l = lines.readLine()) != null; ) {
                  synchronized (serverLines) {
                    serverLines.add(l);
                    serverLines.notifyAll();
                  }
                }
              } catch (IOException e) {
                // the server stopped
              }
            });
    reader.setDaemon(true);
    reader.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    synchronized (serverLines) {
      while (serverLines.stream().noneMatch(l -> l.startsWith("outcomes: serving runs from"))) {
        assertTrue(server.isAlive(), "the server stopped: " + serverLines);
        assertTrue(System.nanoTime() < until, "the server did not start: " + serverLines);
        serverLines.wait(1000);
      }
      assertTrue(
          serverLines.stream()
              .anyMatch(
                  l ->
                      l.startsWith("outcomes: serving runs from")
                          && l.contains(", warmed up on 300 generated clients in ")
                          && !l.contains("the warm-up ended with exit")),
          "it ran the job once on generated data before it took a command: " + serverLines);
    }
  }

  /** {@code outcomes serve --socket SOCKET MORE...} in a JVM of its own, its output merged. */
  private static Process startServe(Path socket, String... more) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--socket",
                socket.toString()));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A command through the client: exit code, standard output, standard error. */
  private record Served(int rc, String out, String err) {}

  private static Served call(Path cwd, String... args) {
    return callAt(socket, cwd, args);
  }

  /** As {@link #call}, to the server at {@code sock}. */
  private static Served callAt(Path sock, Path cwd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        ServerClient.call(
            sock,
            cwd,
            ServerClient.javaOpts(),
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            true);
    return new Served(
        rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Order(1)
  void servedRunsWriteTheSameRunFolderAsARunOfItsOwn() throws InterruptedException {
    Path first = tmp.resolve("served-1");
    Path second = tmp.resolve("served-2");
    Path own = tmp.resolve("own");
    String[] run = {"run", "--input", "sample-data", "--claims", "jobs/claims.yaml", "--out"};
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
    int[] firstRc = {-1};
    Thread firstRun =
        new Thread(
            () ->
                firstRc[0] =
                    ServerClient.call(
                        socket,
                        CWD,
                        ServerClient.javaOpts(),
                        concat(run, first.toString()),
                        new PrintStream(firstOut, true, StandardCharsets.UTF_8),
                        new PrintStream(firstErr, true, StandardCharsets.UTF_8),
                        true));
    firstRun.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (firstOut.size() == 0) { // the first run has begun
      assertTrue(System.nanoTime() < until, "the first run printed nothing: " + firstErr);
      Thread.sleep(10);
    }
    Served elsewhere = call(tmp, concat(run, tmp.resolve("elsewhere").toString()));
    assertEquals(ServerClient.NOT_SERVED, elsewhere.rc(), elsewhere.err());
    assertFalse(
        elsewhere.err().contains("this one starts when it ends"),
        "a command the server does not take is refused at once, not after the run: "
            + elsewhere.err());
    Served b = call(CWD, concat(run, second.toString())); // waits for the first
    firstRun.join();
    assertEquals(0, firstRc[0], firstErr.toString(StandardCharsets.UTF_8));
    String a = firstOut.toString(StandardCharsets.UTF_8);
    assertTrue(a.contains("Accounting (read = accepted + rejected + duplicate)"), a);
    assertEquals(0, b.rc(), b.err());
    assertTrue(
        b.err().startsWith("outcomes: the server is running another command; this one starts"),
        "the second was told that it waits: " + b.err());
    assertEquals(0, Main.commandLine().execute(concat(run, own.toString())));
    assertEquals(List.of(), RunFolderDiff.differences(SharedSpark.get(), own, first));
    assertEquals(List.of(), RunFolderDiff.differences(SharedSpark.get(), own, second));
    synchronized (serverLines) {
      assertTrue(
          serverLines.stream().anyMatch(l -> l.contains("--out " + second + " -> exit 0")),
          "the server's own log names each run: " + serverLines);
    }
    String trim = serverLine("outcomes serve: idle; the heap gave back ");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "gave back (\\d+) MiB \\((\\d+) MiB committed before, (\\d+)")
            .matcher(trim);
    assertTrue(m.find(), trim);
    assertEquals(
        Long.parseLong(m.group(2)) - Long.parseLong(m.group(3)),
        Long.parseLong(m.group(1)),
        "idle a second after the runs, it gave back what its heap had grown: " + trim);
  }

  @Test
  @Order(2)
  void anotherMasterOrSparkSettingsAreRefusedWithExit2() {
    Served master = call(CWD, "run", "--master", "local[1]", "--out", tmp.resolve("m").toString());
    assertEquals(Main.EXIT_BAD_INPUT, master.rc());
    assertTrue(master.err().contains("--master: the server (./outcomes serve)"), master.err());
    Served conf = call(CWD, "run", "--conf", "spark.x=1", "--out", tmp.resolve("c").toString());
    assertEquals(Main.EXIT_BAD_INPUT, conf.rc());
    assertTrue(conf.err().contains("--conf: the server"), conf.err());
    assertFalse(Files.exists(tmp.resolve("m")));
    assertFalse(Files.exists(tmp.resolve("c")));
  }

  @Test
  @Order(3)
  void badInputGetsItsMessageAndExitCodeThroughTheServer() {
    Served bad =
        call(CWD, "run", "--input", "no-such-folder", "--out", tmp.resolve("b").toString());
    assertEquals(Main.EXIT_BAD_INPUT, bad.rc());
    assertTrue(bad.err().contains("no-such-folder: the input folder does not exist"), bad.err());
  }

  @Test
  @Order(4)
  void aClientThatGoesAwayStopsItsRunAndLeavesNoFolder() throws Exception {
    Path out = tmp.resolve("gone");
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      DataOutputStream req = new DataOutputStream(Channels.newOutputStream(ch));
      req.writeUTF(ServerClient.MAGIC);
      req.writeUTF(CWD.toString());
      req.writeUTF(ServerClient.javaOpts());
      String[] args = {"run", "--input", "sample-data", "--out", out.toString()};
      req.writeInt(args.length);
      for (String a : args) {
        req.writeUTF(a);
      }
      req.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
      byte tag = in.readByte();
      while (tag == ServerClient.NOTE) { // the server finishing the last command
        in.readFully(new byte[in.readInt()]);
        tag = in.readByte();
      }
      assertEquals(ServerClient.OUT, tag, "the run began to print");
    } // as Ctrl-C on ./outcomes run closes the connection
    String line = serverLine("--out " + out + " -> exit");
    assertTrue(line.contains("-> exit " + Main.EXIT_FAILED + " in "), "the run failed: " + line);
    assertFalse(Files.exists(out), "a stopped run leaves no output folder");
    Served next = call(CWD, "run", "--input", "sample-data", "--out", out.toString());
    assertEquals(0, next.rc(), "the server runs the next command: " + next.err());
  }

  /** The server's log line that contains {@code part}, waiting up to two minutes for it. */
  private static String serverLine(String part) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    synchronized (serverLines) {
      while (true) {
        for (String l : serverLines) {
          if (l.contains(part)) {
            return l;
          }
        }
        assertTrue(System.nanoTime() < until, "no line with '" + part + "': " + serverLines);
        serverLines.wait(500);
      }
    }
  }

  @Test
  @Order(5)
  void aClientThatSendsNoWholeCommandIsClosedAndDoesNotHoldTheServer() throws Exception {
    try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel half = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.connect(UnixDomainSocketAddress.of(socket));
      half.connect(UnixDomainSocketAddress.of(socket));
      DataOutputStream req = new DataOutputStream(Channels.newOutputStream(half));
      req.writeUTF(ServerClient.MAGIC);
      req.writeUTF(CWD.toString()); // and nothing after it
      req.flush();
      try (SocketChannel bad = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        bad.connect(UnixDomainSocketAddress.of(socket));
        DataOutputStream b = new DataOutputStream(Channels.newOutputStream(bad));
        b.writeUTF(ServerClient.MAGIC);
        b.writeUTF("/no\0path"); // a folder no path can name
        b.flush();
        assertEquals(-1, bad.read(java.nio.ByteBuffer.allocate(1)), "closed, not answered");
      }
      long t0 = System.nanoTime();
      Served ping = call(CWD, "serve", "--ping");
      assertEquals(0, ping.rc(), "the server answers the next client: " + ping.err());
      double waited = (System.nanoTime() - t0) / 1e9;
      assertTrue(waited < 30, "the next client waited " + waited + " s");
      assertEquals(-1, silent.read(java.nio.ByteBuffer.allocate(1)), "the silent one is closed");
      assertEquals(-1, half.read(java.nio.ByteBuffer.allocate(1)), "the half one too");
    }
    synchronized (serverLines) {
      assertEquals(
          2,
          serverLines.stream()
              .filter(
                  l ->
                      l.equals(
                          "outcomes serve: a connection sent no whole command within 2 s;"
                              + " closed it"))
              .count(),
          "the server's log says so for each: " + serverLines);
      assertTrue(
          serverLines.contains(
              "outcomes serve: a client went away: not a command: its folder is not a path"),
          "a command that is not one is closed at once: " + serverLines);
    }
    Served run =
        call(CWD, "run", "--input", "sample-data", "--out", tmp.resolve("after").toString());
    assertEquals(0, run.rc(), "and runs the next command: " + run.err());
  }

  @Test
  @Order(6)
  void whatTheServerDoesNotTakeIsLeftToTheLauncher() {
    Served elsewhere = call(tmp, "run", "--out", tmp.resolve("e").toString());
    assertEquals(ServerClient.NOT_SERVED, elsewhere.rc());
    assertTrue(elsewhere.err().contains("the server runs from " + CWD), elsewhere.err());
    assertEquals("", elsewhere.out());
    Served sql = call(CWD, "sql", tmp.toString(), "select 1");
    assertEquals(ServerClient.NOT_SERVED, sql.rc());
    Path stale = tmp.resolve("stale.sock");
    try (var left = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      left.bind(UnixDomainSocketAddress.of(stale)); // closed without its file removed
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ByteArrayOutputStream staleErr = new ByteArrayOutputStream();
    PrintStream staleSays = new PrintStream(staleErr, true, StandardCharsets.UTF_8);
    String[] aRun = {"run"};
    assertEquals(
        ServerClient.NOT_SERVED,
        ServerClient.call(stale, CWD, "", aRun, System.out, staleSays, true));
    assertTrue(Files.exists(stale), "a socket bound in the last 5 s is left: its server may start");
    setOld(stale);
    assertEquals(
        ServerClient.NOT_SERVED,
        ServerClient.call(stale, CWD, "", aRun, System.out, staleSays, true));
    assertFalse(Files.exists(stale), "an older one no server listens on is removed");
    assertTrue(
        staleErr
            .toString(StandardCharsets.UTF_8)
            .contains("outcomes: removed the socket a stopped server left at " + stale),
        staleErr.toString(StandardCharsets.UTF_8));
    Path notASocket = tmp.resolve("file.sock");
    try {
      Files.writeString(notASocket, "x");
      setOld(notASocket);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ServerClient.call(notASocket, CWD, "", aRun, System.out, staleSays, true);
    assertTrue(Files.exists(notASocket), "a file that is not a socket is never removed");
    Path none = tmp.resolve("nobody").resolve("outcomes.sock");
    assertEquals(
        ServerClient.NOT_SERVED,
        ServerClient.call(none, CWD, "", new String[] {"run"}, System.out, System.err, true));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int otherOpts =
        ServerClient.call(
            socket,
            CWD,
            "-Xmx8g",
            new String[] {"run", "--out", tmp.resolve("x").toString()},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            true);
    assertEquals(ServerClient.NOT_SERVED, otherOpts, "a run asking for other JVM options");
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("this command asks for '-Xmx8g'"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Order(7)
  void aSecondServerOnTheSameSocketIsRefused() {
    assertEquals(0, call(CWD, "serve", "--ping").rc(), "the server is up (else this would serve)");
    String said =
        stderrOf(
            () ->
                assertEquals(
                    Main.EXIT_BAD_INPUT,
                    Main.commandLine().execute("serve", "--socket", socket.toString())));
    assertTrue(said.contains("a server is already listening"), said);
  }

  @Test
  @Order(8)
  void serveOptionsOutOfRangeAreRefusedWithExit2() {
    Path other = tmp.resolve("options").resolve("outcomes.sock");
    String said =
        stderrOf(
            () -> {
              for (String[] bad :
                  List.of(
                      new String[] {"--command-seconds", "0"},
                      new String[] {"--trim-seconds", "-1"},
                      new String[] {"--warm-up-clients", "-1"})) {
                assertEquals(
                    Main.EXIT_BAD_INPUT,
                    Main.commandLine()
                        .execute("serve", "--socket", other.toString(), bad[0], bad[1]),
                    String.join(" ", bad));
              }
            });
    assertTrue(said.contains("outcomes: --command-seconds is more than 0, not 0.0"), said);
    assertTrue(said.contains("outcomes: --trim-seconds is 0 or more, not -1.0"), said);
    assertTrue(said.contains("outcomes: --warm-up-clients is 0 (none) or more, not -1"), said);
    assertFalse(Files.exists(other), "no server started");
  }

  /** What {@code body} prints on standard error in this JVM. */
  private static String stderrOf(Runnable body) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Order(9)
  void anIdleServerStopsItself() throws IOException, InterruptedException {
    Path idle = tmp.resolve("idle").resolve("outcomes.sock");
    Process p = startServe(idle, "--idle-minutes", "0.05", "--warm-up-clients", "0");
    String log;
    try (var in = p.getInputStream()) {
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the idle server stopped by itself");
      log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("(it stops itself after 0.05 idle minutes)"), log);
    assertTrue(log.contains("outcomes: no command for 0.05 minutes"), log);
    assertFalse(Files.exists(idle), "its socket is gone");
  }

  @Test
  @Order(10)
  void stopEndsTheServerAfterTheRunInProgressAndRemovesItsSocket() throws InterruptedException {
    ByteArrayOutputStream runOut = new ByteArrayOutputStream();
    int[] runRc = {-1};
    Path out = tmp.resolve("before-stop");
    Thread running =
        new Thread(
            () ->
                runRc[0] =
                    ServerClient.call(
                        socket,
                        CWD,
                        ServerClient.javaOpts(),
                        new String[] {"run", "--input", "sample-data", "--out", out.toString()},
                        new PrintStream(runOut, true, StandardCharsets.UTF_8),
                        System.err,
                        true));
    running.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (runOut.size() == 0) { // the run has begun
      assertTrue(System.nanoTime() < until, "the run printed nothing");
      Thread.sleep(10);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        ServerClient.command(
            socket,
            new String[] {"serve", "--stop"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    running.join();
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        "outcomes: the server is running another command; it stops when that ends\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals(0, runRc[0], "the run in progress ends first");
    assertTrue(Files.isRegularFile(out.resolve("run.json")));
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped");
    assertEquals(0, server.exitValue());
    assertFalse(Files.exists(socket));
    try (var left = Files.list(socket.getParent())) {
      assertEquals(List.of(), left.toList(), "its Spark scratch folder is gone too");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertEquals(
        Main.EXIT_BAD_INPUT,
        ServerClient.command(
            socket,
            new String[] {"serve", "--stop"},
            System.out,
            new PrintStream(none, true, StandardCharsets.UTF_8)));
    assertEquals(
        "outcomes: no server is listening at " + socket + "\n",
        none.toString(StandardCharsets.UTF_8));
    assertEquals(
        Main.EXIT_BAD_INPUT,
        Main.commandLine().execute("serve", "--stop", "--socket", socket.toString()));
  }

  /**
   * The server listens before its Spark session starts: a run sent as soon as its socket is there
   * waits for the start and the warm-up (it is told so), then runs in the server, not in a cold JVM
   * of its own.
   */
  @Test
  @Order(11)
  void aRunSentWhileTheServerStartsWaitsForItAndRunsThere()
      throws IOException, InterruptedException {
    Path starting = tmp.resolve("starting").resolve("outcomes.sock");
    Process p = startServe(starting, "--warm-up-clients", "300");
    try {
      awaitFile(starting, p);
      Path out = tmp.resolve("while-starting");
      Served run = callAt(starting, CWD, "run", "--input", "sample-data", "--out", out.toString());
      String err = run.err();
      assertEquals(0, run.rc(), err);
      assertTrue(
          err.startsWith(
              "outcomes: the server is starting; this one starts when it is ready"
                  + " (OUTCOMES_SERVER=off runs it apart)\n"),
          err);
      assertTrue(run.out().contains("Done in "));
      assertTrue(Files.isRegularFile(out.resolve("run.json")));
      assertEquals(0, stop(starting).rc());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server stopped");
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int start = log.indexOf("outcomes: starting a server at " + starting);
      int ready = log.indexOf("outcomes: serving runs from ");
      int ran = log.indexOf("--out " + out + " -> exit 0 in ");
      assertTrue(start >= 0 && start < ready && ready < ran, log);
      assertTrue(
          log.contains(
              "Spark, then the job once on 300 generated clients; a run sent meanwhile waits for"
                  + " it"),
          log);
      assertFalse(Files.exists(starting), "its socket is gone");
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * A stop sent while the server starts waits for the start, and the stopped server's socket is
   * gone before the stop is answered: a server started at once on the same path finds it free and
   * answers there once the first has stopped, and both leave nothing behind ({@link
   * ServerSocketPathTest} holds a server's removal of its socket to its own).
   */
  @Test
  @Order(12)
  void aStopWhileStartingWaitsAndANewServerKeepsItsSocket()
      throws IOException, InterruptedException {
    Path sock = tmp.resolve("restart").resolve("outcomes.sock");
    Process first = startServe(sock, "--warm-up-clients", "0");
    Process second = null;
    try {
      awaitFile(sock, first);
      Served stopped = stop(sock);
      assertEquals(0, stopped.rc());
      assertEquals(
          "outcomes: the server is starting; it stops as soon as it has started\n", stopped.err());
      assertFalse(Files.exists(sock), "the socket went before the stop was answered");
      second = startServe(sock, "--warm-up-clients", "0");
      assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first server stopped");
      assertEquals(0, first.exitValue());
      awaitFile(sock, second);
      assertEquals(
          0,
          callAt(sock, CWD, ServerClient.PING.toArray(String[]::new)).rc(),
          "the second server answers at the path after the first stopped");
      assertEquals(0, stop(sock).rc());
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second server stopped");
      assertEquals(0, second.exitValue());
      try (var left = Files.list(sock.getParent())) {
        assertEquals(List.of(), left.toList(), "no socket, bound name or scratch folder left");
      }
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
      }
    }
  }

  /** {@code serve --stop} sent to the server at {@code sock}. */
  private static Served stop(Path sock) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        ServerClient.command(
            sock,
            new String[] {"serve", "--stop"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Served(
        rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void awaitFile(Path p, Process server) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(p)) {
      assertTrue(server.isAlive(), "the server stopped");
      assertTrue(System.nanoTime() < until, "no " + p);
      Thread.sleep(10);
    }
  }

  private static void setOld(Path p) {
    try {
      Files.setLastModifiedTime(
          p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] a, String last) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = last;
    return r;
  }
}
