package clinic.outcomes.cli;

import java.util.Arrays;

/**
 * The Main-Class of both jars: it uses nothing but the JDK, so that {@code java -jar} on a jar that
 * lacks what a command needs says in one line what to run instead (exit 2), rather than failing
 * with a NoClassDefFoundError. {@code target/outcomes.jar} holds the project's classes only (its
 * libraries are in target/lib, put on the class path by ./outcomes); the spark-submit jar has no
 * Spark inside (spark-submit brings it).
 */
public final class Launch {
  private Launch() {}

  public static void main(String[] args) {
    String problem =
        problem(present("picocli.CommandLine"), present("org.apache.spark.sql.SparkSession"), args);
    if (problem != null) {
      System.err.println(problem);
      System.exit(Main.EXIT_BAD_INPUT);
    }
    Main.main(args);
  }

  /** What is missing for {@code args}, as the one line to print; null when nothing is. */
  static String problem(boolean libraries, boolean spark, String[] args) {
    String shown = args.length == 0 ? "" : " " + String.join(" ", args);
    if (!libraries) {
      return "outcomes: this jar holds the project's classes only: run ./outcomes"
          + shown
          + " (or java -cp 'target/outcomes.jar:target/lib/*' clinic.outcomes.cli.Main"
          + shown
          + ")";
    }
    boolean needsSpark =
        args.length > 0
            && (args[0].equals("run") && !help(args)
                || args[0].equals("sql")
                    && Arrays.stream(args).anyMatch(a -> a.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*")));
    if (!spark && needsSpark) {
      return "outcomes: this jar is for spark-submit (Spark is not inside): spark-submit --class clinic.outcomes.cli.Main"
          + " target/outcomes-spark-submit.jar"
          + shown
          + " (or ./outcomes"
          + shown
          + " on this machine)";
    }
    return null;
  }

  private static boolean help(String[] args) {
    return Arrays.stream(args)
        .anyMatch(
            a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"));
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Launch.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
