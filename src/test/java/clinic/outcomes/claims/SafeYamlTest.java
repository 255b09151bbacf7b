package clinic.outcomes.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one YAML loader of claims and job files: plain values only, no duplicate keys, UTF-8, and a
 * refusal of one line that names the file, the line and column, in the words of the document.
 */
class SafeYamlTest {
  @TempDir Path tmp;

  private String refusal(String text, SafeYaml.Document d) throws IOException {
    Path f = tmp.resolve("doc.yaml");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    String m = assertThrows(SettingsException.class, () -> SafeYaml.load(f, d)).getMessage();
    assertTrue(m.startsWith(f + ": "), m);
    assertEquals(1, m.lines().count(), "one line: " + m);
    return m;
  }

  @Test
  void plainValuesAreLoaded() throws IOException {
    Path f = tmp.resolve("job.yaml");
    Files.writeString(f, "\uFEFFreport: none\nsettings: {min_cell_size: 11}\nlist: [a, b]\n");
    assertEquals(
        Map.of(
            "report", "none", "settings", Map.of("min_cell_size", 11), "list", List.of("a", "b")),
        SafeYaml.load(f, SafeYaml.Document.JOB));
  }

  @Test
  void aJobFileErrorNamesLineAndColumn() throws IOException {
    String m = refusal("report: none\nsettings:\n  a: [1\n", SafeYaml.Document.JOB);
    assertTrue(m.contains(": line ") && m.contains(", column "), m);
    assertTrue(m.contains("not valid YAML"), m);
  }

  @Test
  void duplicateKeysAndTypeTagsAreRefusedInBothKinds() throws IOException {
    String dup = refusal("report: none\nreport: both\n", SafeYaml.Document.JOB);
    assertTrue(dup.contains("line 2") && dup.contains("duplicate key"), dup);
    String tag = refusal("input: !!java.io.File [/etc/passwd]\n", SafeYaml.Document.JOB);
    assertTrue(tag.contains("not valid YAML: YAML type tags are not allowed in a job file"), tag);
    String claims = refusal("claims:\n  - id: c1\n    statement: !x s\n", SafeYaml.Document.CLAIMS);
    assertTrue(claims.contains("claim 'c1'") && claims.contains("malformed YAML"), claims);
    assertTrue(claims.contains("YAML type tags are not allowed in a claims file"), claims);
  }

  @Test
  void missingAndNonUtf8FilesAreNamed() throws IOException {
    Path none = tmp.resolve("missing.yaml");
    assertEquals(
        none + ": no such job file",
        assertThrows(SettingsException.class, () -> SafeYaml.load(none, SafeYaml.Document.JOB))
            .getMessage());
    Path latin1 = tmp.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    assertEquals(
        latin1 + ": is not UTF-8 text",
        assertThrows(SettingsException.class, () -> SafeYaml.load(latin1, SafeYaml.Document.JOB))
            .getMessage());
  }
}
