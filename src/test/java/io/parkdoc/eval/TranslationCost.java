package io.parkdoc.eval;

import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.Translator;
import java.util.Locale;
import java.util.Set;

/**
 * The first translation's cost in a fresh JVM, in parts: {@code TranslationCost [WORD...]} prints
 * the milliseconds of the Han fold table ({@link HanVariants}, which a search's CJK analyzers load
 * too), then of each word's first translation (the translator's classes and the lexicon buckets its
 * words need), each as wall time and as the CPU time of the thread (which a loaded machine's
 * waiting does not inflate), and the heap they hold. The JVM's first lambda and string
 * concatenation are made before any of it, as every search has made them before it translates (they
 * cost a fresh JVM 20-30 ms, once). Run it several times ({@code bench/translation cost}): one JVM
 * gives one figure.
 */
public final class TranslationCost {
  private TranslationCost() {}

  public static void main(String[] args) {
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    Runnable lambda = () -> {};
    lambda.run();
    String concat = args.length + "x" + cpu.getCurrentThreadCpuTime();
    if (concat.isEmpty()) {
      throw new AssertionError(); // never: the concatenation is only made
    }
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heap0 = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    HanVariants.toSimplified("長");
    long t1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT, "han-fold %.1f ms (cpu %.1f)", (t1 - t0) / 1e6, (c1 - c0) / 1e6));
    String[] words = args.length > 0 ? args : new String[] {"laser", "레이저", "レーザー", "激光"};
    Set<String> all = Set.of("en", "ko", "ja", "zh");
    for (String w : words) {
      long a = System.nanoTime();
      long ac = cpu.getCurrentThreadCpuTime();
      Translator.bundled().translate(w, null, all, DocFrequencies.ANY);
      out.append(
          String.format(
              Locale.ROOT,
              "; %s %.1f ms (cpu %.1f)",
              w,
              (System.nanoTime() - a) / 1e6,
              (cpu.getCurrentThreadCpuTime() - ac) / 1e6));
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
