package io.parkdoc.tools;

import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.analysis.Analyzer;

/**
 * Stores, beside the lexicon, the terms each target language's analyzer makes of every translation
 * the lexicon can give into it, for {@code tools/build-lexicon}: a search then builds a translated
 * phrase and counts its documents without loading that analyzer ({@code Lexicon.terms}).
 *
 * <p>The texts analysed per language are those {@code Translator} can hand it: Korean, Japanese,
 * Chinese and English candidates ({@code ko:}, {@code ja:}, {@code zh:}, {@code en:}) in their own
 * language; Chinese candidates in Japanese too (an English word's Chinese translations are tried as
 * Japanese words: Changchun -> 长春 -> 長春); the Han spellings of Sino-Korean words ({@code han:}) in
 * Japanese and Chinese. Anything else (a typed word, a text whose analysis stacks terms at one
 * position or leaves gaps) is analysed at search time, as before.
 *
 * <p>Output: {@code OUT/LANG-B.tsv.gz}, the texts whose first UTF-16 unit modulo 16 is B, sorted by
 * their UTF-8 bytes, one a line: {@code TEXT} when its one term is itself, {@code TEXT<TAB>} when
 * it has none, else {@code TEXT<TAB>TERM TERM...}, a space more before a term for each position
 * skipped before it (a stop word's gap: {@code a bargain} is {@code <TAB> bargain} in English).
 * Deterministic for the same lexicon and analyzers.
 *
 * <p>{@code StoreTranslationTerms LEXICON_DIR OUT_DIR}.
 */
public final class StoreTranslationTerms {
  private StoreTranslationTerms() {}

  private static final int BUCKETS = 16;

  public static void main(String[] args) throws IOException {
    Path lexicon = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<String, Set<String>> texts = texts(lexicon);
    Files.createDirectories(out);
    try (var old = Files.list(out)) {
      for (Path p : old.toList()) {
        if (p.getFileName().toString().endsWith(".tsv.gz")) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, Set<String>> e : texts.entrySet()) {
      String lang = e.getKey();
      int stored = 0;
      int skipped = 0;
      try (Analyzer analyzer = Languages.newAnalyzer(lang)) {
        List<List<String>> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
          buckets.add(new ArrayList<>());
        }
        for (String text : e.getValue()) {
          List<String> terms = Terms.sequence(analyzer, Fields.text(lang), text);
          if (terms == null) {
            skipped++;
            continue;
          }
          String line =
              terms.size() == 1 && terms.get(0).equals(text)
                  ? text
                  : text + "\t" + String.join(" ", terms);
          buckets.get(text.charAt(0) % BUCKETS).add(line);
          stored++;
        }
        for (int b = 0; b < BUCKETS; b++) {
          List<String> lines = buckets.get(b);
          lines.sort(
              Comparator.comparing(
                  StoreTranslationTerms::keyBytes, StoreTranslationTerms::compare));
          try (OutputStream o = gzip(out.resolve(lang + "-" + b + ".tsv.gz"))) {
            o.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (String line : lines) {
              o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
          }
        }
      }
      System.err.printf(
          "store-translation-terms: %s %d texts stored, %d left to the analyzer%n",
          lang, stored, skipped);
    }
  }

  private static final String HEADER =
      "# parkdoc: the terms parkdoc's analyzer of this language makes of the lexicon's translations"
          + " into it,\n# built by tools/build-lexicon (StoreTranslationTerms); derived from the"
          + " lexicon (CC BY-SA 4.0). See docs/translation.md.\n";

  /** Per analyzer language, the texts {@code Translator} can ask it about (see the class). */
  public static Map<String, Set<String>> texts(Path lexicon) throws IOException {
    Map<String, Set<String>> texts = new TreeMap<>();
    for (String l : List.of("en", "ko", "ja", "zh")) {
      texts.put(l, new TreeSet<>());
    }
    try (var files = Files.list(lexicon)) {
      for (Path f : files.sorted().toList()) {
        if (!f.getFileName().toString().endsWith(".tsv.gz")) {
          continue;
        }
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("#")) {
              continue;
            }
            String[] fields = line.split("\t");
            for (int i = 1; i < fields.length; i++) {
              String c = fields[i].startsWith("~") ? fields[i].substring(1) : fields[i];
              int colon = c.indexOf(':');
              if (colon <= 0 || colon == c.length() - 1) {
                continue;
              }
              String lang = c.substring(0, colon);
              String text = c.substring(colon + 1);
              switch (lang) {
                case "en", "ko", "ja" -> texts.get(lang).add(text);
                case "zh" -> {
                  texts.get("zh").add(text);
                  texts.get("ja").add(text);
                }
                case "han" -> {
                  texts.get("zh").add(text);
                  texts.get("ja").add(text);
                }
                default -> {}
              }
            }
          }
        }
      }
    }
    return texts;
  }

  private static byte[] keyBytes(String line) {
    int tab = line.indexOf('\t');
    return (tab < 0 ? line : line.substring(0, tab)).getBytes(StandardCharsets.UTF_8);
  }

  private static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  private static OutputStream gzip(Path p) throws IOException {
    return new GZIPOutputStream(Files.newOutputStream(p), 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    };
  }
}
