package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.pipeline.RunManifest;
import clinic.outcomes.spark.Sparks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's promises that need no Spark: version, help text, java -jar, --conf. */
class LaunchAndHelpTest {
  @Test
  void theVersionIsTheBuildsNotDev() {
    // version.properties is filtered by Maven from the pom's <version>
    assertTrue(
        RunManifest.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), RunManifest.version());
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--version"));
    assertEquals("outcomes " + RunManifest.version(), out.toString().strip());
  }

  @Test
  void theTopLevelHelpListsEveryCommandWithAWholeSentence() {
    CommandLine cl = Main.commandLine();
    // picocli shows the first description line of each subcommand in the top-level list
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      String first = sub.getValue().getCommandSpec().usageMessage().description()[0];
      assertTrue(first.endsWith("."), sub.getKey() + ": " + first);
    }
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--help"));
    assertTrue(out.toString().contains("Spark SQL for a run on HDFS or S3)."), out.toString());
  }

  @Test
  void javaDashJarOnAJarWithoutWhatTheCommandNeedsSaysWhatToRun() {
    String[] run = {"run", "--out", "x"};
    assertEquals(
        "outcomes: this jar holds the project's classes only: run ./outcomes run --out x"
            + " (or java -cp 'target/outcomes.jar:target/lib/*' clinic.outcomes.cli.Main run --out x)",
        Launch.problem(false, false, run));
    assertEquals(
        "outcomes: this jar is for spark-submit (Spark is not inside): spark-submit --class"
            + " clinic.outcomes.cli.Main target/outcomes-spark-submit.jar run --out x (or ./outcomes run --out x on this machine)",
        Launch.problem(true, false, run));
    assertTrue(
        Launch.problem(true, false, new String[] {"sql", "--run", "hdfs://nn/out", "SELECT 1"})
            .contains("spark-submit"));
    assertNull(Launch.problem(true, false, new String[] {"run", "--help"}));
    assertNull(
        Launch.problem(true, false, new String[] {"generate", "--clients", "3", "--out", "x"}));
    assertNull(Launch.problem(true, true, run));
  }

  @Test
  void confEntriesAreKeyValueAndABadOneIsABadSetting() {
    assertEquals(
        Map.of("spark.sql.shuffle.partitions", "48", "spark.x", "a=b"),
        Sparks.conf(List.of("spark.sql.shuffle.partitions=48", "spark.x=a=b")));
    SettingsException e =
        assertThrows(
            SettingsException.class, () -> Sparks.conf(List.of("spark.sql.shuffle.partitions")));
    assertTrue(e.getMessage().startsWith("--conf takes KEY=VALUE"), e.getMessage());
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--conf", "spark.a=1", "--conf", "spark.b=2");
    assertEquals(List.of("spark.a=1", "spark.b=2"), run.conf);
  }
}
