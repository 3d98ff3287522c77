package io.parkdoc.core.detect;

import io.parkdoc.core.IndexedDocument.Part;
import io.parkdoc.core.analysis.Languages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text cut into one part per index language, from its detected segments: each part keeps the
 * characters of its own language's segments and has every other character but line breaks and
 * spaces blanked, so offsets agree across parts. Stateless.
 */
public final class LanguageParts {
  /**
   * A language with fewer letters than this in a file is no part of its own: its paragraphs stay in
   * the main language's part, read by that analyzer (which keeps Latin words, as the CJK ones do).
   * A heading or a title does not pay for a part: XQuAD's Russian, Arabic, Greek, Hindi, Thai and
   * Chinese paragraphs each begin with their article's English title ("Super Bowl 50"), and 1,440
   * one-line English parts beside the 240 English paragraphs took xquad-en from .9718 to .9583
   * nDCG@10 (bench/relevance) by changing the English index's statistics.
   */
  static final int MIN_PART_LETTERS = 60;

  private LanguageParts() {}

  /** The parts of {@code text} in the languages of {@code detection}, the main language's first. */
  public static List<Part> of(String text, Detection detection) {
    String main = detection.lang();
    String mainIndex = Languages.indexLanguage(main);
    // per index language, its segments and its recorded languages' sizes
    Map<String, List<Segment>> segments = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> recorded = new LinkedHashMap<>();
    segments.put(mainIndex, new ArrayList<>());
    recorded.computeIfAbsent(mainIndex, k -> new LinkedHashMap<>()).merge(main, 0, Integer::sum);
    for (Segment s : detection.segments()) {
      String index = Languages.indexLanguage(s.lang());
      segments.computeIfAbsent(index, k -> new ArrayList<>()).add(s);
      recorded
          .computeIfAbsent(index, k -> new LinkedHashMap<>())
          .merge(s.lang(), s.end() - s.start(), Integer::sum);
    }
    // too little text in a language: it stays with the main part
    for (var it = segments.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals(mainIndex) && letters(text, e.getValue()) < MIN_PART_LETTERS) {
        segments.get(mainIndex).addAll(e.getValue());
        it.remove();
      }
    }
    if (segments.size() == 1 || segments.size() == 2 && segments.get(mainIndex).isEmpty()) {
      return List.of(new Part(main, mainIndex, text));
    }
    List<Part> parts = new ArrayList<>();
    for (Map.Entry<String, List<Segment>> e : segments.entrySet()) {
      String index = e.getKey();
      if (e.getValue().isEmpty()) {
        continue; // the main language by vote, with no paragraph of its own
      }
      String lang = index.equals(mainIndex) ? main : largest(recorded.get(index));
      parts.add(new Part(lang, index, keep(text, e.getValue())));
    }
    return parts;
  }

  private static int letters(String text, List<Segment> segments) {
    int n = 0;
    for (Segment s : segments) {
      for (int i = s.start(); i < s.end(); i++) {
        if (Character.isLetter(text.charAt(i))) {
          n++;
        }
      }
    }
    return n;
  }

  /** The recorded language with the most characters. */
  private static String largest(Map<String, Integer> sizes) {
    return sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** {@code text} with every character outside {@code keep} but whitespace turned into a space. */
  private static String keep(String text, List<Segment> keep) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      out[i] = c == '\n' || c == '\r' || c == '\t' ? c : ' ';
    }
    for (Segment s : keep) {
      text.getChars(s.start(), s.end(), out, s.start());
    }
    return new String(out);
  }

  /** The text of a file laid back together from its parts' texts (the reverse of {@link #of}). */
  public static String overlay(List<String> partTexts) {
    if (partTexts.size() == 1) {
      return partTexts.get(0);
    }
    int n = partTexts.stream().mapToInt(String::length).max().orElse(0);
    char[] out = new char[n];
    java.util.Arrays.fill(out, ' ');
    for (String t : partTexts) {
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c != ' ') {
          out[i] = c;
        }
      }
    }
    return new String(out);
  }
}
