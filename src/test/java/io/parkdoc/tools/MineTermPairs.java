package io.parkdoc.tools;

import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.query.translate.Translator;
import io.parkdoc.eval.TranslationEval;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Mines term pairs from line-aligned parallel pages for {@code tools/build-lexicon}: the
 * LibreOffice help (the same file id is the same page in every language and, for most pages, line i
 * is the translation of line i) in en, ko, ja, zh-cn and zh-tw.
 *
 * <p>Only the tuning half of the pages ({@link TranslationEval#half} == 0) is read, never the half
 * the evaluation reports on. Words are the tokens of parkdoc's own analyzer of each language,
 * written as they appear in the text (so a translation, analyzed again at search time, gives the
 * index's term); a Korean compound noun nori cuts into nouns is read whole as well ({@link
 * KoreanWords}). Two words pair up when they occur in aligned lines together far more often than
 * apart (Dice coefficient over lines, at least {@link #MIN_TOGETHER} lines); lines left
 * untranslated (the same text on both sides) are skipped. Output lines: {@code
 * LANG<TAB>WORD<TAB>LANG<TAB>WORD<TAB>DICE}.
 *
 * <p>The two standards of Chinese (zh-cn, zh-tw) are one index language whose spellings the
 * analyzer folds; what they write differently (信息 / 資訊) is mined apart by {@link
 * ChineseVariantPairs} into {@code ZH_OUT} when given.
 *
 * <p>{@code MineTermPairs CORPUS OUT [ZH_OUT]}.
 */
public final class MineTermPairs {
  static final int MIN_TOGETHER = 3;
  static final double MIN_DICE = 0.2;
  static final int KEEP = 4;

  /** Whether pairs of Japanese and Chinese words are mined on the translator's Chinese words. */
  static final boolean JA_ZH_LEXICON_WORDS =
      Boolean.parseBoolean(System.getProperty("jaZhLexiconWords", "true"));

  static final int MUTUAL = 3;
  static final double RELATIVE = Double.parseDouble(System.getProperty("relative", "0.5"));
  private static final int MAX_WORDS = 40;
  private static final List<String> COLLECTIONS = List.of("en", "ko", "ja", "zh-cn", "zh-tw");

  private MineTermPairs() {}

  public static void main(String[] args) throws IOException {
    // The words of a line are read without the pairs mined before: the same pages give the same
    // pairs, run after run.
    System.setProperty("parkdoc.zhVariants.mined", "off");
    Path corpus = Path.of(args[0]);
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> s = Files.list(corpus.resolve("en"))) {
      s.map(p -> p.getFileName().toString())
          .filter(id -> TranslationEval.half(id) == 0)
          .forEach(ids::add);
    }
    // Per collection and page, each line's words.
    Map<String, Map<String, List<List<String>>>> words = new HashMap<>();
    // Korean is read twice: its words whole for the pairs keyed by a Korean word, whole and in
    // nori's pieces for the Korean candidates of the other languages' words (KoreanWords).
    Map<String, Map<String, List<List<String>>>> koreanCandidates = new HashMap<>();
    for (String c : COLLECTIONS) {
      String lang = c.startsWith("zh") ? "zh" : c;
      words.put(c, read(corpus, ids, c, lang, KOREAN_KEYS));
      if (lang.equals("ko")) {
        koreanCandidates.put(c, read(corpus, ids, c, lang, KOREAN_CANDIDATES));
      }
    }
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      for (int a = 0; a < COLLECTIONS.size(); a++) {
        for (int b = a + 1; b < COLLECTIONS.size(); b++) {
          String ca = COLLECTIONS.get(a);
          String cb = COLLECTIONS.get(b);
          if (ca.startsWith("zh") && cb.startsWith("zh")) {
            continue; // one language: its two standards' words are mined apart, below
          }
          if (ca.equals("ja") && cb.startsWith("zh") && JA_ZH_LEXICON_WORDS) {
            // Each side's keys on the translator's words of that side (and its analyzer's tokens),
            // the other side on its analyzer's tokens: measured best on the tuning half.
            mine(
                corpus,
                ids,
                ca,
                cb,
                lexiconWords(words.get(ca), corpus, ca),
                words.get(cb),
                out,
                true,
                false);
            mine(
                corpus,
                ids,
                ca,
                cb,
                words.get(ca),
                lexiconWords(words.get(cb), corpus, cb),
                out,
                false,
                true);
          } else if (KOREAN_KEYS == KOREAN_CANDIDATES || !(ca.equals("ko") || cb.equals("ko"))) {
            mine(corpus, ids, ca, cb, words.get(ca), words.get(cb), out, true, true);
          } else {
            // the pairs keyed by a Korean word on its whole words, the Korean candidates of the
            // other language's words on the whole words and their pieces
            mine(
                corpus,
                ids,
                ca,
                cb,
                words.get(ca),
                words.get(cb),
                out,
                ca.equals("ko"),
                cb.equals("ko"));
            var ko = koreanCandidates.get("ko");
            mine(
                corpus,
                ids,
                ca,
                cb,
                ca.equals("ko") ? ko : words.get(ca),
                cb.equals("ko") ? ko : words.get(cb),
                out,
                !ca.equals("ko"),
                !cb.equals("ko"));
          }
        }
      }
    }
    if (args.length > 2) {
      try (PrintWriter out =
          new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
        ChineseVariantPairs.mine(corpus, ids, words.get("zh-cn"), words.get("zh-tw"), out);
      }
    }
  }

  /** Each line's words of collection {@code c}'s tuning-half pages, by page. */
  private static Map<String, List<List<String>>> read(
      Path corpus, Set<String> ids, String c, String lang, KoreanWords korean) throws IOException {
    Analyzer analyzer = Languages.newAnalyzer(lang);
    Map<String, List<List<String>>> pages = new HashMap<>();
    for (String id : ids) {
      Path f = corpus.resolve(c).resolve(id);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      List<List<String>> lines = new ArrayList<>();
      for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n", -1)) {
        lines.add(line.isBlank() ? List.of() : tokens(analyzer, line, lang, korean));
      }
      pages.put(id, lines);
    }
    return pages;
  }

  /**
   * Each line's words as the translator reads them (the lexicon's words: 工作表, 单元格, 表計算), then the
   * analyzer's tokens (smartcn: 工作, 表, 单元, 格): the pairs of a Japanese or Chinese word with the
   * other language are mined on these, so that a word pairs with a compound its analyzer cuts (工作表
   * / シート, 单元格 / セル), and a key is a word a query is cut into.
   */
  private static Map<String, List<List<String>>> lexiconWords(
      Map<String, List<List<String>>> tokens, Path corpus, String collection) throws IOException {
    Map<String, List<List<String>>> out = new HashMap<>();
    for (var page : tokens.entrySet()) {
      String[] text =
          Files.readString(
                  corpus.resolve(collection).resolve(page.getKey()), StandardCharsets.UTF_8)
              .split("\n", -1);
      List<List<String>> lines = new ArrayList<>();
      for (int i = 0; i < page.getValue().size(); i++) {
        List<String> analyzed = page.getValue().get(i);
        if (analyzed.isEmpty() || i >= text.length) {
          lines.add(analyzed);
          continue;
        }
        LinkedHashSet<String> w = new LinkedHashSet<>();
        String lang = collection.startsWith("zh") ? "zh" : collection;
        for (Translator.SourceTerm t : Translator.bundled().terms(text[i], lang)) {
          if (lang.equals(t.lang()) && w.size() < MAX_WORDS) {
            w.add(t.text());
          }
        }
        w.addAll(analyzed);
        lines.add(new ArrayList<>(w));
      }
      out.put(page.getKey(), lines);
    }
    return out;
  }

  static List<String> tokens(Analyzer analyzer, String line, String lang) {
    return tokens(analyzer, line, lang, KoreanWords.PIECES);
  }

  static List<String> tokens(Analyzer analyzer, String line, String lang, KoreanWords korean) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    List<int[]> spans = new ArrayList<>();
    List<int[]> pieces = new ArrayList<>(); // a compound's nouns, when mined beside the whole word
    try (TokenStream ts = analyzer.tokenStream("body", line)) {
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      PartOfSpeechAttribute pos =
          lang.equals("ko") ? ts.addAttribute(PartOfSpeechAttribute.class) : null;
      ts.reset();
      while (ts.incrementToken()) {
        int[] span = {off.startOffset(), off.endOffset()};
        if (pos != null && korean != KoreanWords.PIECES) {
          // nori cuts a compound noun into its nouns (글꼴 -> 글 + 꼴, 화살표 -> 화살 + 표): the word
          // the page writes is the pair's Korean side, searched as the phrase of its pieces.
          boolean noun = isNoun(pos);
          if (noun
              && !spans.isEmpty()
              && spans.getLast()[2] == 1
              && spans.getLast()[1] == span[0]) {
            spans.getLast()[1] = span[1];
            if (korean == KoreanWords.BOTH) {
              pieces.add(span);
            }
            continue;
          }
          span = new int[] {span[0], span[1], noun ? 1 : 0};
          if (korean == KoreanWords.BOTH && noun) {
            pieces.add(new int[] {span[0], span[1]});
          }
        }
        spans.add(span);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int[] piece : pieces) {
      if (spans.stream().noneMatch(w -> w[0] == piece[0] && w[1] == piece[1])) {
        spans.add(piece);
      }
    }
    for (int[] span : spans) {
      if (out.size() >= MAX_WORDS) {
        break;
      }
      String w = line.substring(span[0], span[1]);
      if (lang.equals("en")) {
        w = w.toLowerCase(Locale.ROOT);
        if (!w.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || ch == '-') || w.length() < 2) {
          continue;
        }
      } else if (w.codePoints().noneMatch(MineTermPairs::isCjk)
          || w.codePoints().anyMatch(Character::isWhitespace)) {
        continue;
      }
      out.add(w);
    }
    return new ArrayList<>(out);
  }

  /**
   * How a Korean line's words are read: nori's tokens ({@code PIECES}: 글꼴 is 글 + 꼴, 화살표 is 화살 + 표),
   * a compound noun whole as the page writes it ({@code WHOLE}: 글꼴, 화살표), or both ({@code BOTH}).
   */
  enum KoreanWords {
    PIECES,
    WHOLE,
    BOTH
  }

  /**
   * The Korean words of the pairs keyed by a Korean word: whole, so that 글꼴 has an entry of its own
   * and 표 is not 화살표's piece (arrow); {@code -Dparkdoc.mine.koreanKeys=pieces} as before.
   */
  static final KoreanWords KOREAN_KEYS =
      KoreanWords.valueOf(
          System.getProperty("parkdoc.mine.koreanKeys", "whole").toUpperCase(Locale.ROOT));

  /**
   * The Korean words paired with the other languages' words: whole and in pieces, the whole word
   * first where it is as good (字体 -> 글꼴, 꼴, 글); {@code -Dparkdoc.mine.koreanCandidates}.
   */
  static final KoreanWords KOREAN_CANDIDATES =
      KoreanWords.valueOf(
          System.getProperty("parkdoc.mine.koreanCandidates", "both").toUpperCase(Locale.ROOT));

  /** Whether nori's token is a noun (its tag, or a compound's piece's, starts with N). */
  private static boolean isNoun(PartOfSpeechAttribute pos) {
    POS.Tag tag = pos.getLeftPOS();
    return tag != null && tag.name().startsWith("N") && !tag.name().equals("NR");
  }

  static boolean isCjk(int c) {
    return (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0x3040 && c <= 0x30FF)
        || (c >= 0x3400 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF);
  }

  private static void mine(
      Path corpus,
      Set<String> ids,
      String ca,
      String cb,
      Map<String, List<List<String>>> pa,
      Map<String, List<List<String>>> pb,
      PrintWriter out,
      boolean keysA,
      boolean keysB)
      throws IOException {
    Map<String, Integer> countA = new HashMap<>();
    Map<String, Integer> countB = new HashMap<>();
    Map<String, Map<String, Integer>> together = new HashMap<>();
    int linePairs = 0;
    for (String id : ids) {
      List<List<String>> la = pa.get(id);
      List<List<String>> lb = pb.get(id);
      if (la == null || lb == null || la.size() != lb.size()) {
        continue;
      }
      List<String> textA =
          Files.readAllLines(corpus.resolve(ca).resolve(id), StandardCharsets.UTF_8);
      List<String> textB =
          Files.readAllLines(corpus.resolve(cb).resolve(id), StandardCharsets.UTF_8);
      for (int i = 0; i < la.size(); i++) {
        List<String> wa = la.get(i);
        List<String> wb = lb.get(i);
        if (wa.isEmpty()
            || wb.isEmpty()
            || (i < textA.size() && i < textB.size() && textA.get(i).equals(textB.get(i)))) {
          continue;
        }
        linePairs++;
        for (String x : wa) {
          countA.merge(x, 1, Integer::sum);
          Map<String, Integer> m = together.computeIfAbsent(x, k -> new HashMap<>());
          for (String y : wb) {
            m.merge(y, 1, Integer::sum);
          }
        }
        for (String y : wb) {
          countB.merge(y, 1, Integer::sum);
        }
      }
    }
    String langA = ca.startsWith("zh") ? "zh" : ca;
    String langB = cb.startsWith("zh") ? "zh" : cb;
    // Both directions: for each word, its best partners by Dice. A pair is kept when each word is
    // among
    // the other's best (mutual), and within RELATIVE of the word's best pair: words that merely
    // share
    // lines with the right one (page -> style, from "page style") fall out.
    Map<String, TreeMap<Double, String>> fromA = new HashMap<>();
    Map<String, TreeMap<Double, String>> fromB = new HashMap<>();
    for (var e : together.entrySet()) {
      String x = e.getKey();
      for (var f : e.getValue().entrySet()) {
        int n = f.getValue();
        if (n < MIN_TOGETHER) {
          continue;
        }
        String y = f.getKey();
        double dice = 2.0 * n / (countA.get(x) + countB.get(y));
        if (dice < MIN_DICE) {
          continue;
        }
        // Ties broken by the words, so the output is the same run after run.
        fromA
            .computeIfAbsent(x, k -> new TreeMap<>())
            .put(-dice - 1e-9 * Math.abs(y.hashCode() % 1000), y);
        fromB
            .computeIfAbsent(y, k -> new TreeMap<>())
            .put(-dice - 1e-9 * Math.abs(x.hashCode() % 1000), x);
      }
    }
    int pairs = 0;
    for (var e : fromA.entrySet()) {
      pairs += keysA ? emit(out, langA, e.getKey(), langB, e.getValue(), fromB) : 0;
    }
    for (var e : fromB.entrySet()) {
      pairs += keysB ? emit(out, langB, e.getKey(), langA, e.getValue(), fromA) : 0;
    }
    System.err.printf(
        Locale.ROOT,
        "%s-%s%s: %d aligned line pairs, %d word pairs kept%n",
        ca,
        cb,
        keysA && keysB ? "" : " (keyed by " + (keysA ? langA : langB) + ")",
        linePairs,
        pairs);
  }

  private static boolean amongBest(TreeMap<Double, String> best, String word) {
    int k = 0;
    for (String w : best.values()) {
      if (w.equals(word)) {
        return true;
      }
      if (++k == MUTUAL) {
        return false;
      }
    }
    return false;
  }

  private static int emit(
      PrintWriter out,
      String la,
      String x,
      String lb,
      TreeMap<Double, String> best,
      Map<String, TreeMap<Double, String>> other) {
    int k = 0;
    double top = -best.firstKey();
    for (var e : best.entrySet()) {
      double dice = -e.getKey();
      if (k == KEEP || dice < RELATIVE * top) {
        break;
      }
      if (amongBest(other.get(e.getValue()), x)) {
        out.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%.3f%n", la, x, lb, e.getValue(), dice);
        k++;
      }
    }
    return k;
  }
}
