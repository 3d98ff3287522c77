package io.parkdoc.core.query.translate;

import io.parkdoc.core.analysis.HanVariants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The cross-language lexicon: for a term in one language, its dictionary neighbours in the others,
 * best first.
 *
 * <p>Built by {@code tools/build-lexicon} (sources and licences in {@code docs/translation.md}) as
 * one gzip file per key language ({@code en}, {@code ko}, {@code ja}, {@code zh}, {@code han}),
 * each line {@code TERM<TAB>LANG:CANDIDATE...} sorted by the term's UTF-8 bytes. A part loads on
 * the first look-up in its language, as one byte array searched by bisection over its byte offsets:
 * no string is made until a line is read, so the whole lexicon holds about 15 MB of heap (its
 * uncompressed size). Han keys are folded to parkdoc's Simplified form ({@link HanVariants}), so
 * 長春, 长春 and shinjitai spellings find one line. Thread-safe.
 */
public final class Lexicon {
  /** The key languages of the lexicon's parts. */
  public static final List<String> PARTS = List.of("en", "ko", "ja", "zh", "han");

  /** How many files each key language is split into. */
  static final int BUCKETS = 16;

  private static final Lexicon BUNDLED = new Lexicon();

  private final Map<String, Part> parts = new ConcurrentHashMap<>();

  private Lexicon() {}

  /** The lexicon shipped in parkdoc's jar. */
  public static Lexicon bundled() {
    return BUNDLED;
  }

  /**
   * One neighbour of a term: its language, its text and whether it is a guess from pronunciation.
   */
  public record Entry(String lang, String text, boolean guessed) {
    @Override
    public String toString() {
      return (guessed ? "~" : "") + lang + ":" + text;
    }
  }

  /**
   * The neighbours of {@code term} in the key language {@code lang} (one of {@link #PARTS}), best
   * first; empty when the lexicon does not know the term. English keys are lower case; Han is
   * folded here.
   */
  public List<Entry> lookup(String lang, String term) {
    if (term.isEmpty()) {
      return List.of();
    }
    String key = "en".equals(lang) ? term : HanVariants.toSimplified(term);
    List<Entry> entries = entries(lang, key);
    if (entries.isEmpty() && "zh".equals(lang) && VARIANT_WORDS && contains(lang, key)) {
      // A word only the variants' table has (Taiwan 函式): its variant's neighbours (函数 -> function).
      for (String v : chineseVariants(key)) {
        entries = entries(lang, HanVariants.toSimplified(v));
        if (!entries.isEmpty()) {
          break;
        }
      }
    }
    return entries;
  }

  private List<Entry> entries(String lang, String key) {
    Part part = part(lang, key);
    if (part == null) {
      return List.of();
    }
    int line = part.find(key.getBytes(StandardCharsets.UTF_8));
    return line < 0 ? List.of() : part.entries(line);
  }

  /**
   * Whether the lexicon has {@code term} as a key in {@code lang}; in Chinese, also a word with
   * {@link #chineseVariants} (a Taiwan word such as 函式 or 試算表 that no dictionary here lists).
   */
  public boolean contains(String lang, String term) {
    if (term.isEmpty()) {
      return false;
    }
    String key = "en".equals(lang) ? term : HanVariants.toSimplified(term);
    return has(lang, key)
        || "zh".equals(lang)
            && VARIANT_WORDS
            && ChineseVariants.TABLE.containsKey(key)
            && variantWord.computeIfAbsent(key, k -> !splits(k, 0));
  }

  private boolean has(String lang, String key) {
    Part part = part(lang, key);
    return part != null && part.find(key.getBytes(StandardCharsets.UTF_8)) >= 0;
  }

  /**
   * Whether {@code key} from {@code from} on is a sequence of Chinese words of two characters or
   * more that the lexicon has: such a word of the variants' table is left to them (資料來源 is read as
   * 資料 and 來源, each with its translations), so that the table only adds words the lexicon has no
   * reading of (函式, 試算表).
   */
  private boolean splits(String key, int from) {
    for (int to = from + 2; to <= key.length(); to++) {
      if ((from > 0 || to < key.length())
          && has("zh", key.substring(from, to))
          && (to == key.length() || splits(key, to))) {
        return true;
      }
    }
    return false;
  }

