package clinic.outcomes.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone master and worker on 127.0.0.1, started from Spark's Maven jars alone (no
 * Spark distribution; see STACK.md): {@code SPARK_HOME} is a folder whose {@code jars/} holds links
 * to the jars listed in {@code target/spark-classpath.txt} (Spark and what it brings, without the
 * project's own dependencies, so the submitted jar must carry those). Every port is a free one
 * picked at start, so that parallel builds never collide. {@link #close()} stops the worker, its
 * executors and the master by their own process ids.
 */
final class StandaloneCluster implements AutoCloseable {
  /** The environment every Spark process of the cluster (and the driver) gets. */
  private final Map<String, String> env;

  private final Path home;
  private final Path javaBin;
  private final int masterPort;
  private final int masterWebPort;
  private final Process master;
  private final Process worker;

  private StandaloneCluster(
      Path home,
      Map<String, String> env,
      int masterPort,
      int masterWebPort,
      Process master,
      Process worker) {
    this.home = home;
    this.env = env;
    this.javaBin = javaBinary();
    this.masterPort = masterPort;
    this.masterWebPort = masterWebPort;
    this.master = master;
    this.worker = worker;
  }

  /**
   * Starts a master and one worker with {@code cores} cores and {@code memory} (e.g. "2g") for
   * executors; returns at once (see {@link #awaitWorker(Duration)}).
   *
   * @param sparkJars the jars of Spark alone
   * @param dir an empty folder for SPARK_HOME, logs and the worker's work and scratch folders
   */
  static StandaloneCluster start(List<Path> sparkJars, Path dir, int cores, String memory)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (Path jar : sparkJars) {
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
    }
    Path scratch = Files.createDirectories(dir.resolve("worker-scratch"));
    Map<String, String> env =
        Map.of(
            "SPARK_HOME",
            home.toString(),
            "SPARK_SCALA_VERSION",
            "2.13",
            "SPARK_LOCAL_IP",
            "127.0.0.1",
            // executors' shuffle and block files stay inside the test's folder
            "SPARK_LOCAL_DIRS",
            scratch.toString());
    int[] ports = freePorts(4);
    Process master = null;
    try {
      master =
          launch(
              home,
              env,
              dir.resolve("master.log"),
              List.of(
                  "-Xmx512m",
                  "org.apache.spark.deploy.master.Master",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(ports[0]),
                  "--webui-port",
                  Integer.toString(ports[1])));
      Process worker =
          launch(
              home,
              env,
              dir.resolve("worker.log"),
              List.of(
                  "-Xmx512m",
                  "org.apache.spark.deploy.worker.Worker",
                  "spark://127.0.0.1:" + ports[0],
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(ports[2]),
                  "--webui-port",
                  Integer.toString(ports[3]),
                  "--cores",
                  Integer.toString(cores),
                  "--memory",
                  memory,
                  "--work-dir",
                  Files.createDirectories(dir.resolve("worker-work")).toString()));
      return new StandaloneCluster(home, env, ports[0], ports[1], master, worker);
    } catch (IOException | RuntimeException e) {
      if (master != null) {
        stop(master);
      }
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's JSON status ({@code /json/} of its web UI). */
  String masterStatus() {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebPort + "/json/"))
              .timeout(Duration.ofSeconds(10))
              .build();
      return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the worker has registered with the master.
   *
   * @throws IllegalStateException naming the logs when a process died or the time ran out
   */
  void awaitWorker(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException(
            "the "
                + (master.isAlive() ? "worker" : "master")
                + " exited before the worker registered\n"
                + logs());
      }
      Matcher m = alive.matcher(masterStatus());
      if (m.find() && Integer.parseInt(m.group(1)) >= 1) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "no worker registered with the master within " + timeout + "\n" + logs());
  }

  /**
   * Runs {@code SparkSubmit} in client mode against this master, as {@code spark-submit} would,
   * with the cluster's environment; its stdout and stderr go to {@code log}.
   *
   * @return the exit code, or -1 when it was stopped after {@code timeout}
   */
  int submit(List<String> sparkSubmitArgs, Path workingDir, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin.toString(),
                "-Xmx1g",
                "-cp",
                home.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                masterUrl()));
    cmd.addAll(sparkSubmitArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process driver = pb.start();
    try {
      if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return -1;
      }
      return driver.exitValue();
    } finally {
      stop(driver);
    }
  }

  /** The last lines of the master, worker and executor logs, for failure messages. */
  String logs() {
    StringBuilder b = new StringBuilder();
    Path dir = home.getParent();
    b.append(tail(dir.resolve("master.log"), 30)).append(tail(dir.resolve("worker.log"), 30));
    try (Stream<Path> s = Files.walk(dir.resolve("worker-work"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList()) {
        b.append(tail(p, 30));
      }
    } catch (IOException e) {
      b.append("(cannot list the executor logs: ").append(e.getMessage()).append(")\n");
    }
    return b.toString();
  }

  /** The last {@code n} lines of a log file, headed by its path. */
  static String tail(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "---- last "
          + Math.min(n, lines.size())
          + " lines of "
          + file
          + "\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()))
          + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "---- " + file + ": " + e.getMessage() + "\n";
    }
  }

  /** Stops the worker (with any executor it still runs), then the master, each by its own id. */
  @Override
  public void close() {
    List<ProcessHandle> executors = worker.descendants().toList();
    stop(worker);
    for (ProcessHandle h : executors) {
      stop(h);
    }
    stop(master);
  }

  /** Asks a process to stop (SIGTERM), then kills it after 20 s. */
  static void stop(Process p) {
    stop(p.toHandle());
  }

  private static void stop(ProcessHandle h) {
    if (!h.isAlive()) {
      return;
    }
    h.destroy();
    try {
      h.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
      h.onExit().join();
    }
  }

  private static Process launch(Path home, Map<String, String> env, Path log, List<String> args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of(javaBinary().toString(), "-cp", home.resolve("jars") + "/*"));
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** {@code n} distinct ports that were free a moment ago. */
  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
