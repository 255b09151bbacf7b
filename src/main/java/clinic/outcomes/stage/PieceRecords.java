package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.CsvRecordReader;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * A Spark task's records of one piece of a CSV file ({@link CsvIngest#records}): each parsed and
 * checked by the row rules and the privacy guard when the task's consumer (the pass's shuffle) asks
 * for it, as its staged values ({@link StagingColumns#values}). When the last record has been read,
 * or the piece meets a whole-file problem (then it hands on no more records), the task adds its
 * {@link PieceResult} to the run's accumulator, and a piece of the sessions writes its side file of
 * session ids ({@link SessionIds}). Nothing else is written: no staging copy.
 */
final class PieceRecords implements Iterator<Object[]> {
  private final CsvIngest.ParseTask task;
  private final CollectionAccumulator<PieceResult> results;
  private final Configuration conf;
  private final SessionIds.Collector ids;
  private FSDataInputStream in;
  private CsvRecordReader reader;
  private long records;
  private long latest = Long.MIN_VALUE;
  private boolean done;
  private Object[] next;

  PieceRecords(
      CsvIngest.ParseTask task, Configuration conf, CollectionAccumulator<PieceResult> results) {
    this.task = task;
    this.conf = conf;
    this.results = results;
    CsvIngest.CsvFile f = task.piece().file();
    this.ids = f.table() == InputTable.SESSIONS ? new SessionIds.Collector() : null;
    TaskContext context = TaskContext.get();
    if (context != null) {
      // A killed task closes the file too.
      context.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) c -> close());
    }
    Path path = new Path(f.path());
    try {
      in = path.getFileSystem(conf).open(path);
      reader = CsvIngest.reader(task, in);
    } catch (InputFileException e) {
      finish(e);
    } catch (IOException e) {
      finish(CsvIngest.unreadable(f, e));
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      advance();
    }
    return next != null;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object[] r = next;
    next = null;
    return r;
  }

  private void advance() {
    CsvIngest.CsvFile f = task.piece().file();
    try {
      if (!reader.hasNext()) {
        finish(null);
        return;
      }
      Checked<?> c = CsvIngest.check(task.rules(), f.mapping(), reader.next(), f.fileName());
      Object[] values = StagingColumns.values(c);
      if (ids != null) {
        ids.addStaged(values);
      }
      latest = Math.max(latest, StagingColumns.validDay(c));
      records++;
      next = values;
    } catch (InputFileException e) {
      finish(e);
    } catch (UncheckedIOException e) {
      finish(CsvIngest.unreadable(f, e.getCause()));
    }
  }

  /** The piece is done: its side file (when complete) and its result. */
  private void finish(InputFileException failure) {
    done = true;
    close();
    CsvIngest.CsvFile f = task.piece().file();
    if (failure == null && ids != null) {
      Path staging = new Path(task.part()).getParent().getParent();
      ids.commit(SessionIds.file(staging, f.table().fileBase(), task.piece().index()), conf);
    }
    results.add(
        new PieceResult(f.table().ordinal(), task.piece().index(), records, latest, failure));
  }

  private void close() {
    try {
      if (reader != null) {
        reader.close();
      } else if (in != null) {
        in.close();
      }
    } catch (RuntimeException e) {
      // closing a read-only file: nothing to keep
    } catch (IOException e) {
      // as above
    }
    reader = null;
    in = null;
  }
}
