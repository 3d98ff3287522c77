package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast evaluation of the language model gives OpenNLP's own probabilities. */
class NgramScorerTest {
  private static LanguageDetectorModel model;
  private static LanguageDetectorME reference;
  private static NgramScorer scorer;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        NgramScorerTest.class.getClassLoader().getResourceAsStream("langdetect-183.bin")) {
      assertNotNull(in, "langdetect-183.bin on the classpath");
      model = new LanguageDetectorModel(in);
    }
    reference = new LanguageDetectorME(model);
    scorer = NgramScorer.of(model);
  }

  private static List<String> texts() throws IOException {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "This is an English paragraph about the weather, which is lovely today in the park.",
                "Der schnelle braune Fuchs springt über den faulen Hund; Straße, Größe, Äpfel.",
                "Le renard brun rapide saute par-dessus le chien paresseux. C'était l'été à Noël.",
                "Быстрая коричневая лиса прыгает через ленивую собаку.",
                "สวัสดีครับ วันนี้อากาศดีมาก เราไปเดินเล่นที่สวนสาธารณะกัน",
                "مرحبا بكم في هذا النص العربي القصير",
                "ISTANBUL İzmir ÇAĞRI: TÜRKÇE büyük HARFLER ve küçük harfler",
                "Visit https://example.org/path?q=1 or mail me@example.com #hashtag @user 12,345.67 😀😀 cooool!!!",
                "a",
                "",
                "x".repeat(5000)));
    Path seeds = Path.of("seeds");
    if (Files.isDirectory(seeds)) {
      try (Stream<Path> s = Files.list(seeds)) {
        for (Path p : s.sorted().toList()) {
          texts.add(Files.readString(p));
        }
      }
    }
    return texts;
  }

  @Test
  void sameProbabilitiesAsOpenNlp() throws IOException {
    assertNotNull(scorer, "the bundled model uses OpenNLP's default features");
    String[] labels = reference.getSupportedLanguages();
    assertEquals(labels.length, scorer.outcomes());
    int compared = 0;
    for (String text : texts()) {
      double[] fast = scorer.logProbabilities(text);
      String best = null;
      double bestLog = Double.NEGATIVE_INFINITY;
      for (Language l : reference.predictLanguages(text)) {
        int i = List.of(labels).indexOf(l.getLang());
        if (l.getConfidence() > 1e-250) {
          assertEquals(
              Math.log(l.getConfidence()), fast[i], 1e-6, l.getLang() + " on " + abbreviate(text));
          compared++;
        }
        if (fast[i] > bestLog) {
          bestLog = fast[i];
          best = l.getLang();
        }
      }
      assertEquals(
          reference.predictLanguage(text).getLang(), best, "top language of " + abbreviate(text));
    }
    assertTrue(compared > 500, "compared " + compared + " probabilities");
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
