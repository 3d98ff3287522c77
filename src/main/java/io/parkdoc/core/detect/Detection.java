package io.parkdoc.core.detect;

import java.util.List;

/**
 * The language of a whole text, with the languages of its parts.
 *
 * @param lang the language covering most of the text's letters: {@code ko}, {@code ja}, {@code
 *     zh-Hans}, {@code zh-Hant}, another ISO 639-1 code from {@link Languages#indexLanguages()}, or
 *     {@code und} when no index language fits (no letters, or a script or language parkdoc has no
 *     analyzer for)
 * @param confidence in {@code [0, 1]}: the share of the text's letters that are in {@code lang},
 *     each weighted by how sure the detector is of it (see {@link LanguageDetector#detect}); 0 for
 *     text without letters
 * @param segments the text's runs of one language, in text order, never overlapping; adjacent
 *     paragraphs of the same language are one segment
 */
public record Detection(String lang, double confidence, List<Segment> segments) {
  public Detection {
    if (lang == null || lang.isEmpty()) {
      throw new IllegalArgumentException("language must be given");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence out of [0, 1]: " + confidence);
    }
    segments = List.copyOf(segments);
  }
}
