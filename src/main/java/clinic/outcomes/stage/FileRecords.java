package clinic.outcomes.stage;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.types.StructType;

/**
 * One input file's records as the Spark engine's pass reads them: either a Spark dataset of their
 * staged values, read from the CSV file by the first job that asks for them (no staging copy), or a
 * staging Parquet file (a Parquet input, checked and staged by its own job).
 *
 * @param table the table's base name ({@code sessions}, {@code pain_scores}, {@code clients})
 * @param fileName the file's name as the user sees it
 * @param stagingSchema the layout of the staged values ({@link StagingColumns#schema})
 * @param records a CSV file's staged values, one array per record in {@code stagingSchema}'s order;
 *     null for a Parquet input, or a CSV file whose header failed
 * @param staging a Parquet input's staging file; null for a CSV file
 * @param bytes the input's size in bytes (to size the pass's partitions before its rows are known)
 */
public record FileRecords(
    String table,
    String fileName,
    StructType stagingSchema,
    JavaRDD<Object[]> records,
    String staging,
    long bytes) {}
