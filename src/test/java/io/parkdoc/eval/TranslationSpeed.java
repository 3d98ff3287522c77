package io.parkdoc.eval;

import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.Translator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How long translating a query takes once the lexicon is loaded: every LibreOffice help title of
 * the five collections translated into all four languages, after three warm-up rounds, with a
 * document count that rejects about a quarter of the candidates (so that the fall-backs for words
 * with none, such as a compound's parts, run). Prints the mean and the slowest title ({@code
 * bench/translation speed}; run the builds to compare in turn, one fresh JVM each).
 */
public final class TranslationSpeed {
  private TranslationSpeed() {}

  public static void main(String[] args) throws IOException {
    List<String> titles = new ArrayList<>();
    for (String c : TranslationEval.COLLECTIONS) {
      try (Stream<Path> s = Files.list(Path.of(args[0], c))) {
        for (Path p : s.sorted().toList()) {
          String t = Files.readString(p);
          int nl = t.indexOf('\n');
          titles.add((nl < 0 ? t : t.substring(0, nl)).strip());
        }
      }
    }
    Translator tr = Translator.bundled();
    Set<String> all = Set.of("en", "ko", "ja", "zh");
    DocFrequencies df = (lang, text) -> (text.hashCode() & 3) != 0 ? 1 : 0;
    for (int r = 0; r < 3; r++) {
      for (String t : titles) {
        tr.translate(t, null, all, df);
      }
    }
    long worst = 0;
    String slowest = "";
    long t0 = System.nanoTime();
    for (String t : titles) {
      long s = System.nanoTime();
      tr.translate(t, null, all, df);
      long took = System.nanoTime() - s;
      if (took > worst) {
        worst = took;
        slowest = t;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "translating a title: %.4f ms mean, %.2f ms the slowest (%s), over %d titles%n",
        (System.nanoTime() - t0) / 1e6 / titles.size(),
        worst / 1e6,
        slowest,
        titles.size());
  }
}
