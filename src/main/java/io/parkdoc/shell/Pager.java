package io.parkdoc.shell;

import io.parkdoc.core.ParkdocException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * Pages text on the terminal: through the user's {@code $PAGER} when set, else JLine's built-in
 * less (q leaves, / searches, space and b move by pages). Stateless.
 */
final class Pager {
  private Pager() {}

  static void page(
      Terminal terminal, List<AttributedString> lines, ShellSettings settings, String name) {
    StringBuilder text = new StringBuilder();
    for (AttributedString line : lines) {
      text.append(settings.color() ? line.toAnsi(terminal) : line.toString()).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try {
      if (settings.pager() != null) {
        external(terminal, settings, bytes);
      } else {
        new Less(terminal, settings.cwd())
            .run(new Source.InputStreamSource(new ByteArrayInputStream(bytes), true, name));
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot page the text: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code $PAGER} with the terminal handed over to it, and takes the terminal back after. */
  private static void external(Terminal terminal, ShellSettings settings, byte[] bytes)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", settings.pager())
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    if (!settings.variables().containsKey("LESS")) {
      // As git does: colours through, no paging for a screenful, the screen left as it was.
      pb.environment().put("LESS", "FRX");
    }
    terminal.flush();
    terminal.pause(true);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(bytes);
      } catch (IOException e) {
        // the pager quit before reading everything: the user has seen enough
      }
      p.waitFor();
    } finally {
      terminal.resume();
    }
  }
}
