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
