package io.parkdoc.core.analysis;

import java.lang.Character.UnicodeScript;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

/**
 * Starts loading, on background threads, the dictionaries a query will need, judged by its scripts
 * alone: Hangul needs nori, kana kuromoji, Han kuromoji and smartcn (with the
 * Traditional-to-Simplified table). A one-shot search calls it before parsing its command line, so
 * that loading runs on the second core while the command line is parsed and the index opened. A
 * Latin-letter query warms nothing: it usually needs no CJK dictionary at all. Thread-safe.
 */
public final class Warmup {
  private Warmup() {}

  /** Starts loading what a query with the characters of {@code text} needs. */
  public static void forQuery(String text) {
    boolean hangul = false;
    boolean kana = false;
    boolean han = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x1100) {
        continue;
      }
      switch (UnicodeScript.of(cp)) {
        case HANGUL -> hangul = true;
        case HIRAGANA, KATAKANA -> kana = true;
        case HAN -> han = true;
        default -> {}
      }
    }
    if (hangul) {
      start("parkdoc-preload-ko", Dictionaries::loadKorean);
    }
    if (kana || han) {
      start("parkdoc-preload-ja", Dictionaries::loadJapanese);
    }
    if (han) {
      start("parkdoc-preload-zh", () -> analyze(Languages.CHINESE, text));
    }
  }

  /**
   * Starts loading the analyzers (and their dictionaries) of {@code langs}, on one background
   * thread, with {@code first} run before them.
   */
  public static void forLanguages(Collection<String> langs, Runnable first) {
    List<String> copy = List.copyOf(langs);
    start(
        "parkdoc-preload-index",
        () -> {
          first.run();
          for (String lang : copy) {
            analyze(lang, "parkdoc 준비 準備 准备 ready");
          }
        });
  }

  private static void analyze(String lang, String text) {
    try (Analyzer a = Languages.newAnalyzer(lang)) {
      consume(a, Fields.text(lang), text);
    }
  }

  /**
   * Analyses {@code text} with {@code a}, for the loading it causes; errors are left to the search.
   */
  public static void consume(Analyzer a, String field, String text) {
    try (TokenStream ts = a.tokenStream(field, text)) {
      ts.reset();
      while (ts.incrementToken()) {
        // loading is the point
      }
      ts.end();
    } catch (java.io.IOException e) {
      // the search meets it again and reports it
    }
  }

  public static void start(String name, Runnable load) {
    Thread t =
        new Thread(
            () -> {
              try {
                load.run();
              } catch (RuntimeException | LinkageError e) {
                // the thread that needs the dictionary meets the same error and reports it
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }
}
