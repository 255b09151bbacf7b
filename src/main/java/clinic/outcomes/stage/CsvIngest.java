package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.CsvCuts;
import clinic.outcomes.ingest.CsvPieceScan;
import clinic.outcomes.ingest.CsvRange;
import clinic.outcomes.ingest.CsvRecord;
import clinic.outcomes.ingest.CsvRecordReader;
import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.RowRules;
import clinic.outcomes.spark.SerializableConf;
import java.io.IOException;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The CSV inputs read in parallel on the executors, in pieces of a fixed number of bytes, with the
 * exact physical line numbers and raw text of a sequential read (two passes, see {@link CsvCuts}):
 *
 * <ol>
 *   <li>One Spark job scans every piece of every file: the automaton's end state from each start
 *       state, the piece's line breaks and the SHA-256 of its bytes. The driver chains them from
 *       the start of each file: each piece's start state and first line number.
 *   <li>Every piece is parsed from its first cut to the first cut at or after its end ({@link
 *       CsvRange}), with the row rules and the privacy guard: in a Spark run by a task per piece
 *       whose records go straight to the pass's shuffle ({@link #records}, {@link PieceRecords}: no
 *       staging copy); the local engine holds them in memory instead ({@link HeldRows}).
 * </ol>
 *
 * The header was read and checked by the driver; the piece at the start of the file reads past it.
 * A file's problem (not UTF-8, an unclosed quote, a value the privacy guard refuses) is returned by
 * the piece as data; the driver reports the one of the earliest piece, which is the one a
 * sequential read meets first.
 */
final class CsvIngest {
  private CsvIngest() {}

  /** One input file to read. */
  record CsvFile(InputTable table, String fileName, String path, long length, HeaderMapping mapping)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A piece {@code [start, end)} of a file. */
  record Piece(CsvFile file, int index, long start, long end) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A piece with what the first pass found out about where it starts. */
  record ParseTask(
      Piece piece, int startState, int endState, long firstLine, RowRules rules, String part)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The first pass's result for a piece, or the problem reading it. */
  record Scanned(Piece piece, CsvPieceScan scan, InputFileException failure)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What the ingest found per file: the hash, the piece results (the local engine's; a Spark run's
   * arrive when its records have been read, {@link PieceRecords}) and the parse tasks of its
   * pieces.
   */
  record FileResult(
      CsvFile file,
      String sha256,
      long pieceBytes,
      List<PieceResult> pieces,
      List<ParseTask> tasks) {}

  /** The pieces of {@code files}, each {@code pieceBytes} long but the last of each file. */
  static List<Piece> pieces(List<CsvFile> files, long pieceBytes) {
    List<Piece> pieces = new ArrayList<>();
    for (CsvFile f : files) {
      int i = 0;
      long start = 0;
      do {
        long end = Math.min(f.length(), start + pieceBytes);
        pieces.add(new Piece(f, i++, start, end));
        start = end;
      } while (start < f.length());
    }
    return pieces;
  }

  /**
   * Scans the files' pieces (a Spark job over all pieces of all files) and returns each file's hash
   * and the parse tasks of its pieces, which a Spark run reads as records ({@link #records}); when
   * {@code jsc} is null (the local engine), both passes run over the pieces in this JVM's common
   * fork-join pool (a piece per thread at a time, the results in piece order; the rules hold no
   * state), the records held in the pieces' results. A piece's side file of session ids goes to
   * {@code <stagingDir>/session_ids/}.
   */
  static List<FileResult> run(
      JavaSparkContext jsc,
      Configuration conf,
      List<CsvFile> files,
      long pieceBytes,
      RowRules rules,
      Path stagingDir) {
    return run(jsc, conf, files, pieceBytes, pieceBytes, rules, stagingDir);
  }

