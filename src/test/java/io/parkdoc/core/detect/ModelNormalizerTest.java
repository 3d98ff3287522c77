package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;
import org.junit.jupiter.api.Test;

/** The normaliser without regular expressions gives OpenNLP's chars, quirks included. */
class ModelNormalizerTest {
  /** What OpenNLP's language detector does to a text before counting its n-grams. */
  private static final CharSequenceNormalizer OPENNLP =
      new AggregateCharSequenceNormalizer(
          EmojiCharSequenceNormalizer.getInstance(),
          UrlCharSequenceNormalizer.getInstance(),
          TwitterCharSequenceNormalizer.getInstance(),
          NumberCharSequenceNormalizer.getInstance(),
          ShrinkCharSequenceNormalizer.getInstance());

  private static String reference(String text) {
    String normalised = OPENNLP.normalize(text).toString();
    StringBuilder out = new StringBuilder();
    normalised.codePoints().map(Character::toLowerCase).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static void same(String text) {
    assertEquals(
        reference(text), new String(ModelNormalizer.normalize(text)), "normalising «" + text + "»");
  }

  @Test
  void eachPatternAsOpenNlpHasIt() {
    for (String s :
        List.of(
            "",
            "   ",
            "e-mail and co-operation", // the emoji class holds the hyphen
            "ＦＵＬＬ width\uE000private\uFFFDreplacement \uD83D\uDE00 smile \uDC00 lone \uD800 high",
            "see https://example.org/a?b=1 and http:// and https://x and HTTP://Y.Z",
            "mail me@example.com, a.b+c@d-e.f.g, x@y, @user, a@b@cd, .a@b.c, q@.ab",
            "#tag @user # alone @ alone",
            "RT @x: rt: rt rt hello art: Rt:rt bRT:",
            "é\u0301rt : \u0301rt x",
            ":) ;-) x-p XD xo :O expect exp boxed ;(",
            "hahaha jajaja hehe hihihi HaHaHa hhaaahhaa jhaha hahh ha hahaah",
            "1,234.56 and 7 and 2024",
            "cooool!!!  wow    spaces\t\tand\n\nlines ...... AaAa aAA",
            "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 𝔸𝔸𝔸𝔸 ééé ÉÉé",
            "\u0130stanbul İİİ ΣΣΣ straße")) {
      same(s);
    }
  }

  @Test
  void randomTextOfTheCharsThePatternsLookFor() {
    String alphabet =
        "hjHJaeiouAEIOrtRTxXdopDOP():;-@#./?&=_+ \t\n\r0123456789éÉ\u0301\uFF21\uE000";
    Random random = new Random(18);
    for (int t = 0; t < 20_000; t++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(24);
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(alphabet.length() + 6);
        if (pick < alphabet.length()) {
          s.append(alphabet.charAt(pick));
        } else {
          s.append(
              List.of("http://", "https://", "rt ", "haha", "@a.b", "\uD83D\uDE00")
                  .get(pick - alphabet.length()));
        }
      }
      same(s.toString());
    }
  }

  @Test
  void theSeedDocuments() throws IOException {
    List<String> lines = new ArrayList<>();
    Path seeds = Path.of("seeds");
    try (Stream<Path> s = Files.list(seeds)) {
      for (Path p : s.sorted().toList()) {
        String text = Files.readString(p);
        lines.add(text);
        lines.addAll(text.lines().toList());
      }
    }
    assertTrue(lines.size() > 20, "read " + lines.size() + " texts from " + seeds.toAbsolutePath());
    for (String line : lines) {
      same(line);
    }
  }
}
