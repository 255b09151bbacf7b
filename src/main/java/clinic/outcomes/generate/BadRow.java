package clinic.outcomes.generate;

/**
 * One appended row that a correct ingest does not accept.
 *
 * @param file the file name ({@code sessions.csv}, {@code pain_scores.csv}, {@code clients.csv})
 * @param line the physical line number (the header is line 1)
 * @param outcome {@code rejected} or {@code duplicate}
 * @param reasons the SPEC reason codes, sorted and {@code |}-joined; empty for a duplicate
 * @param description what is wrong with the row, in words
 */
public record BadRow(String file, long line, String outcome, String reasons, String description) {

  /** Outcome of a row that goes to {@code rejects}. */
  public static final String REJECTED = "rejected";

  /** Outcome of an exact duplicate (counted as {@code duplicate}, first copy used). */
  public static final String DUPLICATE = "duplicate";
}
