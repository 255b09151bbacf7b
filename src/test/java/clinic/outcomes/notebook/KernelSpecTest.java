package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel spec from the committed template notebooks/kernel/kernel.json. (Compiling StartKernel
 * needs the real kernel jar: notebooks/run-all does that, and runs the notebooks on it.)
 */
class KernelSpecTest {
  @TempDir Path tmp;

  @Test
  void theCommittedTemplateBecomesAKernelSpecWithTheProjectClassPath() throws IOException {
    Path project = tmp.resolve("my \"clinic\"");
    String json =
        KernelSpec.render(
            Files.readString(Path.of("notebooks/kernel/kernel.json")),
            Path.of("/usr/lib/jvm/java-17/bin/java"),
            "/k/rapaio-jupyter-kernel-3.0.1.jar:/spec",
            KernelSpec.classpath(project));

    JsonNode spec = new ObjectMapper().readTree(json);
    List<String> argv = List.of(new ObjectMapper().treeToValue(spec.get("argv"), String[].class));
    assertEquals("/usr/lib/jvm/java-17/bin/java", argv.get(0));
    assertEquals(
        List.of(
            "-cp", "/k/rapaio-jupyter-kernel-3.0.1.jar:/spec", "StartKernel", "{connection_file}"),
        argv.subList(argv.size() - 4, argv.size()));
    assertTrue(argv.contains("-Djava.awt.headless=true"), "charts render without a display");
    assertEquals("java", spec.get("language").asText());
    assertEquals(
        project.resolve("target/outcomes.jar") + ";" + project.resolve("target/lib/*.jar"),
        spec.get("env").get("RJK_CLASSPATH").asText(),
        "quotes in the path survive as JSON");
  }

  @Test
  void aTemplateWithoutAPlaceholderIsRefused() {
    assertEquals(
        "the kernel.json template has no @CLASSPATH@",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    KernelSpec.render(
                        "{\"argv\": [\"@JAVA@\", \"@KERNEL_CLASSPATH@\"]}",
                        Path.of("java"),
                        "k.jar",
                        List.of("a")))
            .getMessage());
  }

  @Test
  void theHighestKernelVersionIsTaken() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("notebook"));
    assertEquals(Optional.empty(), KernelSpec.kernelJar(folder));
    assertEquals(Optional.empty(), KernelSpec.kernelJar(tmp.resolve("missing")));
    for (String n :
        List.of(
            "rapaio-jupyter-kernel-3.0.9.jar", "rapaio-jupyter-kernel-3.0.10.jar", "other-9.jar")) {
      Files.writeString(folder.resolve(n), "");
    }
    assertEquals(
        Optional.of(folder.resolve("rapaio-jupyter-kernel-3.0.10.jar")),
        KernelSpec.kernelJar(folder));
  }
}
