package io.parkdoc.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text pasted from a document finds that document. LibreOffice's and GNOME's help (8 and 42
 * languages, many pages holding untranslated English) in one index:
 *
 * <ul>
 *   <li>Known-item search: sentences of 15 to 80 characters from pages of every language, pasted
 *       unquoted as the query; every page holding the same sentence is a right answer; MRR@10 per
 *       language (the folder the sentence came from).
 *   <li>Quoted text behaves like {@code rg -F}: a quoted random verbatim substring of a random page
 *       (2 to 12 characters of CJK text, 2 to 5 words of spaced text) finds that page, in any
 *       script and whatever the page's main language; each miss is printed.
 * </ul>
 *
 * <p>By default a sample ({@value #DEFAULT_SENTENCES} sentences per language, {@value
 * #DEFAULT_QUOTES} quotes); {@code -Dparkdoc.eval.full=true} (as {@code bench/relevance --pasted}
 * runs it) takes 200 per language and 4,000 quotes. {@code -Dparkdoc.eval.index=DIR} reuses an
 * index of both sets made beforehand from the folder {@code -Dparkdoc.eval.corpora=DIR} they were
 * unpacked into.
 */
class PastedTextEvalTest {
  private static final int DEFAULT_SENTENCES = 20;
  private static final int DEFAULT_QUOTES = 600;
  private static final double MEAN_FLOOR = 0.97;
  private static final double LOWEST_FLOOR = 0.85;
  private static final double QUOTED_FLOOR = 0.97;
  private static final boolean FULL = Boolean.getBoolean("parkdoc.eval.full");
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[。！？!?.;；])\\s+|(?<=[。！？])|\\n+");

  @TempDir static Path tmp;

  private static Map<String, List<Path>> pagesByLanguage;
  private static LuceneSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    pagesByLanguage = new TreeMap<>();
    List<Path> roots = new ArrayList<>();
    for (String set : List.of("libreoffice-help", "gnome-help")) {
      String unpacked = System.getProperty("parkdoc.eval.corpora");
      Path root = (unpacked != null ? Path.of(unpacked) : SharedCorpora.unpack(set)).resolve(set);
      roots.add(root);
      try (Stream<Path> folders = Files.list(root)) {
        for (Path folder : folders.sorted().toList()) {
          try (Stream<Path> pages = Files.list(folder)) {
            pagesByLanguage
                .computeIfAbsent(
                    MainLanguageEvalTest.recorded(folder.getFileName().toString()),
                    k -> new ArrayList<>())
                .addAll(pages.sorted().toList());
          }
        }
      }
    }
    String prebuilt = System.getProperty("parkdoc.eval.index");
    IndexLayout layout =
        new IndexLayout(prebuilt != null ? Path.of(prebuilt) : tmp.resolve("index"));
    if (prebuilt == null) {
      long t0 = System.nanoTime();
      try (Indexer indexer =
          Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
        var summary = indexer.index(roots);
        System.out.printf(
            Locale.ROOT,
            "indexed libreoffice-help and gnome-help: %d files in %.1f s %s%n",
            summary.added(),
            (System.nanoTime() - t0) / 1e9,
            summary.languages());
      }
    }
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    if (searcher != null) {
      searcher.close();
    }
  }

  /**
   * Prints every sentence not ranked first, with the first hits ({@code -Dparkdoc.eval.verbose}).
   */
  private static final boolean VERBOSE = Boolean.getBoolean("parkdoc.eval.verbose");

  /** The last two parts of a page's path (its language folder and name). */
  static String shortPath(String path) {
    Path p = Path.of(path);
    int n = p.getNameCount();
    return n < 3 ? path : p.subpath(n - 3, n).toString();
  }

  /** {@code text} in lower case with only its letters and digits, one space between words. */
  static String normalized(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** The sentences of a page: cut at sentence ends and line breaks, trimmed. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text)) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void aPastedSentenceFindsItsPage() throws IOException {
    int perLanguage = FULL ? 200 : DEFAULT_SENTENCES;
    // every page each sentence stands in
    Map<String, Set<String>> pagesOf = new HashMap<>();
    Map<String, List<String>> candidates = new TreeMap<>();
    for (var e : pagesByLanguage.entrySet()) {
      for (Path page : e.getValue()) {
        for (String s : sentences(Files.readString(page, StandardCharsets.UTF_8))) {
          pagesOf.computeIfAbsent(s, k -> new HashSet<>()).add(page.toAbsolutePath().toString());
          int n = s.codePointCount(0, s.length());
          if (n >= 15 && n <= 80 && s.codePoints().filter(Character::isLetter).count() >= 5) {
            candidates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
          }
        }
      }
    }
    // every page's text, to tell which sentences also stand inside other pages' longer sentences
    List<String> allPaths = new ArrayList<>();
    List<String> allTexts = new ArrayList<>();
    for (var e : pagesByLanguage.entrySet()) {
      for (Path page : e.getValue()) {
        allPaths.add(page.toAbsolutePath().toString());
        allTexts.add(Files.readString(page, StandardCharsets.UTF_8));
      }
    }
    int notFirst = 0;
    int ambiguous = 0;
    double rrUnambiguous = 0;
    int unambiguousNotFirst = 0;
    int nearDuplicates = 0;
    int firsts = 0;
    Random random = new Random(13);
    StringBuilder table =
        new StringBuilder("known-item search: a sentence pasted unquoted (MRR@10, found@10)\n");
    double worst = 1;
    double sum = 0;
    int languages = 0;
    List<String> misses = new ArrayList<>();
    for (var e : candidates.entrySet()) {
      List<String> pool =
          new ArrayList<>(
              new LinkedHashMap<String, Boolean>() {
                {
                  e.getValue().forEach(s -> put(s, true));
                }
              }.keySet());
      double rr = 0;
      int found = 0;
      int n = Math.min(perLanguage, pool.size());
      for (int i = 0; i < n; i++) {
        String sentence = pool.remove(random.nextInt(pool.size()));
        Set<String> right = pagesOf.get(sentence);
        List<Hit> hits =
            searcher.search(new SearchRequest(sentence, Set.of(), 10, 0, 0, true)).hits();
        int rank = 0;
        for (int r = 0; r < hits.size(); r++) {
          if (right.contains(hits.get(r).path())) {
            rank = r + 1;
            break;
          }
        }
        int holders = 0;
        if (rank != 1) {
          // pages holding the sentence word for word, as a sentence or inside a longer one
          notFirst++;
          for (int p = 0; p < allTexts.size(); p++) {
            if (!right.contains(allPaths.get(p)) && allTexts.get(p).contains(sentence)) {
              holders++;
            }
          }
          if (holders > 0) {
            ambiguous++;
          } else if (!hits.isEmpty()
              && normalized(Files.readString(Path.of(hits.get(0).path()), StandardCharsets.UTF_8))
                  .contains(normalized(sentence))) {
            // the first page holds it but for case, punctuation or spacing: a near-duplicate,
            // not a right answer
            nearDuplicates++;
            unambiguousNotFirst++;
            rrUnambiguous += rank > 0 ? 1.0 / rank : 0;
          } else {
            unambiguousNotFirst++;
            rrUnambiguous += rank > 0 ? 1.0 / rank : 0;
          }
        } else {
          firsts++;
        }
        if (rank != 1 && VERBOSE) {
          StringBuilder why = new StringBuilder();
          why.append(
              String.format(
                  Locale.ROOT,
                  "MISS %s rank=%d holders=%d right=%s%n  q: %s%n",
                  e.getKey(),
                  rank,
                  holders,
                  right.stream().map(PastedTextEvalTest::shortPath).toList(),
                  sentence));
          for (int r = 0; r < Math.min(3, hits.size()); r++) {
            Hit h = hits.get(r);
            why.append(
                String.format(
                    Locale.ROOT,
                    "  %d %.3f %s %s %s%n",
                    r + 1,
                    h.score(),
                    shortPath(h.path()),
                    h.languages(),
                    right.contains(h.path()) ? "<= right" : ""));
          }
          if (rank > 3) {
            Hit h = hits.get(rank - 1);
            why.append(
                String.format(
                    Locale.ROOT,
                    "  %d %.3f %s %s <= right%n",
                    rank,
                    h.score(),
                    shortPath(h.path()),
                    h.languages()));
          }
          System.out.print(why);
        }
        if (rank > 0) {
          rr += 1.0 / rank;
          found++;
        } else if (misses.size() < 30) {
          misses.add(
              e.getKey()
                  + ": "
                  + sentence
                  + (holders > 0 ? "  (also inside " + holders + " other pages)" : ""));
        }
      }
      double mrr = n == 0 ? 1 : rr / n;
      worst = Math.min(worst, mrr);
      sum += mrr;
      languages++;
      table.append(
          String.format(
              Locale.ROOT,
              "  %-8s %4d  %.4f  %.3f%n",
              e.getKey(),
              n,
              mrr,
              n == 0 ? 1.0 : (double) found / n));
    }
    double mean = sum / languages;
    table.append(
        String.format(
            Locale.ROOT,
            "  mean over %d languages %.4f, lowest %.4f (goal: 0.97 in every language)%n",
            languages,
            mean,
            worst));
    // Why the goal is out of reach for part of the sample: a sentence that also stands, word for
    // word, inside a longer sentence of another page matches that page as well as its own.
    table.append(
        String.format(
            Locale.ROOT,
            "  not ranked first: %d of %d; %d of them also stand word for word inside other pages"
                + " (whose text matches as well); MRR@10 without those: %.4f; %d more lost to a"
                + " page holding it but for case, punctuation or spacing%n",
            notFirst,
            firsts + notFirst,
            ambiguous,
            (firsts + rrUnambiguous) / Math.max(1, firsts + unambiguousNotFirst),
            nearDuplicates));
    misses.forEach(m -> table.append("  not in the first ten: ").append(m).append('\n'));
    System.out.print(table);
    // Floors under today's figures (default sample: mean .987, lowest .90; the full sample: mean
    // .98, lowest .96), so that a change that loses a sentence or two in a language can fail.
    assertTrue(mean >= MEAN_FLOOR && worst >= LOWEST_FLOOR, table::toString);
  }

  /** A random verbatim piece of {@code text}: 2 to 12 CJK characters, or 2 to 5 words. */
  static String piece(String text, Random random) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int at = random.nextInt(Math.max(1, text.length() - 1));
      int cp = text.codePointAt(at);
      if (Character.isLowSurrogate(text.charAt(at))) {
        continue;
      }
      if (isCjk(cp)) {
        int len = 2 + random.nextInt(11);
        int end = at;
        int count = 0;
        while (end < text.length() && count < len && isCjk(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
          count++;
        }
        if (count >= 2) {
          return text.substring(at, end);
        }
      } else if (Character.isLetter(cp)) {
        // from the start of this word, 2 to 5 words of the same line
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
          start--;
        }
        int words = 2 + random.nextInt(4);
        int end = start;
        int count = 0;
        while (end < text.length() && count < words) {
          while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
          }
          count++;
          if (count < words && end < text.length() && text.charAt(end) == ' ') {
            end++;
          } else {
            break;
          }
        }
        String p = text.substring(start, end).strip();
        if (count >= 2 && !p.contains("\"") && p.codePoints().anyMatch(Character::isLetter)) {
          return p;
        }
      }
    }
    return null;
  }

  private static boolean isCjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }

  @Test
  void aQuotedPieceOfAPageFindsIt() throws IOException {
    int quotes = FULL ? 4000 : DEFAULT_QUOTES;
    List<Path> all = new ArrayList<>();
    pagesByLanguage.values().forEach(all::addAll);
    Random random = new Random(7);
    int tried = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    while (tried < quotes) {
      Path page = all.get(random.nextInt(all.size()));
      String text = Files.readString(page, StandardCharsets.UTF_8);
      String p = piece(text, random);
      if (p == null) {
        continue;
      }
      tried++;
      String query = "\"" + p + "\" path:" + page.toAbsolutePath();
      List<Hit> hits;
      try {
        hits = searcher.search(new SearchRequest(query, Set.of(), 1, 0, 0, false)).hits();
      } catch (RuntimeException e) {
        misses.add(
            page.getParent().getFileName()
                + "/"
                + page.getFileName()
                + ": \""
                + p
                + "\" ("
                + e.getMessage()
                + ")");
        continue;
      }
      if (!hits.isEmpty()) {
        found++;
      } else if (misses.size() < 60) {
        misses.add(page.getParent().getFileName() + "/" + page.getFileName() + ": \"" + p + "\"");
      }
    }
    double rate = (double) found / tried;
    StringBuilder report =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "quoted verbatim pieces found: %d / %d = %.4f (goal 0.995)%n",
                found,
                tried,
                rate));
    misses.forEach(m -> report.append("  missed: ").append(m).append('\n'));
    System.out.print(report);
    // A floor under today's figure (.987 on the default sample), not the goal.
    assertTrue(rate >= QUOTED_FLOOR, report::toString);
  }

  /**
   * English queries put the English pages first: the title of an English page of either set (a
   * sample of {@value #DEFAULT_TITLES}; all of them with {@code -Dparkdoc.eval.full=true}) as the
   * query, untranslated. Counted: how often the first hit is a page whose main language is English,
   * and the MRR@10 of the page itself or one of its untranslated copies (the same file name in
   * another language's folder, its main language English). Before parts were weighed by the file's
   * main language and Latin words by the script they stand in, these were .586 and .571; a Korean,
   * Chinese, German or French page holding the English words ranked first.
   */
  @Test
  void englishTitlesFindEnglishPagesFirst() throws IOException {
    List<Path> pages = new ArrayList<>(pagesByLanguage.getOrDefault("en", List.of()));
    java.util.Collections.shuffle(pages, new Random(17));
    int queries = 0;
    int englishFirst = 0;
    double rr = 0;
    List<String> misses = new ArrayList<>();
    for (Path page : pages) {
      if (!FULL && queries >= DEFAULT_TITLES) {
        break;
      }
      String title =
          Files.readString(page, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (title.length() < 4) {
        continue;
      }
      List<Hit> hits;
      try {
        hits = searcher.search(new SearchRequest(title, Set.of(), 10, 0, 0, false)).hits();
      } catch (io.parkdoc.core.ParkdocException e) {
        continue; // a title that reads as query syntax (AND)
      }
      queries++;
      if (!hits.isEmpty() && hits.get(0).lang().equals("en")) {
        englishFirst++;
      } else if (misses.size() < 20) {
        misses.add(
            title
                + " -> "
                + (hits.isEmpty()
                    ? "nothing"
                    : hits.get(0).path() + " " + hits.get(0).languages()));
      }
      String name = page.getFileName().toString();
      for (int r = 0; r < hits.size(); r++) {
        Hit h = hits.get(r);
        if (h.lang().equals("en") && Path.of(h.path()).getFileName().toString().equals(name)) {
          rr += 1.0 / (r + 1);
          break;
        }
      }
    }
    double first = englishFirst / (double) queries;
    StringBuilder report =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "English titles: %d queries; first hit an English page %.3f; MRR@10 of the page"
                    + " %.3f%n",
                queries,
                first,
                rr / queries));
    misses.forEach(m -> report.append("  not English first: ").append(m).append('\n'));
    System.out.print(report);
    // Floors under the figures measured on this sample (.863 and .784; on all 2,860 titles
    // without the pasted-text rule, .830 and .712), not goals.
    assertTrue(first >= 0.83, report::toString);
    assertTrue(rr / queries >= 0.75, report::toString);
  }

  private static final int DEFAULT_TITLES = 600;
}
