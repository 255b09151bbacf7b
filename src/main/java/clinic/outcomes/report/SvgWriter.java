package clinic.outcomes.report;

import static clinic.outcomes.report.SvgMarkup.color;
import static clinic.outcomes.report.SvgMarkup.element;
import static clinic.outcomes.report.SvgMarkup.font;
import static clinic.outcomes.report.SvgMarkup.num;
import static clinic.outcomes.report.SvgMarkup.transform;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawImageCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Group;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetBackgroundCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetPaintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.filters.FillPaintedShapeAsImageFilter;
import de.erichseifert.vectorgraphics2d.intermediate.filters.StateChangeGroupingFilter;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Image;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a drawing recorded by VectorGraphics2D as an SVG file: the same elements, attributes,
 * groups and clip paths as the library's own {@code SVGProcessor} (0.13) writes, streamed into a
 * string instead of built as an XML DOM and serialized by an XSLT transformer, with coordinates
 * rounded to a thousandth of a pixel instead of fifteen decimals by a shared {@code DecimalFormat}.
 *
 * <p>Why: in a flight recording of a run on sample-data, building that DOM and serializing it were
 * a quarter of the report stage's samples, most of them in {@code DecimalFormat} (the glyphs of
 * every label are outlines, so a chart has tens of thousands of coordinates). {@code SvgWriterTest}
 * holds the two outputs equal, element for element, within the rounding; the 16 SVG files of a run
 * on sample-data were compared the same way, and are 6.9 MB instead of 11.1 MB.
 *
 * <p>Two differences besides the numbers: no indentation, and clip paths numbered in the order of
 * first use ({@link #clip}), so that no byte depends on an object's identity. Text is escaped by
 * {@link Html#escape}, which also replaces control characters that would make the file ill-formed.
 */
final class SvgWriter {
  private static final String PREFIX_CLIP = "clip";

  private final Deque<GraphicsState> states = new ArrayDeque<>();
  private final StringBuilder defs = new StringBuilder();
  private final Map<String, Integer> clips = new HashMap<>();
  private final StringBuilder body = new StringBuilder(1 << 16);

  /** The attributes of the group new elements go into; null while they go into the root. */
  private String group;

  private boolean groupOpen;

  private SvgWriter() {
    states.push(new GraphicsState());
  }

  /** Writes {@code commands} as an SVG document of {@code width} by {@code height} pixels. */
  static void write(CommandSequence commands, double width, double height, OutputStream out)
      throws IOException {
    SvgWriter w = new SvgWriter();
    for (Command<?> c :
        new StateChangeGroupingFilter(new FillPaintedShapeAsImageFilter(commands))) {
      w.handle(c);
    }
    if (w.groupOpen) {
      w.body.append("</g>");
    }
    StringBuilder doc = new StringBuilder(w.body.length() + w.defs.length() + 512);
    doc.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
        .append("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"")
        .append(" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" x=\"0px\" y=\"0px\"")
        .append(" width=\"");
    num(doc, width).append("px\" height=\"");
    num(doc, height).append("px\" viewBox=\"0 0 ");
    num(doc, width).append(' ');
    num(doc, height).append("\">\n");
    if (w.defs.length() > 0) {
      doc.append("<defs>").append(w.defs).append("</defs>\n");
    }
    doc.append(w.body).append("</svg>\n");
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.append(doc);
    writer.flush();
  }

  private GraphicsState state() {
    return states.peek();
  }

  private void handle(Command<?> command) {
    if (command instanceof Group g) {
      apply(g.getValue());
      if (startsGroup(g.getValue())) {
        newGroup();
      }
    } else if (command instanceof DrawImageCommand c) {
      StringBuilder e = open();
      e.append("<image x=\"");
      num(e, c.getX()).append("\" y=\"");
      num(e, c.getY()).append("\" width=\"");
      num(e, c.getWidth()).append("\" height=\"");
      num(e, c.getHeight()).append("\" preserveAspectRatio=\"none\" xlink:href=\"");
      e.append(png(c.getValue())).append("\"/>");
    } else if (command instanceof DrawShapeCommand c) {
      shape(c.getValue(), false);
    } else if (command instanceof DrawStringCommand c) {
      StringBuilder e = open();
      e.append("<text x=\"");
      num(e, c.getX()).append("\" y=\"");
      num(e, c.getY()).append("\" style=\"");
      style(e, true);
      font(e, state().getFont());
      e.append("\">");
      e.append(Html.escape(c.getValue()));
      e.append("</text>");
    } else if (command instanceof FillShapeCommand c) {
      shape(c.getValue(), true);
    }
  }

  /** The element's start: into the current group, which is opened at its first element. */
  private StringBuilder open() {
    if (group != null && !groupOpen) {
      body.append("<g").append(group).append('>');
      groupOpen = true;
    }
    return body;
  }

  private void newGroup() {
    if (groupOpen) {
      body.append("</g>");
      groupOpen = false;
    }
    StringBuilder a = new StringBuilder();
    Shape clip = state().getClip();
    if (clip != GraphicsState.DEFAULT_CLIP) {
      a.append(" clip-path=\"url(#").append(PREFIX_CLIP).append(clip(clip)).append(")\"");
    }
    AffineTransform tx = state().getTransform();
    if (!GraphicsState.DEFAULT_TRANSFORM.equals(tx)) {
      a.append(" transform=\"");
      transform(a, tx);
      a.append('"');
    }
    group = a.toString();
  }

  /**
   * The id number of the clip path of {@code clip}, written into the defs at its first use. Clip
   * paths are numbered in the order of first use and shared by equal geometry (the library keys
   * them by {@code hashCode}, which for a clip turned into a path is the object's identity: an id
   * that differs from run to run, and one clip path per object).
   */
  private int clip(Shape clip) {
    StringBuilder geometry = new StringBuilder();
    element(geometry, clip);
    String key = geometry.toString();
    Integer id = clips.get(key);
    if (id == null) {
      id = clips.size() + 1;
      clips.put(key, id);
      defs.append("<clipPath id=\"").append(PREFIX_CLIP).append(id).append("\">");
      defs.append(key).append("/></clipPath>");
    }
    return id;
  }

  private void shape(Shape s, boolean filled) {
    StringBuilder e = open();
    element(e, s);
    e.append(" style=\"");
    style(e, filled);
    e.append("\"/>");
  }

  private void style(StringBuilder e, boolean filled) {
    Color color = state().getColor();
    double opacity = color.getAlpha() / 255.0;
    if (filled) {
      e.append("fill:");
      color(e, color).append(';');
      if (color.getAlpha() < 255) {
        num(e.append("fill-opacity:"), opacity).append(';');
      }
      e.append("stroke:none;");
      return;
    }
    e.append("fill:none;stroke:");
    color(e, color).append(';');
    if (color.getAlpha() < 255) {
      num(e.append("stroke-opacity:"), opacity).append(';');
    }
    if (state().getStroke() instanceof BasicStroke bs) {
      if (bs.getLineWidth() != 1f) {
        num(e.append("stroke-width:"), bs.getLineWidth()).append(';');
      }
      if (bs.getMiterLimit() != 4f) {
        num(e.append("stroke-miterlimit:"), bs.getMiterLimit()).append(';');
      }
      if (bs.getEndCap() != BasicStroke.CAP_BUTT) {
        e.append("stroke-linecap:")
            .append(bs.getEndCap() == BasicStroke.CAP_ROUND ? "round" : "square")
            .append(';');
      }
      if (bs.getLineJoin() != BasicStroke.JOIN_MITER) {
        e.append("stroke-linejoin:")
            .append(bs.getLineJoin() == BasicStroke.JOIN_ROUND ? "round" : "bevel")
            .append(';');
      }
      float[] dash = bs.getDashArray();
      if (dash != null) {
        e.append("stroke-dasharray:");
        for (int i = 0; i < dash.length; i++) {
          num(i > 0 ? e.append(',') : e, dash[i]);
        }
        e.append(';');
        if (bs.getDashPhase() != 0f) {
          num(e.append("stroke-dashoffset:"), bs.getDashPhase()).append(';');
        }
      }
    }
  }

  /** The state commands of a group, applied as the library's SVG document applies them. */
  private void apply(List<Command<?>> commands) {
    for (Command<?> command : commands) {
      GraphicsState s = state();
      if (command instanceof SetBackgroundCommand c) {
        s.setBackground(c.getValue());
      } else if (command instanceof SetClipCommand c) {
        s.setClip(c.getValue());
      } else if (command instanceof SetColorCommand c) {
        s.setColor(c.getValue());
      } else if (command instanceof SetCompositeCommand c) {
        s.setComposite(c.getValue());
      } else if (command instanceof SetFontCommand c) {
        s.setFont(c.getValue());
      } else if (command instanceof SetPaintCommand c) {
        s.setPaint(c.getValue());
      } else if (command instanceof SetStrokeCommand c) {
        s.setStroke(c.getValue());
      } else if (command instanceof SetTransformCommand c) {
        s.setTransform(c.getValue());
      } else if (command instanceof AffineTransformCommand c) {
        AffineTransform t = s.getTransform();
        t.concatenate(c.getValue());
        s.setTransform(t);
      } else if (command instanceof SetHintCommand c) {
        s.getHints().put(c.getKey(), c.getValue());
      } else if (command instanceof CreateCommand) {
        try {
          states.push((GraphicsState) s.clone());
        } catch (CloneNotSupportedException e) {
          throw new IllegalStateException(e);
        }
      } else if (command instanceof DisposeCommand) {
        states.pop();
      }
    }
  }

  private static boolean startsGroup(List<Command<?>> commands) {
    for (Command<?> c : commands) {
      if (c instanceof SetClipCommand
          || c instanceof SetTransformCommand
          || c instanceof AffineTransformCommand) {
        return true;
      }
    }
    return false;
  }

  /** An image as a PNG {@code data:} URI (the library chooses JPEG only when asked to). */
  private static String png(Image image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(GraphicsUtils.toBufferedImage(image), "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an image of a chart", e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
