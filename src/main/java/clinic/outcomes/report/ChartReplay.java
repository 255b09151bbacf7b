package clinic.outcomes.report;

import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawImageCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetBackgroundCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetPaintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetXORModeCommand;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Replays a drawing recorded by VectorGraphics2D onto another {@link Graphics2D}: a chart is laid
 * out and painted once (XChart's axes, ticks and the outlines of every label), and the same
 * commands become both its SVG ({@link SvgWriter}) and its PNG (this, onto the raster).
 *
 * <p>The recording is one sequence for a graphics object and the ones created from it; like the
 * library's own SVG writer, this reads it as a stack: a {@code create()} starts a copy of the
 * current state, its {@code dispose()} returns to the state before. A transform set absolutely is
 * relative to the target's own transform when the replay started (the PNG's scale).
 */
final class ChartReplay {
  private ChartReplay() {}

  /**
   * Draws {@code commands} onto {@code target}, leaving its state as it was; the rendering hints of
   * {@code fixed} keep the target's values.
   *
   * <p>Why fixed hints: VectorGraphics2D answers {@code getRenderingHint} from its own record, and
   * XChart's save-and-restore of the antialiasing hint around its markers and legend then records
   * "off" where on a raster it restores "on"; replayed as recorded, the markers of the PNG were
   * drawn without antialiasing.
   */
  static void replay(
      Iterable<Command<?>> commands, Graphics2D target, Set<RenderingHints.Key> fixed) {
    AffineTransform base = target.getTransform();
    Deque<Graphics2D> outer = new ArrayDeque<>();
    Graphics2D g = (Graphics2D) target.create();
    try {
      for (Command<?> c : commands) {
        if (c instanceof CreateCommand) {
          outer.push(g);
          g = (Graphics2D) g.create();
        } else if (c instanceof DisposeCommand) {
          if (!outer.isEmpty()) {
            g.dispose();
            g = outer.pop();
          }
        } else {
          draw(c, g, base, fixed);
        }
      }
    } finally {
      g.dispose();
      while (!outer.isEmpty()) {
        outer.pop().dispose();
      }
    }
  }

  private static void draw(
      Command<?> c, Graphics2D g, AffineTransform base, Set<RenderingHints.Key> fixed) {
    if (c instanceof FillShapeCommand f) {
      g.fill(f.getValue());
    } else if (c instanceof DrawShapeCommand d) {
      g.draw(d.getValue());
    } else if (c instanceof SetColorCommand s) {
      g.setColor(s.getValue());
    } else if (c instanceof SetPaintCommand s) {
      g.setPaint(s.getValue());
    } else if (c instanceof SetStrokeCommand s) {
      g.setStroke(s.getValue());
    } else if (c instanceof SetFontCommand s) {
      g.setFont(s.getValue());
    } else if (c instanceof SetClipCommand s) {
      g.setClip(s.getValue());
    } else if (c instanceof SetTransformCommand s) {
      AffineTransform t = new AffineTransform(base);
      t.concatenate(s.getValue());
      g.setTransform(t);
    } else if (c instanceof AffineTransformCommand t) {
      g.transform(t.getValue());
    } else if (c instanceof SetHintCommand s) {
      if (!fixed.contains(s.getKey())) {
        g.setRenderingHint((RenderingHints.Key) s.getKey(), s.getValue());
      }
    } else if (c instanceof SetCompositeCommand s) {
      g.setComposite(s.getValue());
    } else if (c instanceof SetBackgroundCommand s) {
      g.setBackground(s.getValue());
    } else if (c instanceof SetXORModeCommand s) {
      g.setXORMode(s.getValue());
    } else if (c instanceof DrawStringCommand s) {
      g.drawString(s.getValue(), (float) s.getX(), (float) s.getY());
    } else if (c instanceof DrawImageCommand s) {
      AffineTransform at =
          new AffineTransform(
              s.getWidth() / s.getImageWidth(),
              0,
              0,
              s.getHeight() / s.getImageHeight(),
              s.getX(),
              s.getY());
      g.drawImage(s.getValue(), at, null);
    } else {
      throw new IllegalStateException("a chart drew with an unknown command: " + c);
    }
  }
}
