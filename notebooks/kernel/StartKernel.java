import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 reliably. Two start-up faults of that version were seen here,
 * together in about every second start, and both leave Jupyter waiting for a kernel that never
 * answers ("Kernel didn't respond in 240 seconds"):
 *
 * <ol>
 *   <li>{@code Channels.connect} binds the shell socket (and starts its loop) before it creates its
 *       map of message handlers; a request arriving in between kills the shell loop with a
 *       NullPointerException. The kernel process here gives the channels an empty map first, so
 *       such a request is logged as "Unhandled message" and Jupyter's repeated request is answered.
 *   <li>Sometimes the bound shell socket never receives anything (the control socket does); the
 *       cause lies in the kernel's bundled ZeroMQ and was not found. A fresh process does not
 *       have it.
 * </ol>
 *
 * <p>In the second case a client's TCP connection to the shell port is established, and its bytes
 * wait unread in the kernel's receive queue. So this program supervises: it runs the kernel as a
 * child process (this class with {@code --kernel}) and passes its output through; when a client has
 * been connected to the shell port (an established connection in {@code /proc/net/tcp6} or
 * {@code tcp}) for {@value #SHELL_WAIT_SECONDS} seconds and no request has reached the shell channel
 * (Jupyter sends {@code kernel_info_request} as soon as it connects and repeats it every second), it
 * stops the child and starts another on the same ports, up to {@value #STARTS} times. A kernel no
 * client has connected to yet is left alone (a notebook server connects when a browser opens the
 * notebook), and so is every kernel where {@code /proc} is not there. Once the shell works, it waits
 * for the child and exits with its exit code; if it is stopped itself, it stops the child, and a
 * child whose supervisor is gone stops itself.
 *
 * <p>{@code ./outcomes notebook} compiles this file into the kernel spec folder and
 * notebooks/kernel/kernel.json runs it: {@code java -cp KERNEL_JAR:SPEC_FOLDER StartKernel
 * CONNECTION_FILE}. Revisit when a kernel version without these faults is on Maven Central.
 */
public class StartKernel {
  static final int SHELL_WAIT_SECONDS = 10;
  static final int STARTS = 5;

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--kernel")) {
      runKernel(args[1]);
    } else if (args.length == 1) {
      System.exit(supervise(args[0]));
    } else {
      throw new IllegalArgumentException("usage: StartKernel CONNECTION_FILE");
    }
  }

  /** Runs kernels as child processes until one answers on its shell channel; returns its exit code. */
  static int supervise(String connectionFile) throws Exception {
    int shellPort = Transform.fromJson(Files.readString(Path.of(connectionFile), StandardCharsets.UTF_8),
        ConnectionProperties.class).shellPort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "StartKernel", "--kernel", connectionFile));
    for (int start = 1; start <= STARTS; start++) {
      Process kernel = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
      Thread stop = new Thread(kernel::destroy);
      Runtime.getRuntime().addShutdownHook(stop);
      CountDownLatch bound = new CountDownLatch(1);
      CountDownLatch answered = new CountDownLatch(1);
      Thread relay = new Thread(() -> relay(kernel, bound, answered), "kernel-stderr");
      relay.setDaemon(true);
      relay.start();
      while (kernel.isAlive() && !bound.await(1, TimeUnit.SECONDS)) {
        // the kernel is still starting (JShell and the class path come first)
      }
      if (!stuck(kernel, answered, shellPort)) {
        int code = kernel.waitFor();
        relay.join(2000);
        return code;
      }
      System.err.println("StartKernel: a client has been connected to the shell for " + SHELL_WAIT_SECONDS
          + " s and no request reached it; starting the kernel again (" + (start + 1) + " of " + STARTS + ")");
      kernel.destroyForcibly().waitFor();
      Runtime.getRuntime().removeShutdownHook(stop);
    }
    System.err.println("StartKernel: the kernel did not answer after " + STARTS + " starts");
    return 1;
  }

  /**
   * Waits until the shell has had a request (false), the kernel ends (false), or a client has been
   * connected to the shell port for SHELL_WAIT_SECONDS without a request reaching it (true).
   */
  static boolean stuck(Process kernel, CountDownLatch answered, int shellPort) throws InterruptedException {
    long connectedSince = -1;
    while (kernel.isAlive()) {
      if (answered.await(1, TimeUnit.SECONDS)) {
        return false;
      }
      if (!clientConnected(shellPort)) {
        connectedSince = -1;
      } else if (connectedSince < 0) {
        connectedSince = System.nanoTime();
      } else if (System.nanoTime() - connectedSince > TimeUnit.SECONDS.toNanos(SHELL_WAIT_SECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** True when /proc lists an established TCP connection whose local port is the shell port. */
  static boolean clientConnected(int port) {
    String hexPort = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp6", "/proc/net/tcp")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("01")) {
            return true;
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // no /proc (not Linux): never judge a kernel stuck
      }
    }
    return false;
  }

  /** Copies the kernel's log to ours and notes when the shell is bound and when it got a request. */
  private static void relay(Process kernel, CountDownLatch bound, CountDownLatch answered) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(kernel.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        System.err.println(line);
        if (line.contains("[ShellChannel]: Binding")) {
          bound.countDown();
        } else if (line.contains("[ShellChannel]: Handling message") || line.contains("[ShellChannel]: Unhandled message")) {
          answered.countDown();
        }
      }
    } catch (java.io.IOException e) {
      // the kernel is gone
    }
  }

  /** The kernel itself, as its MainApp starts it, with the handler map set before the sockets are bound. */
  static void runKernel(String connectionFile) throws Exception {
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    LogManager.getLogManager().readConfiguration(
        MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
    String json = Files.readString(Path.of(connectionFile), StandardCharsets.UTF_8);
    Channels channels = new Channels(Transform.fromJson(json, ConnectionProperties.class));
    Field handlers = Channels.class.getDeclaredField("handlers");
    handlers.setAccessible(true);
    handlers.set(channels, new HashMap<>());
    channels.connect(MainApp.kernel);
    channels.joinUntilClose();
  }
}