  /** Per word of the variants' table that the lexicon lacks, whether it is read as one word. */
  private final Map<String, Boolean> variantWord = new ConcurrentHashMap<>();

  private static final boolean VARIANT_WORDS =
      Boolean.parseBoolean(System.getProperty("parkdoc.zhVariants.words", "true"));

  /**
   * The terms {@code lang}'s analyzer makes of {@code text}, a translation the lexicon gives into
   * {@code lang}, as {@code tools/build-lexicon} stored them; null when they were not stored (the
   * text is no translation the lexicon gives, or its analysis is more than a sequence of terms: see
   * {@link io.parkdoc.core.analysis.Terms#sequence}, whose form this is: each position skipped
   * before a term is an empty string before it). A search then builds a translation's query and
   * counts its documents without loading that language's analyzer (kuromoji's, smartcn's and nori's
   * dictionaries take tens of milliseconds to load). Empty when the analyzer makes no term of it.
   */
  public List<String> terms(String lang, String text) {
    if (text.isEmpty() || !TERMS.contains(lang)) {
      return null;
    }
    Part part =
        parts.computeIfAbsent(
            "terms/" + lang + "-" + (text.charAt(0) % BUCKETS), f -> Part.load(f, "terms"));
    int line = part.find(text.getBytes(StandardCharsets.UTF_8));
    if (line >= 0) {
      return part.terms(line);
    }
    if (text.indexOf(' ') > 0 && !text.endsWith(" ")) {
      // A phrase the translator made of a compound's parts' translations (Translator#byParts):
      // the terms of each part in turn, when every part's are stored.
      List<String> out = new ArrayList<>();
      for (String piece : text.split(" ")) {
        List<String> t = piece.isEmpty() ? null : terms(lang, piece);
        if (t == null) {
          return null;
        }
        out.addAll(t);
      }
      return out;
    }
    return null;
  }

  /**
   * The words the other standard of Chinese writes for {@code word} (Mainland 信息, Taiwan 資訊), each
   * as that standard writes it; empty when both write it alike. From OpenCC's phrase tables ({@code
   * zh-variants.tsv}, by {@code tools/gen-zh-variants}), keyed by parkdoc's folded spelling, loaded
   * on first use (1,548 words).
   */
  public List<String> chineseVariants(String word) {
    List<String> v = ChineseVariants.TABLE.get(HanVariants.toSimplified(word));
    return v == null ? List.of() : v;
  }

  /** The table of {@link #chineseVariants}, read on first use. */
  private static final class ChineseVariants {
    static final Map<String, List<String>> TABLE = read();

    private static Map<String, List<String>> read() {
      String mined = System.getProperty("parkdoc.zhVariants.mined", "first");
      Map<String, List<String>> table = new java.util.HashMap<>();
      if (mined.equals("first")) {
        read("zh-variants-mined.tsv", table);
      }
      read("zh-variants.tsv", table);
      if (mined.equals("last")) {
        read("zh-variants-mined.tsv", table);
      }
      table.replaceAll((k, v) -> List.copyOf(v));
      return table;
    }

    /** Whether {@code words} holds {@code w} in some spelling. */
    private static boolean hasFolded(List<String> words, String w) {
      String folded = HanVariants.toSimplified(w);
      for (String o : words) {
        if (HanVariants.toSimplified(o).equals(folded)) {
          return true;
        }
      }
      return false;
    }

    /** Adds a table's words to {@code table}, after those it holds, each other word once. */
    private static void read(String name, Map<String, List<String>> table) {
      try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
        if (in == null) {
          return;
        }
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          int tab = line.indexOf('\t');
          if (line.startsWith("#") || tab <= 0) {
            continue;
          }
          List<String> words =
              table.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>());
          for (String w : line.substring(tab + 1).split(" ")) {
            if (!hasFolded(words, w)) {
              words.add(w);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read parkdoc's " + name, e);
      }
    }
  }

  /** The languages whose translations' terms are stored ({@link #terms}). */
  static final List<String> TERMS = List.of("en", "ko", "ja", "zh");