  /**
   * As {@link #run(JavaSparkContext, Configuration, List, long, RowRules, Path)}, with the files'
   * SHA-256 digests taken over pieces of {@code hashBytes} instead of the pieces read: the local
   * engine reads smaller pieces, so that its threads share the work, and hashes the files in the
   * Spark engine's pieces, so that {@code run.json} gives the same digest whichever engine ran.
   */
  static List<FileResult> run(
      JavaSparkContext jsc,
      Configuration conf,
      List<CsvFile> files,
      long pieceBytes,
      long hashBytes,
      RowRules rules,
      Path stagingDir) {
    if (files.isEmpty()) {
      return List.of();
    }
    List<Piece> pieces = pieces(files, pieceBytes);
    List<Digest> digests =
        hashBytes == pieceBytes
            ? null
            : pieces(files, hashBytes).parallelStream().map(p -> digest(p, conf)).toList();
    Broadcast<SerializableConf> bconf =
        jsc == null ? null : jsc.broadcast(new SerializableConf(conf));
    List<Scanned> scanned;
    if (jsc == null) {
      // Hashed below in pieces of hashBytes when they differ from the pieces read: not twice.
      scanned = pieces.parallelStream().map(p -> scan(p, conf, digests == null)).toList();
    } else {
      jsc.setJobDescription("ingest: scan " + pieces.size() + " pieces of the CSV inputs");
      scanned =
          jsc.parallelize(pieces, pieces.size()).map(p -> scan(p, bconf.value().get())).collect();
    }

    List<ParseTask> tasks = new ArrayList<>();
    List<FileResult> results = new ArrayList<>();
    int at = 0;
    for (CsvFile f : files) {
      int n = 0;
      while (at + n < scanned.size() && scanned.get(at + n).piece().file().table() == f.table()) {
        n++;
      }
      List<Scanned> mine = scanned.subList(at, at + n);
      at += n;
      InputFileException failure = null;
      MessageDigest tree = CsvPieceScan.newSha256();
      int state = CsvCuts.RECORD_START;
      long line = 1;
      List<ParseTask> fileTasks = new ArrayList<>();
      for (Scanned s : mine) {
        if (s.failure() != null) {
          failure = s.failure();
          break;
        }
        int end = s.scan().endStates()[state];
        String part = new Path(stagingDir, partName(f.table(), s.piece().index())).toString();
        fileTasks.add(new ParseTask(s.piece(), state, end, line, rules, part));
        state = end;
        line += s.scan().lineBreaks();
      }
      List<byte[]> hashes = new ArrayList<>();
      if (digests == null) {
        mine.forEach(m -> hashes.add(m.scan() == null ? null : m.scan().sha256()));
      } else {
        for (Digest d : digests) {
          if (d.piece().file().table() == f.table()) {
            hashes.add(d.sha256());
            failure = failure != null ? failure : d.failure();
          }
        }
      }
      if (failure != null) {
        int table = f.table().ordinal();
        results.add(
            new FileResult(
                f,
                null,
                0,
                List.of(new PieceResult(table, 0, 0, Long.MIN_VALUE, failure)),
                List.of()));
        continue;
      }
      tasks.addAll(fileTasks);
      boolean onePiece = hashes.size() == 1;
      hashes.forEach(tree::update);
      String sha = HexFormat.of().formatHex(onePiece ? hashes.get(0) : tree.digest());
      results.add(new FileResult(f, sha, onePiece ? 0 : hashBytes, new ArrayList<>(), fileTasks));
    }
    if (!tasks.isEmpty() && jsc == null) {
      List<PieceResult> parsed = tasks.parallelStream().map(t -> hold(t, conf)).toList();
      for (PieceResult r : parsed) {
        for (FileResult fr : results) {
          if (fr.file().table().ordinal() == r.table() && fr.sha256() != null) {
            fr.pieces().add(r);
          }
        }
      }
    }
    if (jsc != null) {
      jsc.setJobDescription(null);
      bconf.destroy();
    }
    return results;
  }

  /** The SHA-256 digest of a piece's bytes, or the problem reading it. */
  record Digest(Piece piece, byte[] sha256, InputFileException failure) {}

