package io.parkdoc.cli;

import io.parkdoc.core.Hit;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.query.NothingToSearch;
import io.parkdoc.term.HitPrinter;
import io.parkdoc.term.JsonPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code parkdoc search QUERY...}: ranked hits across every language, with highlighted passages.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Search every language at once; ranked hits with highlighted passages.",
    description = {
      "Search every language at once and print the best hits with their matching passages.",
      "",
      "Query syntax: words (all required in a short query; a question or more than three words is "
          + "ranked by how many it matches), \"a phrase\", AND, OR, NOT, +must, -mustnot, prefix*, (groups), "
          + "lang:ko,ja and path:GLOB filters. Natural text such as a question ending in ? is searched as words.",
    })
final class SearchCommand implements Callable<Integer> {
  static final int DEFAULT_LIMIT = 10;
  static final int DEFAULT_PASSAGES = 2;

  @ParentCommand ParkdocCommand parent;

  @Parameters(
      paramLabel = "QUERY",
      arity = "0..*",
      description = "The query; several arguments are joined with spaces.")
  List<String> query = new ArrayList<>();

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Hits to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the N best hits (paging).")
  int offset;

  @Option(
      names = "--lang",
      completionCandidates = LanguageCodes.class,
      paramLabel = "LANG",
      split = ",",
      description = "Search only these languages (ko, ja, zh, zh-Hant, en, ...).")
  List<String> langs = new ArrayList<>();

  @Option(
      names = "--passages",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PASSAGES,
      description = "Passages per hit (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(
      names = "--translate",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "Also search the query's translations into the other languages of the index (default: ${DEFAULT-VALUE}); on a terminal, a line above the hits says what the query became (--json: in each hit).")
  String translate;

  @Option(names = "--json", description = "Print one JSON object per hit per line.")
  boolean json;

  @Option(
      names = "--batch",
      paramLabel = "FILE",
      description =
          "Read 'qid<TAB>query' lines from FILE ('-' for stdin) and print one JSON line per hit, with its qid.")
  String batch;

  @Override
  public Integer call() {
    if (limit < 0 || offset < 0 || passages < 0) {
      throw new ParkdocException("--limit, --offset and --passages take numbers of 0 or more");
    }
    Set<String> languages = new LinkedHashSet<>();
    for (String l : langs) {
      if (!Languages.isKnown(l.strip())) {
        throw new ParkdocException(
            "unknown language '" + l + "' for --lang (try ko, ja, zh, zh-Hant, en, de, ...)");
      }
      languages.add(Languages.canonical(l.strip()));
    }
    if (!translate.equals("on") && !translate.equals("off")) {
      throw new ParkdocException("--translate takes on or off");
    }
    if (batch == null && query.isEmpty()) {
      throw new ParkdocException("a query is needed, as in: parkdoc search 레이저 (or --batch FILE)");
    }
    PrintWriter out = parent.spec.commandLine().getOut();
    try (SearchBackend searcher = parent.openSearcher()) {
      if (batch != null) {
        return batch(searcher, languages, out);
      }
      return searchAndPrint(
          parent,
          searcher,
          new SearchRequest(
              String.join(" ", query),
              languages,
              limit,
              offset,
              passages,
              false,
              translate.equals("on")),
          json,
          out,
          parent.spec.commandLine().getErr());
    }
  }

  /**
   * Runs one query and prints its hits as text or JSON lines, and on {@code err} why it found
   * nothing when its words are stop words; returns the exit code.
   */
  static int searchAndPrint(
      ParkdocCommand parent,
      SearchBackend searcher,
      SearchRequest request,
      boolean json,
      PrintWriter out,
      PrintWriter err) {
    String nothing = NothingToSearch.in(request.query());
    if (nothing != null) {
      err.println("parkdoc: " + nothing);
      err.flush();
      return ExitCodes.NOTHING;
    }
    long t0 = System.nanoTime();
    SearchResults results = searcher.search(request);
    if (json) {
      for (Hit h : results.hits()) {
        out.println(
            JsonPrinter.hit(
                h,
                parent.paths().relative(h.path()),
                null,
                results.relaxed(),
                results.translation()));
      }
    } else {
      HitPrinter printer = parent.printer();
      if (parent.env().terminal()) {
        // Like the footer, for a reader: in a pipe standard output holds hits only (as rg's
        // does), and standard error stays for problems; --json carries the translations.
        printer.translation(out, results);
      }
      for (Hit h : results.hits()) {
        printer.print(out, h, parent.paths().display(h.path()));
      }
      if (parent.env().terminal()) {
        printer.footer(out, HitPrinter.summary(results, (System.nanoTime() - t0) / 1_000_000));
      }
    }
    out.flush();
    if (results.relaxed() && !results.hits().isEmpty() && (json || !parent.env().terminal())) {
      // The footer says so on a terminal; a pipe or a JSON reader hears it too.
      err.println("parkdoc: " + HitPrinter.PARTIAL_NOTE);
    }
    if (results.total() == 0) {
      String note = HitPrinter.stopWordNote(results.stopWords());
      if (note != null) {
        err.println("parkdoc: " + note);
      }
    }
    return results.hits().isEmpty() ? ExitCodes.NOTHING : ExitCodes.FOUND;
  }

  private int batch(SearchBackend searcher, Set<String> languages, PrintWriter out) {
    try (BufferedReader in =
        batch.equals("-")
            ? new BufferedReader(
                new InputStreamReader(parent.env().stdin(), StandardCharsets.UTF_8))
            : Files.newBufferedReader(
                parent.env().cwd().resolve(Path.of(batch)), StandardCharsets.UTF_8)) {
      return batch(
          searcher,
          in,
          batch,
          q -> new SearchRequest(q, languages, limit, offset, passages, true),
          parent.paths()::relative,
          out,
          parent.spec.commandLine().getErr());
    } catch (IOException e) {
      throw new ParkdocException("cannot read " + batch + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the {@code qid<TAB>query} lines of {@code in}, printing one JSON line per hit. A query
   * that fails is reported on {@code err} with its qid, and the others still run; the exit code is
   * then {@link ExitCodes#ERROR}.
   */
  static int batch(
      SearchBackend searcher,
      BufferedReader in,
      String name,
      java.util.function.Function<String, SearchRequest> request,
      java.util.function.UnaryOperator<String> relative,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    boolean any = false;
    boolean failed = false;
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new ParkdocException(name + ":" + lineNo + ": expected 'qid<TAB>query'");
      }
      String qid = line.substring(0, tab);
      String q = line.substring(tab + 1);
      if (q.isBlank()) {
        continue;
      }
      SearchResults r;
      try {
        r = searcher.search(request.apply(q));
      } catch (RuntimeException e) {
        // One query that fails is reported with its qid; the others still run.
        out.flush();
        err.println("parkdoc: query " + qid + ": " + message(e));
        err.flush();
        failed = true;
        continue;
      }
      for (Hit h : r.hits()) {
        out.println(
            JsonPrinter.hit(h, relative.apply(h.path()), qid, r.relaxed(), r.translation()));
        any = true;
      }
    }
    out.flush();
    if (failed) {
      return ExitCodes.ERROR;
    }
    return any ? ExitCodes.FOUND : ExitCodes.NOTHING;
  }

  private static String message(RuntimeException e) {
    return e instanceof ParkdocException || e.getMessage() == null
        ? String.valueOf(e.getMessage())
        : "internal error: " + e;
  }
}
