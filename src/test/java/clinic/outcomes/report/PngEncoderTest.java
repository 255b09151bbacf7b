package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The chart PNGs: decoded by an independent decoder (ImageIO's), every pixel is the one drawn; the
 * chunks are those of ISO/IEC 15948 with valid CRCs, and the image data the rows' bytes.
 */
class PngEncoderTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** A chart-like image: white, antialiased lines and text, a filled band, a gradient. */
  private static BufferedImage chartLike(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(31, 119, 180, 80));
    g.fillRect(w / 5, h / 4, w / 2, h / 3);
    g.setStroke(new BasicStroke(2.5f));
    g.setColor(new Color(214, 39, 40));
    for (int i = 0; i < 12; i++) {
      g.drawLine(i * w / 12, h - 1 - i * h / 14, (i + 1) * w / 12, h - 1 - (i + 1) * h / 15);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
    g.setColor(Color.DARK_GRAY);
    g.drawString("pain 0-10, mean improvement 1.16 (99.71 % CI)", 10, 30);
    for (int x = 0; x < w; x++) {
      img.setRGB(x, h / 2, (x * 255 / w) << 16 | (255 - x * 255 / w) << 8 | 77);
    }
    g.dispose();
    return img;
  }

  private static BufferedImage noise(int w, int h, long seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static void assertSamePixels(BufferedImage expected, byte[] png) throws IOException {
    BufferedImage got = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(expected.getWidth(), got.getWidth());
    assertEquals(expected.getHeight(), got.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertEquals(
            expected.getRGB(x, y) & 0xffffff, got.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void imageIoDecodesEveryPixelAsDrawn() throws IOException {
    assertSamePixels(chartLike(640, 360), PngEncoder.encode(chartLike(640, 360)));
    assertSamePixels(noise(97, 53, 20261130), PngEncoder.encode(noise(97, 53, 20261130)));
    assertSamePixels(noise(1, 1, 1), PngEncoder.encode(noise(1, 1, 1)));
    assertSamePixels(noise(2, 7, 2), PngEncoder.encode(noise(2, 7, 2)));
  }

  @Test
  void theFileIsTheSpecificationsChunksWithValidCrcs() throws IOException {
    byte[] png = PngEncoder.encode(chartLike(300, 200));
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
    ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
    StringBuilder types = new StringBuilder();
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    while (b.hasRemaining()) {
      int len = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      String name = new String(type, StandardCharsets.US_ASCII);
      byte[] data = new byte[len];
      b.get(data);
      CRC32 crc = new CRC32();
      crc.update(type);
      crc.update(data);
      assertEquals((int) crc.getValue(), b.getInt(), name + " CRC");
      types.append(name).append(' ');
      if (name.equals("IHDR")) {
        ByteBuffer h = ByteBuffer.wrap(data);
        assertEquals(300, h.getInt());
        assertEquals(200, h.getInt());
        assertArrayEquals(new byte[] {8, 2, 0, 0, 0}, Arrays.copyOfRange(data, 8, 13));
      }
      if (name.equals("IDAT")) {
        idat.writeBytes(data);
      }
    }
    assertEquals("IHDR IDAT IEND ", types.toString());
    // The image data inflate to one filter byte and 3 bytes per pixel per row.
    Inflater inf = new Inflater();
    inf.setInput(idat.toByteArray());
    byte[] raw = new byte[200 * (1 + 300 * 3) + 1];
    int n;
    try {
      n = inf.inflate(raw);
      assertTrue(inf.finished());
    } catch (DataFormatException e) {
      throw new AssertionError(e);
    } finally {
      inf.end();
    }
    assertEquals(200 * (1 + 300 * 3), n);
    // Each row: filter type 0 (None), then the pixels' red, green and blue bytes as they are.
    BufferedImage drawn = chartLike(300, 200);
    for (int y = 0; y < 200; y++) {
      assertEquals(0, raw[y * 901], "row " + y + " filter");
      for (int x = 0; x < 300; x++) {
        int rgb = drawn.getRGB(x, y);
        int at = y * 901 + 1 + 3 * x;
        assertEquals(rgb >> 16 & 0xff, raw[at] & 0xff);
        assertEquals(rgb >> 8 & 0xff, raw[at + 1] & 0xff);
        assertEquals(rgb & 0xff, raw[at + 2] & 0xff);
      }
    }
  }

  @Test
  void onlyAWholeRgbImageIsTaken() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PngEncoder.encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB)));
    assertThrows(
        IllegalArgumentException.class,
        () -> PngEncoder.encode(chartLike(40, 40).getSubimage(5, 5, 10, 10)));
  }
}
