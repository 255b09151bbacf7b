package clinic.outcomes.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of the protocol of {@link ServerClient}: tagged, length-prefixed frames,
 * written on the channel itself (streams made by {@code Channels} hold the channel's blocking lock
 * while a read waits, and the server reads the same channel to see its client go away).
 */
final class ServerFrames {
  private final SocketChannel sink;
  private boolean gone;

  ServerFrames(SocketChannel sink) {
    this.sink = sink;
  }

  /**
   * Writes one frame; once the client has gone the run goes on and its output is dropped (the run
   * folder is committed or abandoned as any run's).
   */
  synchronized void frame(byte tag, byte[] b, int off, int len) {
    if (gone) {
      return;
    }
    try {
      ByteBuffer[] frame = {
        ByteBuffer.allocate(5).put(tag).putInt(len).flip(), ByteBuffer.wrap(b, off, len)
      };
      while (frame[0].hasRemaining() || frame[1].hasRemaining()) {
        sink.write(frame);
      }
    } catch (IOException e) {
      gone = true;
    }
  }

  void exit(int rc) {
    byte[] b = ByteBuffer.allocate(4).putInt(rc).array();
    frame(ServerClient.EXIT, b, 0, b.length);
  }

  void note(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    frame(ServerClient.NOTE, b, 0, b.length);
  }

  void refuse(String why) {
    byte[] b = why.getBytes(StandardCharsets.UTF_8);
    frame(ServerClient.REFUSED, b, 0, b.length);
  }

  OutputStream stream(byte tag) {
    return new OutputStream() {
      @Override
      public void write(int c) {
        write(new byte[] {(byte) c}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        frame(tag, b, off, len);
      }
    };
  }
}
