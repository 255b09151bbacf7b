package clinic.outcomes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph follows the data flow: settings and vocabulary at the bottom, the pure
 * statistics and the disclosure audit beside them, then Spark helpers and the run folder, then the
 * stages in the order the data passes through them (ingest, validate, episodes, analysis), then the
 * reports, and the pipeline and command line on top. The allowed imports are written out here once,
 * as the documentation of the graph (docs/architecture.md draws the same table); a new import
 * against the flow fails this test with the class that made it.
 */
class ArchitectureTest {

  /** Which project packages each package may import (besides itself). */
  static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    allow("core");
    allow("stats");
    allow("disclosure");
    allow("ingest", "core");
    allow("generate", "core");
    allow("spark", "core");
    allow("output", "core", "spark");
    allow("claims", "core");
    allow("stage", "core", "ingest", "output", "spark");
    allow("validate", "core", "ingest", "output", "spark", "stage");
    allow("episodes", "core", "output", "spark", "stats", "validate");
    allow("analysis", "core", "claims", "episodes", "output", "spark", "stats");
    allow(
        "report",
        "core",
        "claims",
        "disclosure",
        "output",
        "spark",
        "stats",
        "validate",
        "episodes");
    allow("notebook", "core", "output", "report", "stats");
    allow(
        "pipeline",
        "core",
        "analysis",
        "claims",
        "episodes",
        "ingest",
        "output",
        "report",
        "spark",
        "stage",
        "validate");
    allow("bench", "core", "output", "spark");
    allow(
        "cli",
        "core",
        "claims",
        "generate",
        "ingest",
        "notebook",
        "output",
        "pipeline",
        "spark",
        "stage",
        "validate");
  }

  private static void allow(String pkg, String... imports) {
    ALLOWED.put(pkg, new TreeSet<>(Set.of(imports)));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("clinic.outcomes");
  }

  @Test
  void everyPackageImportsOnlyWhatTheFlowAllows() {
    for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
      String[] forbidden =
          ALLOWED.keySet().stream()
              .filter(p -> !p.equals(e.getKey()) && !e.getValue().contains(p))
              .map(p -> "clinic.outcomes." + p + "..")
              .toArray(String[]::new);
      if (forbidden.length == 0) {
        continue;
      }
      noClasses()
          .that()
          .resideInAPackage("clinic.outcomes." + e.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden)
          .because("the package graph follows the data flow (ArchitectureTest.ALLOWED)")
          .check(classes);
    }
  }

  @Test
  void everyPackageIsInTheGraph() {
    Set<String> packages = new TreeSet<>();
    classes.forEach(
        c -> {
          String name = c.getPackageName();
          if (name.startsWith("clinic.outcomes.")) {
            packages.add(name.substring("clinic.outcomes.".length()).split("\\.")[0]);
          }
        });
    packages.removeAll(ALLOWED.keySet());
    if (!packages.isEmpty()) {
      throw new AssertionError("packages missing from ArchitectureTest.ALLOWED: " + packages);
    }
  }

  @Test
  void thePackagesHaveNoCycles() {
    slices().matching("clinic.outcomes.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void statisticsAndTheAuditAreFreeOfSpark() {
    noClasses()
        .that()
        .resideInAnyPackage("clinic.outcomes.stats..", "clinic.outcomes.disclosure..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
        .because("statistics are pure functions over arrays or histograms")
        .check(classes);
  }
}
