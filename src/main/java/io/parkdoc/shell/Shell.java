package io.parkdoc.shell;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.PrivateFiles;
import io.parkdoc.term.Styles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * The interactive shell: type a query, read the ranked hits, open one, refine, repeat.
 *
 * <p>On a terminal it reads lines with JLine (history kept across sessions, Ctrl-R to search it,
 * tab completion, the last page of hits redrawn after a resize); in a pipe it reads lines from
 * standard input and prints plain results, for scripts. Either way a bad line prints its message
 * and the shell goes on; {@code :quit}, Ctrl-D or the end of input leave it with exit code 0. Built
 * on the command line's own commands ({@link Commands}). One shell per thread.
 */
public final class Shell {
  /** Success, as the command line's exit code table has it. */
  private static final int OK = 0;

  private final ShellSettings settings;
  private final Commands commands;

  public Shell(ShellSettings settings, Commands commands) {
    this.settings = settings;
    this.commands = commands;
  }

  /**
   * The terminal of this process. Ctrl-C while a command runs is ignored rather than ending
   * parkdoc.
   */
  public static Terminal systemTerminal() throws IOException {
    return TerminalBuilder.builder()
        .system(true)
        .name("parkdoc")
        .encoding(StandardCharsets.UTF_8)
        .nativeSignals(true)
        .signalHandler(Terminal.SignalHandler.SIG_IGN)
        .build();
  }

  /**
   * Creates the history file and the folders above it private (0600 in 0700 folders), or makes an
   * existing history file private: it holds every query typed.
   *
   * @return null, or a line saying why the file could not be made
   */
  static String preparePrivate(Path history) {
    try {
      if (history.getParent() != null) {
        PrivateFiles.createFolders(history.getParent());
      }
      PrivateFiles.createFile(history);
      return null;
    } catch (IOException e) {
      return "parkdoc: cannot create the history file " + history + ": " + e.getMessage();
    }
  }

  /** Runs the shell on {@code terminal} until {@code :quit} or Ctrl-D; returns the exit code. */
  public int interactive(Terminal terminal) {
    try (Session session = new Session(settings, commands)) {
      ShellReader reader = new ShellReader(terminal, () -> redraw(session, terminal));
      reader.setCompleter(new ShellCompleter(commands, settings.cwd()));
      DefaultParser parser = new DefaultParser();
      // A stray quote in a query is text, not the start of a second line.
      parser.setEofOnUnclosedQuote(false);
      parser.setEofOnEscapedNewLine(false);
      reader.setParser(parser);
      reader.setHistory(new DefaultHistory());
      if (settings.history() != null) {
        String problem = preparePrivate(settings.history());
        if (problem != null) {
          terminal.writer().println(problem);
        }
        reader.setVariable(LineReader.HISTORY_FILE, settings.history());
      }
      reader.setVariable(LineReader.HISTORY_SIZE, 10_000);
      reader.setVariable(LineReader.HISTORY_FILE_SIZE, 10_000);
      // '!' in a query is text, not a history event.
      reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
      Screen screen = new TerminalScreen(terminal, settings);
      for (AttributedString line : session.greeting()) {
        screen.out().println(screen.render(line));
      }
      screen.out().flush();
      while (true) {
        String line;
        try {
          line = reader.readLine(screen.render(session.prompt()));
        } catch (UserInterruptException e) {
          continue; // Ctrl-C: the line is dropped
        } catch (EndOfFileException e) {
          break; // Ctrl-D
        }
        // Ctrl-C while a command runs stops it as on the command line (:index commits what it
        // has indexed and says so); the terminal would otherwise ignore it
        Terminal.SignalHandler before =
            terminal.handle(Terminal.Signal.INT, signal -> commands.interrupt());
        try {
          if (!execute(session, line, screen)) {
            break;
          }
        } finally {
          terminal.handle(Terminal.Signal.INT, before);
        }
      }
      try {
        reader.getHistory().save();
        if (settings.history() != null) {
          PrivateFiles.restrict(settings.history()); // in case it was written anew
        }
      } catch (IOException e) {
        screen
            .err()
            .println(
                "parkdoc: cannot save the history to "
                    + settings.history()
                    + ": "
                    + e.getMessage());
      }
      screen.out().flush();
    } catch (IOException e) {
      throw new ParkdocException("cannot use the terminal: " + e.getMessage(), e);
    }
    return OK;
  }

