package clinic.outcomes.pipeline;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientPass;
import clinic.outcomes.output.ParquetRowReader;
import clinic.outcomes.output.RunFolder;
import clinic.outcomes.output.TableWriter;
import clinic.outcomes.spark.JobCounter;
import clinic.outcomes.spark.Work;
import clinic.outcomes.stage.IngestStage;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.Reading;
import clinic.outcomes.validate.LocalValidation;
import clinic.outcomes.validate.Validated.Accounting;
import clinic.outcomes.validate.ValidationStage;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's rows are moved: in a Spark session (any input, on this machine or a cluster), or in
 * this JVM without one (the local engine: CSV inputs of at most {@value #LOCAL_MAX_BYTES} bytes on
 * this machine, less for a small heap, see {@link Pipeline#runsLocally}). Each method is one step
 * of {@link Pipeline} that differs between the two; the rules, the client pass's walk, the
 * statistics, the writers and the reports are the same code either way, and {@code LocalEngineTest}
 * holds the two engines' run folders equal.
 */
final class Engine {
  /**
   * The largest input the local engine takes: 64 MiB, about 330,000 sessions with their scores, the
   * size below which the launcher also keeps to the quick compiler. It holds the staged records in
   * memory and walks the clients on every core; the two engines alternating on inputs of 20, 38 and
   * 57 MiB, three runs each, the local one took 8.8-11.1 s against Spark's 13.9-17.3 s, 13.6-17.9 s
   * against 18.3-22.8 s and 18.7-22.7 s against 22.9-29.8 s (docs/performance.md, section 11).
   */
  static final long LOCAL_MAX_BYTES = 64L << 20;

  /**
   * Heap per byte of input the local engine may need: its live set was about 14 bytes per byte of
   * input at 57 MiB (800 MB), and the collector needs room above that. A smaller heap ({@code
   * OUTCOMES_JAVA_OPTS=-Xmx...}) lowers the bound; Spark spills to disk instead.
   */
  static final long LOCAL_HEAP_PER_INPUT_BYTE = 32;

  /** The local engine's bound in this JVM: {@link #LOCAL_MAX_BYTES}, less for a small heap. */
  static long localMaxBytes() {
    return Math.min(LOCAL_MAX_BYTES, Runtime.getRuntime().maxMemory() / LOCAL_HEAP_PER_INPUT_BYTE);
  }

  private final SparkSession spark;
  private final Configuration conf;
  private final JobCounter counter;
  private final ValidationStage validation;

  private Engine(SparkSession spark, Configuration conf) {
    this.spark = spark;
    this.conf = conf;
    this.counter = spark == null ? null : JobCounter.attach(spark);
    this.validation = spark == null ? null : new ValidationStage(spark);
  }

  /** The Spark engine: every step in {@code spark}'s jobs. */
  static Engine spark(SparkSession spark) {
    return new Engine(spark, spark.sparkContext().hadoopConfiguration());
  }

  /** The local engine: every step in this JVM, files through {@code conf}. */
  static Engine local(Configuration conf) {
    return new Engine(null, conf);
  }

  SparkSession session() {
    return spark;
  }

  Configuration conf() {
    return conf;
  }

  /** Jobs, tasks and CPU so far (the local engine: none, and this JVM's CPU). */
  Work work() {
    return counter != null ? counter.work() : new Work(0, 0, 0, 0, 0, JobCounter.processCpuNanos());
  }

  /** Spark tasks {ended, submitted} so far, for the progress line; null for the local engine. */
  long[] tasks() {
    return counter != null ? counter.tasks() : null;
  }

  void detach() {
    if (counter != null) {
      counter.detach(spark);
    }
  }

  /**
   * Input bytes per row, to size the pass's partitions before the rows are counted: the generated
   * clinics' CSV files hold about 49 bytes per record (2.04 GB for 41.8 million at 10M sessions).
   */
  static final long BYTES_PER_ROW = 49;

  /** The Spark engine's pass, planned by {@link #ingest}, whose map stage read the inputs. */
  private ClientPass pass;

  /**
   * Reads every input file ({@link IngestStage}). The Spark engine reads the CSV files' records
   * straight into the pass's shuffle by client (the pass's map stage, run here): no staging copy.
   */
  Ingested ingest(RunRequest req, RunFolder folder) {
    if (spark == null) {
      return new IngestStage(conf, req.input(), folder.staging(), req.maxInputDate()).run();
    }
    IngestStage stage = new IngestStage(spark, req.input(), folder.staging(), req.maxInputDate());
    Reading r = stage.read();
    Dataset<Row> input = r.failed() ? null : validation.input(r);
    if (input == null) {
      r.readAlone(); // a file failed before its records: the first problem in file order wins
      return stage.finish(r);
    }
    pass = new ClientPass(spark, req.settings(), input, r.estimatedRows(BYTES_PER_ROW));
    pass.readInput();
    return stage.finish(r);
  }

  /** The check of session ids across clients and the pass's input, ready to run. */
  ClientPass clientPass(Settings settings, Ingested staged) {
    if (spark == null) {
      return new ClientPass(conf, settings, LocalValidation.input(staged));
    }
    pass.conflicts(validation.conflicts(staged.sessions(), staged.reading().sessionIdFiles()));
    return pass;
  }

  /** Writes the rejects table and {@code rejects.csv}; returns their rows. */
  long writeRejects(
      TableWriter tables,
      Ingested staged,
      ClientPass.Result derived,
      Map<String, Accounting> accounting) {
    long expected = accounting.values().stream().mapToLong(Accounting::rejected).sum();
    if (spark != null) {
      long n =
          tables.writeRejects(validation.rejects(staged, derived.rejected(), accounting), expected);
      if (n != expected) { // each reject's raw text is read again from its input file
        throw new IllegalStateException(
            "rejects.csv would hold " + n + " of the " + expected + " rejected records");
      }
      return n;
    }
    List<Row> rejected =
        expected == 0
            ? List.of()
            : ParquetRowReader.read(conf, derived.rejectedDir(), ClientPass.REJECTED_SCHEMA);
    return tables.writeRejects(
        conf, LocalValidation.rejects(staged, rejected), LocalValidation.REJECTS);
  }

  /** The Spark version the job runs with (the local engine: the one on the class path). */
  String sparkVersion() {
    return spark != null ? spark.version() : org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }
}
