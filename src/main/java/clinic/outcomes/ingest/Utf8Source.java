package clinic.outcomes.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a CSV input decoded as strict UTF-8 for {@link CsvRecordReader}: malformed or
 * unmappable bytes are not replaced but stop the decoding ({@link #undecodable()}), so the reader
 * can name the line. Not thread-safe.
 */
final class Utf8Source {
  private static final int BYTE_BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final String fileName;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER_SIZE).flip();
  private boolean bytesExhausted;
  private boolean charsExhausted;
  private boolean undecodable;

  Utf8Source(InputStream in, String fileName) {
    this.in = in;
    this.fileName = fileName;
  }

  /** True once every character has been decoded. */
  boolean exhausted() {
    return charsExhausted;
  }

  /** True once bytes that are not UTF-8 were met (the characters before them were delivered). */
  boolean undecodable() {
    return undecodable;
  }

  /**
   * Decodes until at least one character is produced, input ends or bad bytes are met; {@code line}
   * names the position in a read error.
   */
  void decodeInto(CharBuffer out, long line) {
    int start = out.position();
    while (true) {
      CoderResult result = decoder.decode(bytes, out, bytesExhausted);
      if (result.isError()) {
        undecodable = true;
        return;
      }
      if (bytesExhausted) {
        if (result.isOverflow()) {
          return;
        }
        decoder.flush(out);
        charsExhausted = true;
        return;
      }
      if (out.position() > start || result.isOverflow()) {
        return;
      }
      readBytes(line);
    }
  }

  private void readBytes(long line) {
    bytes.compact();
    try {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        bytesExhausted = true;
      } else {
        bytes.position(bytes.position() + n);
      }
    } catch (IOException e) {
      throw new InputFileException(
          fileName,
          "cannot be read at line " + line + " (" + e.getMessage() + ")",
          InputFileException.EXIT_CONTRACT);
    } finally {
      bytes.flip();
    }
  }

  /** Closes the stream. */
  void close() throws IOException {
    in.close();
  }
}
