package io.parkdoc.eval;

import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.Translator;
import java.util.Locale;
import java.util.Set;

/**
 * The first translation's cost in a fresh JVM, in parts: {@code TranslationCost [WORD...]} prints
 * the milliseconds of the Han fold table ({@link HanVariants}, which a search's analyzers load
 * anyway), then of each word's first translation (the translator's classes and the lexicon buckets
 * its words need), and the heap they hold. Run it several times ({@code bench/translation cost}):
 * one JVM gives one figure.
 */
public final class TranslationCost {
  private TranslationCost() {}

  public static void main(String[] args) {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heap0 = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    HanVariants.toSimplified("長");
    long t1 = System.nanoTime();
    StringBuilder out =
        new StringBuilder(String.format(Locale.ROOT, "han-fold %.1f ms", (t1 - t0) / 1e6));
    String[] words = args.length > 0 ? args : new String[] {"laser", "레이저", "レーザー", "激光"};
    Set<String> all = Set.of("en", "ko", "ja", "zh");
    for (String w : words) {
      long a = System.nanoTime();
      Translator.bundled().translate(w, null, all, DocFrequencies.ANY);
      out.append(String.format(Locale.ROOT, "; %s %.1f ms", w, (System.nanoTime() - a) / 1e6));
    }
    long a = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      Translator.bundled().translate(words[i % words.length], null, all, DocFrequencies.ANY);
    }
    out.append(
        String.format(Locale.ROOT, "; then %.3f ms a word", (System.nanoTime() - a) / 1e6 / 1000));
    System.gc();
    out.append(
        String.format(
            Locale.ROOT, "; heap %.1f MB", (rt.totalMemory() - rt.freeMemory() - heap0) / 1e6));
    System.out.println(out);
  }
}