  /** The digest of one piece, read on its own (the local engine's hashing). */
  static Digest digest(Piece p, Configuration conf) {
    Path path = new Path(p.file().path());
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      in.seek(p.start());
      MessageDigest md = CsvPieceScan.newSha256();
      byte[] buf = new byte[1 << 16];
      long left = p.end() - p.start();
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("the file is shorter than when it was listed");
        }
        md.update(buf, 0, n);
        left -= n;
      }
      return new Digest(p, md.digest(), null);
    } catch (IOException e) {
      return new Digest(p, null, unreadable(p.file(), e));
    }
  }

  /** The staging file of one piece. */
  static String partName(InputTable table, int piece) {
    return String.format(Locale.ROOT, "%s.parquet/part-%05d.parquet", table.fileBase(), piece);
  }

  /** The first pass over one piece (on an executor). */
  static Scanned scan(Piece p, Configuration conf) {
    return scan(p, conf, true);
  }

  /** The first pass over one piece; its digest only when {@code hash}. */
  static Scanned scan(Piece p, Configuration conf, boolean hash) {
    Path path = new Path(p.file().path());
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      int prev = seek(in, p.start());
      return new Scanned(
          p, CsvPieceScan.scan(in, prev, p.end() - p.start(), p.start() == 0, hash), null);
    } catch (IOException e) {
      return new Scanned(p, null, unreadable(p.file(), e));
    }
  }

  /**
   * The local engine's second pass over one piece: parse and check its records, held in the
   * result's {@code rows} (a Spark task's records go to the shuffle instead, {@link PieceRecords}).
   */
  static PieceResult hold(ParseTask t, Configuration conf) {
    Piece p = t.piece();
    CsvFile f = p.file();
    Path path = new Path(f.path());
    long records = 0;
    long latest = Long.MIN_VALUE;
    List<Object[]> held = new ArrayList<>();
    StagingColumns.Shared shared = new StagingColumns.Shared(f.table());
    try (FSDataInputStream in = path.getFileSystem(conf).open(path);
        CsvRecordReader reader = reader(t, in)) {
      while (reader.hasNext()) {
        Checked<?> c = check(t.rules(), f.mapping(), reader.next(), f.fileName());
        held.add(shared.share(StagingColumns.values(c)));
        latest = Math.max(latest, StagingColumns.validDay(c));
        records++;
      }
    } catch (InputFileException e) {
      return new PieceResult(f.table().ordinal(), p.index(), records, latest, e);
    } catch (IOException e) {
      return new PieceResult(f.table().ordinal(), p.index(), records, latest, unreadable(f, e));
    }
    return new PieceResult(f.table().ordinal(), p.index(), records, latest, null, held);
  }

  /** The records of a piece, from its first cut to the first cut at or after its end. */
  static CsvRecordReader reader(ParseTask t, FSDataInputStream in) throws IOException {
    Piece p = t.piece();
    CsvFile f = p.file();
    int prev = seek(in, p.start());
    CsvRange range = new CsvRange(in, p.start(), p.end(), prev, t.startState(), t.endState());
    return p.start() == 0
        ? CsvRecordReader.open(range, f.fileName())
        : CsvRecordReader.openAt(
            range,
            f.fileName(),
            t.firstLine() + range.skippedLineBreaks(),
            f.mapping().fieldCount());
  }

  /**
   * The Spark engine's second pass: one file's records as a Spark dataset of their staged values
   * ({@link StagingColumns#values}), a task per piece, read when a job asks for them (the pass's
   * shuffle: no staging copy); each task adds its piece's result to {@code results} when its last
   * record has been read ({@link PieceRecords}).
   */
  static JavaRDD<Object[]> records(
      JavaSparkContext jsc,
      List<ParseTask> tasks,
      Configuration conf,
      CollectionAccumulator<PieceResult> results) {
    SerializableConf shipped = new SerializableConf(conf);
    return jsc.parallelize(tasks, tasks.size())
        .mapPartitions(
            it ->
                it.hasNext()
                    ? new PieceRecords(it.next(), shipped.get(), results)
                    : java.util.Collections.emptyIterator());
  }

  /**
   * The raw text of the records of a piece whose line is in {@code lines} (sorted), or of every
   * record when {@code lines} is null, as ({@code line}, {@code raw}): the rejects' raw text, read
   * again from the input instead of a staging copy.
   */
  static List<Object[]> raw(ParseTask t, Configuration conf, long[] lines) {
    List<Object[]> out = new ArrayList<>();
    Path path = new Path(t.piece().file().path());
    try (FSDataInputStream in = path.getFileSystem(conf).open(path);
        CsvRecordReader reader = reader(t, in)) {
      while (reader.hasNext()) {
        CsvRecord r = reader.next();
        if (lines == null || java.util.Arrays.binarySearch(lines, r.line()) >= 0) {
          out.add(new Object[] {r.line(), r.raw()});
        }
      }
    } catch (IOException e) {
      throw unreadable(t.piece().file(), e);
    }
    return out;
  }

  /** Applies the row rules of the record's table (and the privacy guard on its values). */
  static Checked<?> check(RowRules rules, HeaderMapping mapping, CsvRecord r, String fileName) {
    return switch (mapping.table()) {
      case SESSIONS -> rules.session(r, mapping, fileName);
      case PAIN_SCORES -> rules.score(r, mapping, fileName);
      case CLIENTS -> rules.client(r, mapping, fileName);
    };
  }

  /** Positions {@code in} at {@code start}; returns the byte before it, or -1 at the file start. */
  static int seek(FSDataInputStream in, long start) throws IOException {
    if (start == 0) {
      return -1;
    }
    in.seek(start - 1);
    int prev = in.read();
    if (prev < 0) {
      throw new IOException("the file is shorter than when it was listed");
    }
    return prev;
  }

  static InputFileException unreadable(CsvFile f, IOException e) {
    return new InputFileException(
        f.fileName(), "cannot be read (" + e.getMessage() + ")", InputFileException.EXIT_CONTRACT);
  }
}
