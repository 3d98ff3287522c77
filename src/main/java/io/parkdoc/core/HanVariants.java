package io.parkdoc.core;

import com.ibm.icu.text.Transliterator;

/**
 * Per-character mapping between Traditional and Simplified Han characters, derived from ICU's
 * {@code Traditional-Simplified} and {@code Simplified-Traditional} transforms.
 *
 * <p>Only one-to-one mappings within the Basic Multilingual Plane are kept, so a text mapped
 * through {@link #toSimplified(char)} keeps every character offset: snippets and highlights can
 * point into the original text. Thread-safe: the tables are built once, on first use.
 */
public final class HanVariants {
  private static final int FIRST = 0x3400;
  private static final int LAST = 0xFAFF;

  private HanVariants() {}

  /** Lazily built tables; the holder idiom keeps class loading of ICU off paths that never need it. */
  private static final class Tables {
    static final char[] TO_SIMPLIFIED = new char[LAST - FIRST + 1];
    static final boolean[] SIMPLIFIED_ONLY = new boolean[LAST - FIRST + 1];

    static {
      Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
      Transliterator s2t = Transliterator.getInstance("Simplified-Traditional");
      for (int c = FIRST; c <= LAST; c++) {
        if (!Character.isIdeographic(c)) {
          continue;
        }
        String s = String.valueOf((char) c);
        String simplified = t2s.transliterate(s);
        if (simplified.length() == 1 && simplified.charAt(0) != c) {
          TO_SIMPLIFIED[c - FIRST] = simplified.charAt(0);
        }
        String traditional = s2t.transliterate(s);
        if (!traditional.equals(s) && simplified.equals(s)) {
          SIMPLIFIED_ONLY[c - FIRST] = true;
        }
      }
    }
  }

  /** The Simplified form of {@code c}, or {@code c} itself when it has none. */
  public static char toSimplified(char c) {
    if (c < FIRST || c > LAST) {
      return c;
    }
    char mapped = Tables.TO_SIMPLIFIED[c - FIRST];
    return mapped == 0 ? c : mapped;
  }

  /** True when {@code c} is written only in Traditional Chinese (it has a different Simplified form). */
  public static boolean isTraditionalOnly(char c) {
    return toSimplified(c) != c;
  }

  /** True when {@code c} is written only in Simplified Chinese (it has a different Traditional form). */
  public static boolean isSimplifiedOnly(char c) {
    return c >= FIRST && c <= LAST && Tables.SIMPLIFIED_ONLY[c - FIRST];
  }

  /** {@code text} with every Traditional character replaced by its Simplified form; same length. */
  public static String toSimplified(CharSequence text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toSimplified(text.charAt(i));
    }
    return new String(out);
  }
}