  /** Loads every part now (for benchmarks and warm-up); look-ups load them on demand otherwise. */
  public void loadAll() {
    for (String lang : PARTS) {
      for (int b = 0; b < BUCKETS; b++) {
        parts.computeIfAbsent(lang + "-" + b, f -> Part.load(f, "lexicon"));
      }
    }
  }

  private Part part(String lang, String key) {
    if (!PARTS.contains(lang)) {
      return null;
    }
    return parts.computeIfAbsent(
        lang + "-" + (key.charAt(0) % BUCKETS), f -> Part.load(f, "lexicon"));
  }

  /**
   * One bucket's lines, in key order: the file's bytes, searched by bisection over byte offsets
   * (each probe steps back to the start of its line), so that loading is only decompressing: no
   * pass over the bytes, no array of line starts (a first look-up in a fresh JVM ran that pass in
   * the interpreter).
   *
   * @param first the offset of the first line after the header's comment lines
   */
  private record Part(byte[] data, int first) {
    static Part load(String file, String folder) {
      String name = folder + "/" + file.substring(file.indexOf('/') + 1) + ".tsv.gz";
      try (InputStream raw = Lexicon.class.getResourceAsStream(name)) {
        if (raw == null) {
          return new Part(new byte[0], 0); // no key of this language falls here
        }
        byte[] data = new GZIPInputStream(raw, 1 << 16).readAllBytes();
        int first = 0;
        while (first < data.length && data[first] == '#') {
          while (first < data.length && data[first] != '\n') {
            first++;
          }
          first++;
        }
        return new Part(data, Math.min(first, data.length));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read parkdoc's lexicon " + name, e);
      }
    }

    /** The offset of the line whose key is {@code key}, or -1. */
    int find(byte[] key) {
      int lo = first; // always the start of a line
      int hi = data.length; // the start of a line, or the end
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int start = mid;
        while (start > lo && data[start - 1] != '\n') {
          start--;
        }
        int c = compare(start, key);
        if (c == 0) {
          return start;
        }
        if (c < 0) {
          int end = start;
          while (end < data.length && data[end] != '\n') {
            end++;
          }
          lo = end + 1;
        } else {
          hi = start;
        }
      }
      return -1;
    }

    /** The line's key compared with {@code key}, as unsigned bytes. */
    private int compare(int at, byte[] key) {
      int i = 0;
      while (true) {
        int pos = at + i;
        boolean lineEnds = pos >= data.length || data[pos] == '\t' || data[pos] == '\n';
        if (i == key.length) {
          return lineEnds ? 0 : 1;
        }
        if (lineEnds) {
          return -1;
        }
        int c = Integer.compare(data[pos] & 0xff, key[i] & 0xff);
        if (c != 0) {
          return c;
        }
        i++;
      }
    }

    /**
     * The stored terms of the line at {@code start}: {@code TEXT} alone is its one term, {@code
     * TEXT<TAB>} none, {@code TEXT<TAB>TERM TERM...} those terms, an empty string for each position
     * skipped before a term (two spaces in a row).
     */
    List<String> terms(int start) {
      int tab = start;
      while (tab < data.length && data[tab] != '\t' && data[tab] != '\n') {
        tab++;
      }
      if (tab == data.length || data[tab] == '\n') {
        return List.of(new String(data, start, tab - start, StandardCharsets.UTF_8));
      }
      int end = tab + 1;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      if (end == tab + 1) {
        return List.of();
      }
      return List.of(
          new String(data, tab + 1, end - tab - 1, StandardCharsets.UTF_8).split(" ", -1));
    }

    List<Entry> entries(int start) {
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      String[] fields = new String(data, start, end - start, StandardCharsets.UTF_8).split("\t");
      List<Entry> out = new ArrayList<>(fields.length - 1);
      for (int f = 1; f < fields.length; f++) {
        String s = fields[f];
        boolean guessed = s.startsWith("~");
        int colon = s.indexOf(':');
        if (colon > 0) {
          out.add(new Entry(s.substring(guessed ? 1 : 0, colon), s.substring(colon + 1), guessed));
        }
      }
      return out;
    }
  }
}
