/**
 * Ingest: streaming CSV reading, header resolution against the data contract, the privacy guard and
 * the stateless per-row rules of the input files {@code sessions.csv}, {@code pain_scores.csv} and
 * {@code clients.csv}.
 *
 * <p>Pure Java (JDK only, no Spark). A whole-file problem is an {@link
 * clinic.outcomes.ingest.InputFileException} (exit code 2, or 3 for the privacy guard); a bad row
 * is data: a {@link clinic.outcomes.ingest.Checked} result with its reason codes. The stateful
 * rules (duplicates, {@code conflicting_duplicate}, {@code unknown_session}, {@code date_mismatch})
 * are applied later, in Spark.
 */
package clinic.outcomes.ingest;
