package clinic.outcomes.episodes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task of the client pass hands back to the driver ({@code Encoders.bean}): the files it
 * wrote, one per table it had rows for, and its partition's {@link PairTotals}. Only the results of
 * successful task attempts reach the driver, so these files are the ones to commit; a failed or
 * retried attempt's files are left in its own folder and deleted with the staging.
 */
public final class PassPart {
  private PairTotals totals = new PairTotals();
  private List<PassFile> files = new ArrayList<>();

  public PairTotals getTotals() {
    return totals;
  }

  public void setTotals(PairTotals totals) {
    this.totals = totals;
  }

  public List<PassFile> getFiles() {
    return files;
  }

  public void setFiles(List<PassFile> files) {
    this.files = files;
  }

  /** One Parquet file a task wrote: its table, where it is, which partition and how many rows. */
  public static final class PassFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private String table;
    private String path;
    private int partition;
    private long rows;

    public PassFile() {}

    PassFile(String table, String path, int partition, long rows) {
      this.table = table;
      this.path = path;
      this.partition = partition;
      this.rows = rows;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public int getPartition() {
      return partition;
    }

    public void setPartition(int partition) {
      this.partition = partition;
    }

    public long getRows() {
      return rows;
    }

    public void setRows(long rows) {
      this.rows = rows;
    }
  }
}
