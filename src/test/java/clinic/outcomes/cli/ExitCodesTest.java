package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The exit codes the help lists are exactly the codes the command line returns: the {@code EXIT_*}
 * constants of {@link Main} (which {@link RunCommand} and {@link Errors} return), 0 to 4.
 */
class ExitCodesTest {
  @Test
  void helpListsEveryExitCodeAndNoOther() throws IllegalAccessException {
    List<String> listed = List.of(Main.class.getAnnotation(Command.class).exitCodeList());
    TreeSet<Integer> inHelp = new TreeSet<>();
    for (String line : listed) {
      inHelp.add(Integer.parseInt(line.substring(0, line.indexOf(':'))));
    }
    TreeSet<Integer> constants = new TreeSet<>();
    for (Field f : Main.class.getFields()) {
      if (f.getName().startsWith("EXIT_") && Modifier.isStatic(f.getModifiers())) {
        constants.add(f.getInt(null));
      }
    }
    assertEquals(new TreeSet<>(Arrays.asList(0, 1, 2, 3, 4)), inHelp, "codes in the help");
    assertEquals(inHelp, constants, "the help lists the codes of Main's EXIT_ constants");
    assertEquals(listed.size(), inHelp.size(), "each code listed once");
  }

  @Test
  void exitCodeForFailOnIsFour() {
    assertEquals(4, Main.EXIT_CLAIM_FAILED, "docs and scripts rely on 4 for --fail-on");
    assertEquals(3, Main.EXIT_PRIVACY);
    assertEquals(2, Main.EXIT_BAD_INPUT);
  }
}
