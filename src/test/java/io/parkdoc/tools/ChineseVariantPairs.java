package io.parkdoc.tools;

import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.query.translate.Translator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Mines the words Mainland and Taiwan Chinese write differently (信息 / 資訊, 运行 / 執行) from the
 * line-aligned zh-cn and zh-tw pages of the LibreOffice help's tuning half, for {@code
 * translate/zh-variants-mined.tsv} ({@code Lexicon.chineseVariants}).
 *
 * <p>Both standards are one index language whose spellings the analyzer folds, so most words of two
 * aligned lines are the same word ({@link HanVariants#toSimplified} alike): those are counted but
 * not paired. A Mainland word pairs with a Taiwan word when they stand in the lines' differences
 * together, each is the other's best partner by Dice over all lines (so a word both standards
 * usually write alike, such as 执行, has a low coefficient with anything), at least {@link
 * #MIN_TOGETHER} lines together and Dice at least {@link #MIN_DICE}. A word is rewritten into its
 * partner only if the other standard rarely writes it too ({@link #SPECIFIC}). Words are those
 * query translation reads (the lexicon's longest words and the variants' tables' own, {@link
 * Translator#terms}), so a pair's key is a word a query can hold.
 *
 * <p>Output: lines {@code WORD<TAB>OTHER OTHER...}, WORD folded, each OTHER as the other standard
 * writes it, sorted; deterministic for the same pages. docs/translation.md has the measurements
 * behind the thresholds.
 */
final class ChineseVariantPairs {
  static final int MIN_TOGETHER = Integer.getInteger("parkdoc.mine.zh.together", 3);
  static final double MIN_DICE =
      Double.parseDouble(System.getProperty("parkdoc.mine.zh.dice", "0.3"));

  /**
   * A word is rewritten only if the other standard's lines hold it at most this often against its
   * own standard's (执行 stands in zh-cn and zh-tw alike: it does not become 运行).
   */
  static final double SPECIFIC =
      Double.parseDouble(System.getProperty("parkdoc.mine.zh.specific", "0.5"));

  /** Where a line's words come from: the lexicon's segmentation, the analyzer's tokens, or both. */
  private static final String WORDS = System.getProperty("parkdoc.mine.zh.words", "lexicon");

  private ChineseVariantPairs() {}

  /**
   * {@code ChineseVariantPairs CORPUS OUT}: only these pairs ({@link MineTermPairs} writes them
   * beside the others).
   */
  public static void main(String[] args) throws IOException {
    // The words of a line are read without the pairs mined before: the same pages give the same
    // pairs, run after run.
    System.setProperty("parkdoc.zhVariants.mined", "off");
    Path corpus = Path.of(args[0]);
    Set<String> ids = new java.util.TreeSet<>();
    try (var s = Files.list(corpus.resolve("zh-cn"))) {
      s.map(p -> p.getFileName().toString())
          .filter(id -> io.parkdoc.eval.TranslationEval.half(id) == 0)
          .forEach(ids::add);
    }
    Map<String, Map<String, List<List<String>>>> tokens = new HashMap<>();
    for (String c : List.of("zh-cn", "zh-tw")) {
      Map<String, List<List<String>>> pages = new HashMap<>();
      if (!WORDS.equals("lexicon")) {
        var analyzer = io.parkdoc.core.analysis.Languages.newAnalyzer("zh");
        for (String id : ids) {
          Path f = corpus.resolve(c).resolve(id);
          if (Files.isRegularFile(f)) {
            List<List<String>> lines = new ArrayList<>();
            for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n", -1)) {
              lines.add(line.isBlank() ? List.of() : MineTermPairs.tokens(analyzer, line, "zh"));
            }
            pages.put(id, lines);
          }
        }
      }
      tokens.put(c, pages);
    }
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      mine(corpus, ids, tokens.get("zh-cn"), tokens.get("zh-tw"), out);
    }
  }

  /** Per side, one folded word's counts of lines and of its written forms. */
  private static final class Side {
    final Map<String, Integer> lines = new HashMap<>();
    final Map<String, Map<String, Integer>> written = new HashMap<>();

    /** The most frequent written form of {@code folded} (ties: the smaller string). */
    String written(String folded) {
      String best = null;
      int n = 0;
      for (var e : new TreeMap<>(written.get(folded)).entrySet()) {
        if (e.getValue() > n) {
          best = e.getKey();
          n = e.getValue();
        }
      }
      return best;
    }
  }

  static void mine(
      Path corpus,
      Set<String> ids,
      Map<String, List<List<String>>> cnTokens,
      Map<String, List<List<String>>> twTokens,
      PrintWriter out)
      throws IOException {
    Side cn = new Side();
    Side tw = new Side();
    Map<String, Map<String, Integer>> together = new HashMap<>();
    List<String[]> aligned = new ArrayList<>();
    List<List<Set<String>>> alignedWords = new ArrayList<>();
    int linePairs = 0;
    for (String id : ids) {
      Path fa = corpus.resolve("zh-cn").resolve(id);
      Path fb = corpus.resolve("zh-tw").resolve(id);
      if (!Files.isRegularFile(fa) || !Files.isRegularFile(fb)) {
        continue;
      }
      String[] la = Files.readString(fa, StandardCharsets.UTF_8).split("\n", -1);
      String[] lb = Files.readString(fb, StandardCharsets.UTF_8).split("\n", -1);
      if (la.length != lb.length) {
        continue;
      }
      for (int i = 0; i < la.length; i++) {
        if (la[i].isBlank() || la[i].equals(lb[i])) {
          continue;
        }
        Map<String, String> a = words(la[i], cnTokens.get(id), i);
        Map<String, String> b = words(lb[i], twTokens.get(id), i);
        if (a.isEmpty() || b.isEmpty()) {
          continue;
        }
        linePairs++;
        aligned.add(new String[] {la[i], lb[i]});
        alignedWords.add(List.of(a.keySet(), b.keySet()));
        count(cn, a);
        count(tw, b);
        for (String x : a.keySet()) {
          if (b.containsKey(x)) {
            continue;
          }
          for (String y : b.keySet()) {
            if (!a.containsKey(y)) {
              together.computeIfAbsent(x, k -> new HashMap<>()).merge(y, 1, Integer::sum);
            }
          }
        }
      }
    }
    // Each word's best partner on the other side, by Dice (ties broken by the words).
    Map<String, String> bestOfCn = new HashMap<>();
    Map<String, Double> bestDiceCn = new HashMap<>();
    Map<String, String> bestOfTw = new HashMap<>();
    Map<String, Double> bestDiceTw = new HashMap<>();
    for (var e : together.entrySet()) {
      String x = e.getKey();
      for (var f : e.getValue().entrySet()) {
        String y = f.getKey();
        double dice = 2.0 * f.getValue() / (cn.lines.get(x) + tw.lines.get(y));
        better(bestOfCn, bestDiceCn, x, y, dice);
        better(bestOfTw, bestDiceTw, y, x, dice);
      }
    }
    Map<String, List<String>> table = new TreeMap<>();
    int pairs = 0;
    int rewritten = 0;
    for (var e : new TreeMap<>(bestOfCn).entrySet()) {
      String x = e.getKey();
      String y = e.getValue();
      int n = together.get(x).get(y);
      if (!x.equals(bestOfTw.get(y)) || n < MIN_TOGETHER || bestDiceCn.get(x) < MIN_DICE) {
        continue;
      }
      pairs++;
      double dice = bestDiceCn.get(x);
      String cnWord = cn.written(x);
      String twWord = tw.written(y);
      int cnOfX = cn.lines.get(x);
      int twOfX = tw.lines.getOrDefault(x, 0);
      int twOfY = tw.lines.get(y);
      int cnOfY = cn.lines.getOrDefault(y, 0);
      if (EXTEND) {
        // A word the translator cut short (儲存格 read as 儲存 + 格) is the longer string the pair's
        // lines hold around it; its counts are then those of the string in each side's lines.
        String[] xs = extend(x, y, aligned, alignedWords, 0);
        String[] ys = extend(y, x, aligned, alignedWords, 1);
        if (!xs[0].equals(x) || !ys[0].equals(y)) {
          x = xs[0];
          cnWord = xs[1] == null ? cnWord : xs[1];
          y = ys[0];
          twWord = ys[1] == null ? twWord : ys[1];
          cnOfX = linesHolding(x, aligned, 0);
          twOfX = linesHolding(x, aligned, 1);
          twOfY = linesHolding(y, aligned, 1);
          cnOfY = linesHolding(y, aligned, 0);
        }
      }
      if (twOfX <= SPECIFIC * cnOfX) {
        add(table, x, twWord); // a Mainland word -> the Taiwan word, as Taiwan writes it
        rewritten++;
      }
      if (cnOfY <= SPECIFIC * twOfY) {
        add(table, y, cnWord); // a Taiwan word -> the Mainland word, as the Mainland writes it
        rewritten++;
      }
      System.err.printf(
          Locale.ROOT, "zh-cn-zh-tw pair\t%s\t%s\t%d\t%.3f%n", cnWord, twWord, n, dice);
    }
    out.println(
        "# Words Mainland and Taiwan Chinese write differently, mined by tools/build-lexicon"
            + " (io.parkdoc.tools.MineTermPairs)");
    out.println(
        "# from the line-aligned zh-cn and zh-tw pages of the LibreOffice help 7.4 (tuning half"
            + " only), MPL-2.0:");
    out.println(
        "# word pairs only. Lines: WORD<TAB>OTHER OTHER..., WORD folded to parkdoc's Simplified"
            + " spelling, each OTHER");
    out.println("# as the other standard writes it. See docs/translation.md.");
    for (var e : table.entrySet()) {
      out.println(e.getKey() + "\t" + String.join(" ", e.getValue()));
    }
    System.err.printf(
        Locale.ROOT,
        "zh-cn-zh-tw: %d aligned line pairs, %d word pairs kept, %d of their %d directions (%s"
            + " words, together >= %d, Dice >= %.2f, specific %.2f)%n",
        linePairs,
        pairs,
        rewritten,
        2 * pairs,
        WORDS,
        MIN_TOGETHER,
        MIN_DICE,
        SPECIFIC);
  }

  /**
   * Whether a pair's word is extended into the string its lines hold around it ({@link #extend});
   * {@code -Dparkdoc.mine.zh.extend=false} mines without it, for measurements.
   */
  static final boolean EXTEND =
      Boolean.parseBoolean(System.getProperty("parkdoc.mine.zh.extend", "true"));

  /** The share of a pair's lines that must hold the same next (or previous) character. */
  static final double EXTEND_SHARE =
      Double.parseDouble(System.getProperty("parkdoc.mine.zh.extendShare", "0.8"));

  /**
   * The most characters a word grows by: further, lines that repeat one sentence grow it into a
   * phrase.
   */
  static final int EXTEND_MOST = Integer.getInteger("parkdoc.mine.zh.extendMost", 2);

  /** Characters a word is never extended by: particles and conjunctions that follow any word. */
  private static final String NEVER_EXTENDED = "的了和与及或在中之是为个一这要并至那成以到把被将";

  /**
   * {@code word} (folded) grown one character at a time while the lines of side {@code side}
   * ({@code 0} Mainland, {@code 1} Taiwan) that hold it and whose other side holds {@code partner}
   * hold the same Han character after it (or, failing that, before it) in at least {@link
   * #EXTEND_SHARE} of them: the Taiwan side of 单元格 / 儲存 is 儲存格, a word no dictionary here has,
   * which the translator reads as 儲存 + 格. Returns the folded string and how the side writes it (the
   * first line holding it).
   */
  static String[] extend(
      String word,
      String partner,
      List<String[]> aligned,
      List<List<Set<String>>> words,
      int side) {
    List<String> folded = new ArrayList<>();
    List<String> written = new ArrayList<>();
    List<boolean[]> covered = new ArrayList<>();
    for (int i = 0; i < aligned.size(); i++) {
      String[] pair = aligned.get(i);
      String mine = HanVariants.toSimplified(pair[side]);
      if (mine.contains(word) && HanVariants.toSimplified(pair[1 - side]).contains(partner)) {
        folded.add(mine);
        written.add(pair[side]);
        covered.add(covered(mine, words.get(i).get(side)));
      }
    }
    String w = word;
    for (boolean grown = true;
        grown && folded.size() >= MIN_TOGETHER && w.length() < word.length() + EXTEND_MOST; ) {
      grown = false;
      for (int dir : new int[] {1, -1}) {
        Map<Character, Integer> next = new TreeMap<>();
        for (int i = 0; i < folded.size(); i++) {
          String line = folded.get(i);
          int at = line.indexOf(w);
          int c = dir > 0 ? at + w.length() : at - 1;
          if (at >= 0 && c >= 0 && c < line.length() && !covered.get(i)[c]) {
            // Only a character no word of the line covers: one the translator leaves out.
            next.merge(line.charAt(c), 1, Integer::sum);
          }
        }
        for (var e : next.entrySet()) {
          char c = e.getKey();
          if (e.getValue() >= EXTEND_SHARE * folded.size()
              && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
              && NEVER_EXTENDED.indexOf(c) < 0) {
            w = dir > 0 ? w + c : c + w;
            grown = true;
            break;
          }
        }
        if (grown) {
          break;
        }
      }
    }
    if (w.equals(word)) {
      return new String[] {word, null};
    }
    for (int i = 0; ; i++) {
      int at = folded.get(i).indexOf(w);
      if (at >= 0) {
        return new String[] {w, written.get(i).substring(at, at + w.length())};
      }
    }
  }

  /** Which characters of {@code line} (folded) the words {@code words} (folded) cover. */
  private static boolean[] covered(String line, Set<String> words) {
    boolean[] out = new boolean[line.length()];
    for (String w : words) {
      for (int at = line.indexOf(w); at >= 0 && !w.isEmpty(); at = line.indexOf(w, at + 1)) {
        java.util.Arrays.fill(out, at, at + w.length(), true);
      }
    }
    return out;
  }

  /** How many lines of side {@code side} hold the folded string {@code w}. */
  private static int linesHolding(String w, List<String[]> aligned, int side) {
    int n = 0;
    for (String[] pair : aligned) {
      if (HanVariants.toSimplified(pair[side]).contains(w)) {
        n++;
      }
    }
    return n;
  }

  private static void better(
      Map<String, String> best, Map<String, Double> dice, String x, String y, double d) {
    Double old = dice.get(x);
    if (old == null || d > old || (d == old && y.compareTo(best.get(x)) < 0)) {
      best.put(x, y);
      dice.put(x, d);
    }
  }

  private static void add(Map<String, List<String>> table, String key, String other) {
    List<String> l = table.computeIfAbsent(key, k -> new ArrayList<>());
    if (!l.contains(other)) {
      l.add(other);
    }
  }

  private static void count(Side side, Map<String, String> words) {
    for (var e : words.entrySet()) {
      side.lines.merge(e.getKey(), 1, Integer::sum);
      side.written
          .computeIfAbsent(e.getKey(), k -> new HashMap<>())
          .merge(e.getValue(), 1, Integer::sum);
    }
  }

  /** A line's words, folded -> as written. */
  private static Map<String, String> words(String line, List<List<String>> tokens, int i) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!WORDS.equals("analyzer")) {
      for (Translator.SourceTerm t : Translator.bundled().terms(line, "zh")) {
        if ("zh".equals(t.lang())) {
          out.putIfAbsent(HanVariants.toSimplified(t.text()), t.text());
        }
      }
    }
    if (!WORDS.equals("lexicon") && tokens != null && i < tokens.size()) {
      for (String w : tokens.get(i)) {
        out.putIfAbsent(HanVariants.toSimplified(w), w);
      }
    }
    return out;
  }
}
