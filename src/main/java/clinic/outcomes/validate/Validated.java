package clinic.outcomes.validate;

/**
 * What validation (judged in the client pass, see {@link ClientJudge}) accounts for: the rejected
 * rows themselves go to the {@code rejects} table and {@code rejects.csv}, written by the pipeline
 * from the pass's staging table with their raw text ({@link ValidationStage#rejects}, {@link
 * LocalValidation#rejects}).
 */
public final class Validated {
  private Validated() {}

  /** {@code read = accepted + rejected + duplicate}, for one file. */
  public record Accounting(long read, long accepted, long rejected, long duplicate) {
    /** True when the counts add up. */
    public boolean balances() {
      return read == accepted + rejected + duplicate;
    }
  }
}