  /**
   * Runs each line of {@code in} as if typed, printing plain results to {@code out} and messages to
   * {@code err}, until {@code :quit} or the end of input; returns the exit code.
   */
  public int script(BufferedReader in, PrintWriter out, PrintWriter err) {
    try (Session session = new Session(settings, commands)) {
      Screen screen = new PlainScreen(out, err, settings.color());
      String line;
      while ((line = in.readLine()) != null) {
        if (!execute(session, line, screen)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot read standard input: " + e.getMessage(), e);
    }
    out.flush();
    return OK;
  }

  /** Runs one line, reporting any error as one line (with the stack trace under --verbose). */
  private boolean execute(Session session, String line, Screen screen) {
    try {
      return session.execute(line, screen);
    } catch (ParkdocException e) {
      screen.err().println("parkdoc: " + e.getMessage());
    } catch (RuntimeException e) {
      screen
          .err()
          .println(
              "parkdoc: internal error: "
                  + e
                  + (settings.verbose() ? "" : " (run with --verbose for details)"));
      if (settings.verbose()) {
        e.printStackTrace(screen.err());
      }
    } finally {
      screen.out().flush();
      screen.err().flush();
    }
    return true;
  }

  /** The last page of hits laid out for the terminal's new width, or null when there is none. */
  private String redraw(Session session, Terminal terminal) {
    Session.View view = session.view();
    if (view == null) {
      return null;
    }
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      out.println(settings.color() ? view.typed().toAnsi(terminal) : view.typed().toString());
      view.body().render(out, terminal.getWidth());
    }
    return text.toString();
  }

  /** A line reader that, after a resize, clears the screen and redraws the last page of hits. */
  private static final class ShellReader extends LineReaderImpl {
    private final Supplier<String> redraw;

    ShellReader(Terminal terminal, Supplier<String> redraw) throws IOException {
      super(terminal, "parkdoc");
      this.redraw = redraw;
    }

    @Override
    protected synchronized void handleSignal(Terminal.Signal signal) {
      super.handleSignal(signal);
      if (signal == Terminal.Signal.WINCH) {
        String page = redraw.get();
        if (page != null) {
          callWidget(LineReader.CLEAR_SCREEN);
          printAbove(page);
        }
      }
    }
  }

  /** A terminal: output through its writer, width asked afresh, long text paged. */
  private static final class TerminalScreen implements Screen {
    private final Terminal terminal;
    private final ShellSettings settings;

    TerminalScreen(Terminal terminal, ShellSettings settings) {
      this.terminal = terminal;
      this.settings = settings;
    }

    @Override
    public PrintWriter out() {
      return terminal.writer();
    }

    @Override
    public PrintWriter err() {
      return terminal.writer();
    }

    @Override
    public int width() {
      return Math.max(0, terminal.getWidth());
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public boolean show(String title, List<AttributedString> lines) {
      boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
      if (dumb || terminal.getHeight() <= 0 || lines.size() < terminal.getHeight() - 1) {
        for (AttributedString line : lines) {
          terminal.writer().println(render(line));
        }
        terminal.writer().flush();
        return false;
      }
      Pager.page(terminal, lines, settings, title);
      return true;
    }

    @Override
    public String render(AttributedString s) {
      return settings.color() ? s.toAnsi(terminal) : s.toString();
    }
  }

  /** Standard output in a script: plain lines, nothing paged or wrapped. */
  private record PlainScreen(PrintWriter out, PrintWriter err, boolean color) implements Screen {
    @Override
    public int width() {
      return 0;
    }

    @Override
    public boolean interactive() {
      return false;
    }

    @Override
    public boolean show(String title, List<AttributedString> lines) {
      for (AttributedString line : lines) {
        out.println(render(line));
      }
      out.flush();
      return false;
    }

    @Override
    public String render(AttributedString s) {
      return Styles.render(s, color);
    }
  }
}
