package clinic.outcomes.notebook;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The Jupyter kernel spec of the project's notebooks: rapaio-jupyter-kernel (a Java kernel from
 * Maven Central) started with the project's jar and runtime libraries on the notebook class path.
 * It is written from {@code notebooks/kernel/} into a project-local Jupyter data folder ({@code
 * target/jupyter/kernels/outcomes-java/}), which Jupyter finds through {@code JUPYTER_PATH}:
 * nothing is installed in the user's or the system's Jupyter folders.
 *
 * <p>{@code notebooks/kernel/kernel.json} is the template; its placeholders are {@code @JAVA@} (the
 * java launcher), {@code @KERNEL_CLASSPATH@} (the kernel jar and the spec folder, where {@code
 * StartKernel} is compiled to) and {@code @CLASSPATH@} (the notebooks' class path, the kernel's
 * {@code RJK_CLASSPATH}: entries separated by {@code ;}, globs allowed). Values are JSON-escaped.
 * {@code notebooks/kernel/StartKernel.java} starts the kernel (it works around a start-up race of
 * the kernel, see there).
 */
public final class KernelSpec {
  /** The kernel's name, as the notebooks' metadata names it. */
  public static final String NAME = "outcomes-java";

  /** The kernel artifact's file name prefix under {@code target/notebook/}. */
  public static final String JAR_PREFIX = "rapaio-jupyter-kernel-";

  private static final String START = "StartKernel";

  private KernelSpec() {}

  /** The kernel jar in {@code folder} (the highest version when several), if there is one. */
  public static Optional<Path> kernelJar(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(JAR_PREFIX) && n.endsWith(".jar");
              })
          .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** Orders "rapaio-jupyter-kernel-3.0.10.jar" after "...-3.0.9.jar". */
  private static String versionKey(String name) {
    String v = name.substring(JAR_PREFIX.length(), name.length() - ".jar".length());
    StringBuilder key = new StringBuilder();
    for (String part : v.split("\\.")) {
      key.append(
              part.matches("\\d+")
                  ? String.format(Locale.ROOT, "%09d", Long.parseLong(part))
                  : part)
          .append('.');
    }
    return key.toString();
  }

  /** The notebook class path of a project: its jar and every runtime library, absolute. */
  public static List<String> classpath(Path project) {
    Path target = project.toAbsolutePath().normalize().resolve("target");
    return List.of(
        target.resolve("outcomes.jar").toString(),
        target.resolve("lib").resolve("*.jar").toString());
  }

  /**
   * Writes {@code <jupyterData>/kernels/outcomes-java/}: {@code kernel.json} from the template in
   * {@code source} and {@code StartKernel.class} compiled from {@code source/StartKernel.java}
   * against the kernel jar.
   *
   * @param source the folder {@code notebooks/kernel}
   * @return the kernel spec folder
   * @throws IllegalStateException when StartKernel does not compile (another kernel version) or
   *     this JVM has no compiler
   */
  public static Path write(
      Path source, Path jupyterData, Path java, Path kernelJar, List<String> classpath) {
    Path dir = jupyterData.toAbsolutePath().normalize().resolve("kernels").resolve(NAME);
    Path jar = kernelJar.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      compile(source.resolve(START + ".java"), jar, dir);
      String json =
          render(
              Files.readString(source.resolve("kernel.json"), StandardCharsets.UTF_8),
              java,
              jar + File.pathSeparator + dir,
              classpath);
      Files.writeString(dir.resolve("kernel.json"), json, StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kernel spec under " + jupyterData, e);
    }
  }

  private static void compile(Path start, Path kernelJar, Path dir) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("this Java has no compiler (a JDK is needed, not a JRE)");
    }
    StringWriter messages = new StringWriter();
    Boolean ok =
        javac
            .getTask(
                messages,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-cp",
                    kernelJar.toString(),
                    "-d",
                    dir.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(start.toFile()))
            .call();
    if (!ok) {
      throw new IllegalStateException(
          start + " does not compile against " + kernelJar.getFileName() + ":\n" + messages);
    }
  }

  /** The kernel.json text: the template with its placeholders filled in. */
  static String render(String template, Path java, String kernelClasspath, List<String> classpath) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("@JAVA@", java.toString());
    values.put("@KERNEL_CLASSPATH@", kernelClasspath);
    values.put("@CLASSPATH@", String.join(";", classpath));
    String json = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!json.contains(e.getKey())) {
        throw new IllegalArgumentException("the kernel.json template has no " + e.getKey());
      }
      json = json.replace(e.getKey(), jsonEscape(e.getValue()));
    }
    if (!json.contains("\"argv\"")) {
      throw new IllegalArgumentException("the kernel.json template has no argv");
    }
    return json;
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** The java launcher of the running JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
