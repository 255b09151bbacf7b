package clinic.outcomes.cli;

import clinic.outcomes.notebook.KernelSpec;
import clinic.outcomes.notebook.RunTables;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcomes notebook}: installs the notebooks' Java kernel spec into the project's {@code
 * target/jupyter/} and starts Jupyter on {@code notebooks/} (docs/notebooks.md).
 */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = {
      "Starts Jupyter on the notebooks (notebooks/), which read the run folder out/ (or --run DIR).",
      "First it installs their Java kernel (rapaio-jupyter-kernel from Maven Central, fetched into",
      "target/notebook/) as a project-local kernel spec under target/jupyter/.",
      "Jupyter itself comes from Debian: " + NotebookCommand.APT
    })
final class NotebookCommand implements Callable<Integer> {
  /** The Debian packages the notebooks need. */
  static final String APT =
      "apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbconvert "
          + "python3-nbclient jupyter-client python3-ipykernel";

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description =
          "The run folder the notebooks read (sets " + RunTables.ENV + "; default: out/).")
  Path run;

  @Option(
      names = "--port",
      defaultValue = "8888",
      description = "Jupyter's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-browser", description = "Do not open a browser (print the URL only).")
  boolean noBrowser;

  @Option(
      names = "--install-only",
      description = "Write the kernel spec and print how to use it; do not start Jupyter.")
  boolean installOnly;

  @Override
  public Integer call() {
    Path project = projectFolder();
    Optional<Path> jar = KernelSpec.kernelJar(project.resolve("target/notebook"));
    if (jar.isEmpty()) {
      System.err.println(
          "outcomes: fetching the notebook kernel with Maven (profile notebook) ...");
      int rc =
          run(
              project,
              Map.of(),
              "mvn",
              "-q",
              "-B",
              "-Pnotebook",
              "dependency:copy@notebook-kernel");
      jar = KernelSpec.kernelJar(project.resolve("target/notebook"));
      if (rc != 0 || jar.isEmpty()) {
        System.err.println(
            "outcomes: could not fetch the kernel (mvn -Pnotebook dependency:copy@notebook-kernel "
                + "exited with "
                + rc
                + "); it needs Maven and Maven Central.");
        return 1;
      }
    }
    Path jupyterData = project.resolve("target/jupyter");
    Path spec =
        KernelSpec.write(
            project.resolve("notebooks/kernel"),
            jupyterData,
            KernelSpec.currentJava(),
            jar.get(),
            KernelSpec.classpath(project));
    System.out.println("kernel spec: " + spec + " (kernel " + jar.get().getFileName() + ")");
    if (installOnly) {
      System.out.println(
          "use it with: JUPYTER_PATH=" + jupyterData + " jupyter notebook notebooks/");
      return 0;
    }
    if (!onPath("jupyter")) {
      System.err.println("outcomes: Jupyter is not installed. On Debian/Ubuntu: sudo " + APT);
      return 1;
    }
    Map<String, String> env = new java.util.HashMap<>();
    String path = System.getenv("JUPYTER_PATH");
    env.put(
        "JUPYTER_PATH",
        jupyterData + (path == null || path.isBlank() ? "" : File.pathSeparator + path));
    if (run != null) {
      env.put(RunTables.ENV, run.toAbsolutePath().normalize().toString());
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "jupyter",
                "notebook",
                "--notebook-dir=" + project.resolve("notebooks"),
                "--ip=127.0.0.1",
                "--port=" + port));
    if (noBrowser) {
      cmd.add("--no-browser");
    }
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("--allow-root"); // Jupyter refuses root otherwise (containers, CI machines)
    }
    System.out.println(
        "starting Jupyter on "
            + project.resolve("notebooks")
            + " (Ctrl-C stops it); pick the kernel "
            + "\"Java 17 (outcomes)\" for a new notebook");
    return run(project, env, cmd.toArray(new String[0]));
  }

  /** The project folder: the one holding target/ with this jar (or target/classes). */
  static Path projectFolder() {
    try {
      Path code =
          Path.of(
              NotebookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = code.getParent();
      return target.getParent().toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the project folder", e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static int run(Path dir, Map<String, String> env, String... cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      // Ctrl-C ends this JVM at once: stop the child cleanly (Jupyter shuts its kernels down on
      // SIGTERM).
      Thread stop =
          new Thread(
              () -> {
                if (p.isAlive()) {
                  p.destroy();
                  try {
                    p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
      Runtime.getRuntime().addShutdownHook(stop);
      int rc = p.waitFor();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // Ctrl-C: the JVM is shutting down already and the hook stops the child; nothing to undo
      }
      return rc;
    } catch (IOException e) {
      System.err.println("outcomes: cannot start " + cmd[0] + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }
}
