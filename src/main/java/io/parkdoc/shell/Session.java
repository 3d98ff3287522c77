package io.parkdoc.shell;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Version;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.query.NothingToSearch;
import io.parkdoc.term.HitPrinter;
import io.parkdoc.term.Paths;
import io.parkdoc.term.Styles;
import io.parkdoc.term.TextLayout;
import java.io.Closeable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * One shell session: the open searcher, the language and page-size settings, the last page of hits;
 * and what each line typed does. A line that is not a {@code :command} is a query.
 *
 * <p>The searcher stays open between queries (analyzers and index loaded once) and is reopened only
 * when the index on disk changed, as after {@code :index}. Not thread-safe: one line at a time;
 * only {@link #view()}, immutable, may be read from another thread (the resize handler).
 *
 * <p>Why this file is longer than 500 lines: it is the shell's one dispatcher, a short method per
 * {@code :command} over the same state (searcher, settings, last page); split by command, each part
 * would need that state handed to it.
 */
final class Session implements Closeable {
  static final int DEFAULT_LIMIT = 10;
  private static final int PASSAGES = 2;
  private static final int MAX_LIMIT = 1000;

  /** The most columns of the index's path the prompt shows. */
  private static final int PROMPT_NAME = 24;

  /** One of the shell's own commands, for :help and completion. */
  record Command(String name, String arguments, String description) {
    /** The command as :help shows it: {@code :open N}. */
    String usage() {
      return ":" + name + (arguments.isEmpty() ? "" : " " + arguments);
    }
  }

  /** The shell's own commands; the command line's follow them in :help. */
  static final List<Command> OWN =
      List.of(
          new Command("open", "N", "the whole document of hit N, every match highlighted"),
          new Command("more", "", "the next page of hits"),
          new Command(
              "explain",
              "N",
              "why hit N matched: the terms, in which field, and the parts of its score"),
          new Command(
              "lang",
              "LANG,...",
              "search only these languages (ko, ja, zh, en, ...); ':lang all' for every one"),
          new Command("limit", "N", "hits per page"),
          new Command(
              "translate",
              "on|off",
              "also search the query's translations into the other languages (on by default)"),
          new Command("help", "[COMMAND]", "this list, or a command's options"),
          new Command("quit", "", "leave the shell (or Ctrl-D)"));

  /**
   * What a resize redraws: the line that asked for it (the prompt and query as typed), and a
   * renderer of what it showed, for any width.
   */
  record View(AttributedString typed, Body body) {
    /** Writes the body laid out for {@code width} columns. */
    interface Body {
      void render(PrintWriter out, int width);
    }
  }

  /** One page of hits and the request that found it. */
  private record Page(SearchRequest request, SearchResults results, long millis) {}

  private final ShellSettings settings;
  private final Commands commands;
  private SearchBackend searcher;
  private String unreadable;
  private final Set<String> languages = new LinkedHashSet<>();
  private int limit = DEFAULT_LIMIT;
  private boolean translate;
  private Page page;
  private volatile View view;

  Session(ShellSettings settings, Commands commands) {
    this.settings = settings;
    this.commands = commands;
    this.translate = settings.translate();
    try {
      refresh();
    } catch (ParkdocException e) {
      unreadable = e.getMessage();
    }
  }

  /** What the session says on opening: the index, or why there is none to search. */
  List<AttributedString> greeting() {
    List<AttributedString> lines = new ArrayList<>();
    AttributedStringBuilder b =
        new AttributedStringBuilder().append("parkdoc " + Version.VERSION + " · ");
    if (searcher != null) {
      b.styled(Styles.PATH, indexName())
          .append(
              String.format(
                  Locale.ROOT,
                  ": %d documents in %s",
                  searcher.documents(),
                  String.join(", ", searcher.languages())));
    } else {
      b.append(
          unreadable != null
              ? unreadable
              : "no index at " + indexName() + " yet: ':index PATH' creates one");
    }
    lines.add(b.toAttributedString());
    lines.add(
        new AttributedString(
            "Type a query to search; :help lists the commands; Ctrl-D leaves.", Styles.DIM));
    return lines;
  }

  /** The prompt: the index, its document count, and the languages searched when restricted. */
  AttributedString prompt() {
    AttributedStringBuilder b = new AttributedStringBuilder();
    String name = indexName();
    // A long path would leave little room to type: its last folder names the index well enough.
    b.styled(
        Styles.PATH,
        TextLayout.width(name) <= PROMPT_NAME
            ? name
            : Paths.visible(
                settings.location().isLocal()
                    ? settings.location().folder().getFileName().toString()
                    : settings.location().toString()));
    b.styled(Styles.DIM, searcher == null ? " (no index)" : " (" + searcher.documents() + " docs)");
    if (!languages.isEmpty()) {
      b.append(' ').styled(Styles.LANG, String.join(",", languages));
    }
    return b.append("> ").toAttributedString();
  }

  /** The prompt followed by {@code line}, as the user typed it. */
  private AttributedString typed(String line) {
    return new AttributedStringBuilder().append(prompt()).append(line).toAttributedString();
  }

  /** The last page of hits, to redraw after a resize; null when something else was shown since. */
  View view() {
    return view;
  }

  /**
   * Runs one line: a query, or a {@code :command}.
   *
   * @return false when the line asks to leave the shell
   * @throws ParkdocException with a message for the user; the session goes on
   */
  boolean execute(String line, Screen screen) {
    String text = line.strip();
    if (text.isEmpty()) {
      return true;
    }
    if (!text.startsWith(":")) {
      search(text, screen);
      return true;
    }
    List<String> words = Words.split(text.substring(1));
    if (words.isEmpty()) {
      help(List.of(), screen);
      return true;
    }
    String name = words.get(0).toLowerCase(Locale.ROOT);
    List<String> args = words.subList(1, words.size());
    switch (name) {
      case "quit", "q", "exit" -> {
        return false;
      }
      case "help", "?" -> help(args, screen);
      case "more" -> more(screen);
      case "open" -> open(number(name, args), screen);
      case "explain" -> explain(number(name, args), screen);
      case "lang" -> lang(args, screen);
      case "limit" -> limit(args, screen);
      case "translate" -> translate(args, screen);
      default -> {
        if (!commands.list().containsKey(name)) {
          throw new ParkdocException(
              "unknown command :" + words.get(0) + " (:help lists them; a query needs no colon)");
        }
        delegate(shorthand(words), screen);
      }
    }
    return true;
  }

  // ---- searching ----

  private void search(String query, Screen screen) {
    String nothing = NothingToSearch.in(query);
    if (nothing != null) {
      throw new ParkdocException(nothing);
    }
    refresh();
    show(
        new SearchRequest(query, Set.copyOf(languages), limit, 0, PASSAGES, false, translate),
        typed(query),
        screen);
  }

  private void show(SearchRequest request, AttributedString typed, Screen screen) {
    SearchBackend s = searcher();
    long t0 = System.nanoTime();
    SearchResults results = s.search(request);
    Page p = new Page(request, results, (System.nanoTime() - t0) / 1_000_000);
    page = p;
    boolean interactive = screen.interactive();
    View v = new View(typed, (out, width) -> render(p, out, width, interactive));
    v.body().render(screen.out(), screen.width());
    view = v;
  }

  /** Renders a page of hits exactly as {@code parkdoc search} does, and a summary under it. */
  private void render(Page p, PrintWriter out, int width, boolean interactive) {
    HitPrinter printer = new HitPrinter(settings.color(), width);
    printer.translation(out, p.results());
    for (Hit h : p.results().hits()) {
      printer.print(out, h, printer.fitPath(h, settings.display().apply(h.path())));
    }
    String summary = HitPrinter.summary(p.results(), interactive ? p.millis() : -1);
    String note =
        p.results().total() == 0 ? HitPrinter.stopWordNote(p.results().stopWords()) : null;
    if (note != null) {
      summary += " · " + note;
    }
    if (interactive && hasMore(p)) {
      summary += " · :more";
    }
    printer.footer(out, summary);
    out.flush();
  }

  private static boolean hasMore(Page p) {
    return p.request().offset() + p.results().hits().size() < p.results().total();
  }

  private void more(Screen screen) {
    Page p = requirePage();
    if (!hasMore(p)) {
      screen
          .out()
          .println(
              screen.render(
                  new AttributedString(
                      "no more hits: " + p.results().total() + " in all", Styles.DIM)));
      return;
    }
    SearchRequest r = p.request();
    show(
        new SearchRequest(
            r.query(),
            r.languages(),
            r.limit(),
            r.offset() + r.limit(),
            r.passages(),
            r.lenient(),
            r.translate()),
        typed(":more"),
        screen);
  }

  /** Hit {@code rank} of the last search, on the page shown or not. */
  private Hit hit(int rank) {
    Page p = requirePage();
    for (Hit h : p.results().hits()) {
      if (h.rank() == rank) {
        return h;
      }
    }
    SearchRequest r = p.request();
    List<Hit> one =
        rank < 1
            ? List.of()
            : searcher()
                .search(
                    new SearchRequest(
                        r.query(), r.languages(), 1, rank - 1, 0, r.lenient(), r.translate()))
                .hits();
    if (one.isEmpty()) {
      throw new ParkdocException(
          "no hit " + rank + ": the last search found " + p.results().total());
    }
    return one.get(0);
  }

  private void open(int rank, Screen screen) {
    Hit h = hit(rank);
    Page p = page;
    FullText doc = searcher().fullText(p.request(), p.results().relaxed(), h.path());
    String matches =
        doc.highlights().size() == 1 ? "1 match" : doc.highlights().size() + " matches";
    String path = settings.display().apply(doc.path());
    View v =
        new View(
            typed(":open " + rank),
            (out, width) -> {
              out.println(
                  Styles.render(DocumentView.heading(path, doc.lang(), matches), settings.color()));
              out.println();
              for (AttributedString line : DocumentView.text(doc, width)) {
                out.println(Styles.render(line, settings.color()));
              }
              out.flush();
            });
    List<AttributedString> lines = new ArrayList<>();
    lines.add(DocumentView.heading(path, doc.lang(), matches));
    lines.add(AttributedString.EMPTY);
    lines.addAll(DocumentView.text(doc, screen.width()));
    if (!screen.show(path, lines)) {
      view = v;
    }
  }

  private void explain(int rank, Screen screen) {
    Hit h = hit(rank);
    Page p = page;
    MatchExplanation e = searcher().explain(p.request(), p.results().relaxed(), h.path());
    List<AttributedString> lines = new ArrayList<>();
    lines.add(
        DocumentView.heading(
            rank + "  " + settings.display().apply(e.path()),
            e.lang(),
            String.format(Locale.ROOT, "%.2f", e.score().value())));
    lines.addAll(DocumentView.explanation(e, screen.width()));
    if (!screen.show(":explain " + rank, lines)) {
      view = null;
    }
  }

  // ---- settings ----

  private void lang(List<String> args, Screen screen) {
    if (!args.isEmpty()) {
      Set<String> chosen = new LinkedHashSet<>();
      String spec = String.join(",", args);
      if (!spec.equalsIgnoreCase("all")) {
        for (String code : spec.split(",")) {
          if (code.isBlank()) {
            continue;
          }
          if (!Languages.isKnown(code.strip())) {
            throw new ParkdocException(
                "unknown language '"
                    + code.strip()
                    + "' (try ko, ja, zh, zh-Hant, en, de, ... or all)");
          }
          chosen.add(Languages.canonical(code.strip()));
        }
      }
      languages.clear();
      languages.addAll(chosen);
    }
    screen
        .out()
        .println(
            screen.render(
                new AttributedString(
                    "searching "
                        + (languages.isEmpty() ? "every language" : String.join(", ", languages)),
                    Styles.DIM)));
    again(args, screen);
  }

  private void translate(List<String> args, Screen screen) {
    if (!args.isEmpty()) {
      switch (args.get(0)) {
        case "on" -> translate = true;
        case "off" -> translate = false;
        default -> throw new ParkdocException(":translate takes on or off");
      }
    }
    screen
        .out()
        .println(
            screen.render(
                new AttributedString(
                    translate
                        ? "translating queries into the other languages"
                        : "searching only what is typed",
                    Styles.DIM)));
  }

  private void limit(List<String> args, Screen screen) {
    if (!args.isEmpty()) {
      int n = number("limit", args);
      if (n < 1 || n > MAX_LIMIT) {
        throw new ParkdocException(":limit takes a number from 1 to " + MAX_LIMIT);
      }
      limit = n;
    }
    screen
        .out()
        .println(
            screen.render(
                new AttributedString(
                    limit + (limit == 1 ? " hit" : " hits") + " per page", Styles.DIM)));
    again(args, screen);
  }

  /** After a setting changed, the last query again, under the new setting. */
  private void again(List<String> args, Screen screen) {
    if (!args.isEmpty() && page != null) {
      search(page.request().query(), screen);
    } else {
      screen.out().flush();
    }
  }

  // ---- help and the command line's commands ----

  private void help(List<String> args, Screen screen) {
    PrintWriter out = screen.out();
    if (!args.isEmpty()) {
      String name = args.get(0).replaceFirst("^:", "").toLowerCase(Locale.ROOT);
      if (commands.list().containsKey(name)) {
        delegate(List.of(name, "--help"), screen);
        return;
      }
      Command own =
          OWN.stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () -> new ParkdocException("no command :" + name + " (:help lists them)"));
      out.println(own.usage() + "  " + own.description());
      out.flush();
      return;
    }
    // laid out by words at the terminal's width, a row's description continued under itself
    int columns = screen.width() > 0 ? screen.width() - 1 : 0;
    out.println(
        TextLayout.wrapBlock(
            "Type a query to search every language, in the syntax of parkdoc search: words, \"a phrase\", "
                + "AND OR NOT, +must -not, prefix*, lang:ko, path:GLOB.",
            columns));
    List<String[]> rows = new ArrayList<>();
    OWN.forEach(c -> rows.add(new String[] {c.usage(), c.description()}));
    commands
        .list()
        .forEach(
            (name, header) ->
                rows.add(
                    new String[] {
                      ":" + name + (name.equals("analyze") ? " [LANG] TEXT" : " ..."), header
                    }));
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
    for (String[] r : rows) {
      String head = "  " + r[0] + " ".repeat(width - r[0].length());
      List<String> lines = TextLayout.wrapLine(head + r[1], columns);
      out.println(
          screen.render(
              new AttributedStringBuilder()
                  .append("  ")
                  .styled(Styles.LANG, r[0])
                  .append(lines.get(0).substring(2 + r[0].length()))
                  .toAttributedString()));
      for (String line : lines.subList(1, lines.size())) {
        out.println(line);
      }
    }
    for (String line :
        TextLayout.wrapLine(
            "Tab completes commands, languages and paths; Up and Ctrl-R search the history; "
                + "Ctrl-C drops the line, or stops a running :index.",
            columns)) {
      out.println(screen.render(new AttributedString(line, Styles.DIM)));
    }
    out.flush();
    view = null;
  }

  /**
   * {@code :analyze ko,ja TEXT} for {@code :analyze --lang ko,ja TEXT}: in the shell, where the
   * output names each language, a leading list of language codes is what a user means. (The command
   * line keeps {@code --lang}: a script's text may well start with "no" or "it".)
   */
  static List<String> shorthand(List<String> words) {
    if (words.size() >= 3
        && words.get(0).equalsIgnoreCase("analyze")
        && !words.get(1).startsWith("-")
        && Arrays.stream(words.get(1).split(",", -1)).allMatch(l -> Languages.isKnown(l.strip()))) {
      List<String> out = new ArrayList<>(List.of("analyze", "--lang", words.get(1), "--"));
      out.addAll(words.subList(2, words.size()));
      return out;
    }
    return words;
  }

  private void delegate(List<String> args, Screen screen) {
    try {
      commands.run(args, screen.out(), screen.err(), screen.width());
    } finally {
      screen.out().flush();
      screen.err().flush();
      view = null;
      refresh();
    }
  }

  // ---- the searcher ----

  /** Opens the index when it appeared, and again when it changed since it was opened. */
  private void refresh() {
    if (searcher != null ? searcher.isCurrent() : !Backends.exists(settings.location())) {
      return;
    }
    SearchBackend fresh = Backends.search(settings.location());
    if (searcher != null) {
      searcher.close();
    }
    searcher = fresh;
    unreadable = null;
    // Hit numbers of the old searcher mean nothing to the new one.
    page = null;
    view = null;
    warm(fresh);
  }

  /** Loads the analyzers and the rest in the background, so the first query is fast too. */
  private static void warm(SearchBackend s) {
    Thread.ofVirtual()
        .name("parkdoc-warm")
        .start(
            () -> {
              try {
                s.warm();
              } catch (RuntimeException e) {
                // closed meanwhile (the index changed): the next searcher warms itself
              }
            });
  }

  private SearchBackend searcher() {
    if (searcher == null) {
      throw new ParkdocException(
          unreadable != null
              ? unreadable
              : "no index at " + indexName() + " yet: ':index PATH' creates one");
    }
    return searcher;
  }

  private Page requirePage() {
    if (page == null) {
      throw new ParkdocException("no hits to show: type a query first");
    }
    return page;
  }

  private String indexName() {
    return settings.display().apply(settings.location().toString());
  }

  private static int number(String command, List<String> args) {
    if (args.size() != 1) {
      throw new ParkdocException(":" + command + " takes one number, as in :" + command + " 1");
    }
    try {
      return Integer.parseInt(args.get(0));
    } catch (NumberFormatException e) {
      throw new ParkdocException(":" + command + " takes a number, not '" + args.get(0) + "'");
    }
  }

  @Override
  public void close() {
    if (searcher != null) {
      searcher.close();
      searcher = null;
    }
  }
}
