package clinic.outcomes.claims;

import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one YAML loader of the project, for claims files and job files: UTF-8 text of at most 1 MiB,
 * plain maps, lists and scalars only (SnakeYAML's {@link SafeConstructor}: a type tag is refused),
 * no duplicate keys, bounded aliases and nesting. A refusal is a {@link SettingsException} of one
 * line naming the file and, where the parser knows it, the line, column and the field near it.
 */
public final class SafeYaml {
  /** The kinds of document, for the words of a refusal. */
  public enum Document {
    /** A claims file ({@code jobs/claims.yaml}). */
    CLAIMS("claims file", "malformed YAML"),
    /** A job file ({@code jobs/NAME.yaml}). */
    JOB("job file", "not valid YAML");

    private final String noun;
    private final String invalid;

    Document(String noun, String invalid) {
      this.noun = noun;
      this.invalid = invalid;
    }

    /** "claims file", "job file". */
    String noun() {
      return noun;
    }

    /** How a refusal by the parser starts: "malformed YAML", "not valid YAML". */
    String invalid() {
      return invalid;
    }
  }

  /** Largest file read, in bytes (and code points parsed). */
  static final int MAX_BYTES = 1 << 20;

  private static final int MAX_ALIASES = 50;
  private static final int MAX_NESTING = 20;

  private SafeYaml() {}

  /**
   * Reads and parses a file.
   *
   * @param file the file
   * @param document what the file is, for the messages
   * @return the document: maps, lists, strings, numbers, booleans, dates or null (empty file)
   * @throws SettingsException when the file is missing, too large, not UTF-8 or not valid YAML
   */
  public static Object load(Path file, Document document) {
    String name = file.toString();
    return parse(name, read(file, name, document), document);
  }

  /** The file's text (UTF-8, a byte-order mark dropped). */
  static String read(Path file, String name, Document document) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new SettingsException(
            name + ": is larger than " + MAX_BYTES + " bytes; not a " + document.noun());
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw new SettingsException(name + ": no such " + document.noun());
    } catch (CharacterCodingException e) {
      throw new SettingsException(name + ": is not UTF-8 text");
    } catch (IOException e) {
      throw new SettingsException(name + ": cannot be read: " + e.getMessage());
    }
  }

  /** Parses {@code text} of the file {@code name}. */
  static Object parse(String name, String text, Document document) {
    try {
      return yaml().load(text);
    } catch (MarkedYAMLException e) {
      throw new SettingsException(YamlProblems.describe(name, text, e, document));
    } catch (YAMLException e) {
      String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new SettingsException(name + ": " + document.invalid() + ": " + first);
    }
  }

  /** The loader: safe types only, bounded size, aliases and nesting, no duplicate keys. */
  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
