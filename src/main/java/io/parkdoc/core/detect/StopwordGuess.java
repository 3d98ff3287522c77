package io.parkdoc.core.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;

/**
 * Tells which languages a sentence is in by the stop words it uses, with the stop-word lists that
 * ship inside Lucene's analyzers (Snowball's where there is one, being the fuller).
 *
 * <p>Function words are the most reliable evidence a short sentence offers, and this needs no
 * statistical model: it loads a few kilobytes of word lists, once, on the first natural-language
 * query in a script several languages share. Thread-safe.
 */
public final class StopwordGuess {
  private static final Map<String, String> SNOWBALL =
      Map.ofEntries(
          Map.entry("da", "danish"),
          Map.entry("nl", "dutch"),
          Map.entry("en", "english"),
          Map.entry("fi", "finnish"),
          Map.entry("fr", "french"),
          Map.entry("de", "german"),
          Map.entry("hu", "hungarian"),
          Map.entry("id", "indonesian"),
          Map.entry("ga", "irish"),
          Map.entry("it", "italian"),
          Map.entry("no", "norwegian"),
          Map.entry("pt", "portuguese"),
          Map.entry("ru", "russian"),
          Map.entry("es", "spanish"),
          Map.entry("sv", "swedish"));
  private static final Map<String, String> PLAIN =
      Map.ofEntries(
          Map.entry("bg", "bg"),
          Map.entry("ca", "ca"),
          Map.entry("cs", "cz"),
          Map.entry("et", "et"),
          Map.entry("eu", "eu"),
          Map.entry("gl", "gl"),
          Map.entry("lt", "lt"),
          Map.entry("lv", "lv"),
          Map.entry("pl", "pl"),
          Map.entry("ro", "ro"),
          Map.entry("sr", "sr"),
          Map.entry("tr", "tr"),
          Map.entry("uk", "uk"));

  private StopwordGuess() {}

  private static final class Lists {
    static final Map<String, CharArraySet> STOPWORDS = load();

    private static Map<String, CharArraySet> load() {
      Map<String, CharArraySet> m = new HashMap<>();
      SNOWBALL.forEach(
          (lang, name) -> {
            CharArraySet set = read("snowball/" + name + "_stop.txt", true);
            if (set != null) {
              m.put(lang, set);
            }
          });
      PLAIN.forEach(
          (lang, dir) -> {
            CharArraySet set = read(dir + "/stopwords.txt", false);
            if (set != null) {
              m.put(lang, set);
            }
          });
      return m;
    }

    private static CharArraySet read(String resource, boolean snowball) {
      try (InputStream in =
          WordlistLoader.class.getResourceAsStream("/org/apache/lucene/analysis/" + resource)) {
        if (in == null) {
          return null;
        }
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        return snowball ? WordlistLoader.getSnowballWordSet(r) : WordlistLoader.getWordSet(r, "#");
      } catch (IOException e) {
        return null;
      }
    }
  }

  /**
   * Every stop word of the lists, with the languages (bits, in {@link #LANGUAGES}) it is one of.
   */
  private static final class ByWord {
    static final String[] LANGUAGES =
        Lists.STOPWORDS.keySet().stream().sorted().toArray(String[]::new);
    static final CharArrayMap<Integer> MASKS = masks();

    private static CharArrayMap<Integer> masks() {
      CharArrayMap<Integer> m = new CharArrayMap<>(4096, false);
      for (int k = 0; k < LANGUAGES.length; k++) {
        int bit = 1 << k;
        for (Object word : Lists.STOPWORDS.get(LANGUAGES[k])) {
          char[] w = word instanceof char[] chars ? chars : word.toString().toCharArray();
          Integer had = m.get(w, 0, w.length);
          m.put(w, had == null ? bit : had | bit);
        }
      }
      return m;
    }
  }

  /** The longest stop word looked up; longer words are none. */
  private static final int MAX_WORD = 32;

  /**
   * The one language whose stop words {@code text[start, end)} clearly uses, or null: at least
   * {@code minHits} of its words (counted each time they occur) are stop words of that language,
   * and twice as many as of any other language. English prose uses a stop word in every second or
   * third word (the, of, and, to, is), which other languages written in Latin letters share little
   * of; a label, a list of menu commands or code uses few. One pass over the chars, no allocation:
   * cheap beside the statistical model, which it spares where the two would agree.
   */
  static String clearLanguage(CharSequence text, int start, int end, int minHits) {
    String[] languages = ByWord.LANGUAGES;
    if (languages.length > 31) {
      return null;
    }
    CharArrayMap<Integer> masks = ByWord.MASKS;
    int[] hits = new int[languages.length];
    char[] word = new char[MAX_WORD];
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int n = 0;
      boolean tooLong = false;
      while (i < end) {
        c = text.charAt(i);
        if (!Character.isLetter(c)
            && c != '\''
            && Character.getType(c) != Character.NON_SPACING_MARK) {
          break;
        }
        if (n < MAX_WORD) {
          word[n++] = Character.toLowerCase(c);
        } else {
          tooLong = true;
        }
        i++;
      }
      if (tooLong) {
        continue;
      }
      Integer mask = masks.get(word, 0, n);
      if (mask != null) {
        for (int bits = mask; bits != 0; bits &= bits - 1) {
          hits[Integer.numberOfTrailingZeros(bits)]++;
        }
      }
    }
    int best = -1;
    int second = 0;
    for (int k = 0; k < hits.length; k++) {
      if (best < 0 || hits[k] > hits[best]) {
        if (best >= 0) {
          second = Math.max(second, hits[best]);
        }
        best = k;
      } else {
        second = Math.max(second, hits[k]);
      }
    }
    return best >= 0 && hits[best] >= minHits && hits[best] >= 2 * second ? languages[best] : null;
  }

  /**
   * The languages among {@code candidates} whose stop words {@code sentence} uses most, when at
   * least two of its words and more than any other language's count; else none.
   */
  public static Set<String> languagesOf(String sentence, Set<String> candidates) {
    String[] words = sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{M}']+");
    Map<String, Integer> hits = new HashMap<>();
    for (String lang : candidates) {
      CharArraySet stop = Lists.STOPWORDS.get(lang);
      if (stop == null) {
        continue;
      }
      Set<String> seen = new java.util.HashSet<>();
      for (String w : words) {
        if (!w.isEmpty() && stop.contains(w) && seen.add(w)) {
          hits.merge(lang, 1, Integer::sum);
        }
      }
    }
    int best = hits.values().stream().max(Integer::compare).orElse(0);
    Set<String> out = new LinkedHashSet<>();
    if (best < 2) {
      return out;
    }
    hits.forEach(
        (lang, n) -> {
          if (n == best) {
            out.add(lang);
          }
        });
    return out;
  }
}
