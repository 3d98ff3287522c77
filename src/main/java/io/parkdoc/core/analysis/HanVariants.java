package io.parkdoc.core.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Spelling variants of Han characters: Traditional, Simplified and Japanese shinjitai forms of the
 * same character, folded to one (the Simplified form) so that 長春 finds 长春 and 発展 finds 發展 and 发展.
 *
 * <p>The table, {@code han-fold.tsv}, is derived by {@code tools/gen-han-fold} from OpenCC's
 * character dictionaries (TSCharacters, STCharacters, JPShinjitaiCharacters; Apache-2.0). Only
 * spellings are folded, never readings: pronunciation folding matched 景点 with 经典 elsewhere. Only
 * one-to-one mappings within the Basic Multilingual Plane are kept, so folded text keeps every
 * offset and highlights point into the original. Thread-safe: the table loads once, in a few
 * milliseconds, on first use.
 */
public final class HanVariants {
  private static final int FIRST = 0x3400;

  /**
   * The last character the table can fold: every variant it holds is a CJK Unified Ideograph
   * (Extension A and the main block), so Hangul, kana and everything above never load it.
   */
  private static final int LAST = 0x9FFF;

  private static final byte TRADITIONAL = 1;
  private static final byte SHINJITAI = 2;
  private static final byte SIMPLIFIED_ONLY = 3;

  private HanVariants() {}

  /** The table, loaded on first use. */
  private static final class Table {
    static final char[] FOLD = new char[LAST - FIRST + 1];
    static final byte[] KIND = new byte[LAST - FIRST + 1];

    static {
      // One decode and one pass over the characters: the table loads in the first search of a
      // fresh JVM, where a line reader's strings cost more than the table itself.
      String text;
      try (InputStream in = HanVariants.class.getResourceAsStream("han-fold.tsv")) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException | NullPointerException e) {
        throw new UncheckedIOException(
            "parkdoc's jar lacks han-fold.tsv",
            e instanceof IOException io ? io : new IOException(e));
      }
      int n = text.length();
      int start = 0;
      while (start < n) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = n;
        }
        if (end - start >= 5 && text.charAt(start) != '#') {
          char from = text.charAt(start);
          char to = text.charAt(start + 2);
          if (from >= FIRST && from <= LAST) {
            switch (text.charAt(start + 4)) {
              case 'T' -> set(from, to, TRADITIONAL);
              case 'J' -> set(from, to, SHINJITAI);
              case 'S' -> KIND[from - FIRST] = SIMPLIFIED_ONLY;
              default -> {}
            }
          }
        }
        start = end + 1;
      }
    }

    private static void set(char from, char to, byte kind) {
      FOLD[from - FIRST] = to;
      KIND[from - FIRST] = kind;
    }
  }

  /**
   * The folded (Simplified) form of {@code c}: Traditional and shinjitai forms map to it; else
   * {@code c}.
   */
  public static char toSimplified(char c) {
    if (c < FIRST || c > LAST) {
      return c;
    }
    char mapped = Table.FOLD[c - FIRST];
    return mapped == 0 ? c : mapped;
  }

  /**
   * True when {@code c} is written only in Traditional Chinese (it has a different Simplified
   * form).
   */
  public static boolean isTraditionalOnly(char c) {
    return c >= FIRST && c <= LAST && Table.KIND[c - FIRST] == TRADITIONAL;
  }

  /**
   * True when {@code c} is written only in Simplified Chinese (it has a different Traditional
   * form).
   */
  public static boolean isSimplifiedOnly(char c) {
    return c >= FIRST && c <= LAST && Table.KIND[c - FIRST] == SIMPLIFIED_ONLY;
  }

  /**
   * The Chinese script {@code text} is written in, by its characters that only one of them writes:
   * {@link Languages#SIMPLIFIED_CHINESE} for 长春 or 说明, {@link Languages#TRADITIONAL_CHINESE} for 長春
   * or 說明; null when it has none of them (激光), both kinds, or a sign of Japanese or Korean (kana, a
   * shinjitai form such as 発, Hangul).
   */
  public static String scriptOf(CharSequence text) {
    boolean simplified = false;
    boolean traditional = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (Character.UnicodeScript.of(c)) {
        case HIRAGANA, KATAKANA, HANGUL -> {
          return null;
        }
        default -> {}
      }
      if (c >= FIRST && c <= LAST) {
        switch (Table.KIND[c - FIRST]) {
          case TRADITIONAL -> traditional = true;
          case SIMPLIFIED_ONLY -> simplified = true;
          case SHINJITAI -> {
            return null;
          }
          default -> {}
        }
      }
    }
    if (simplified == traditional) {
      return null;
    }
    return simplified ? Languages.SIMPLIFIED_CHINESE : Languages.TRADITIONAL_CHINESE;
  }

  /** {@code text} with every variant folded by {@link #toSimplified(char)}; same length. */
  public static String toSimplified(CharSequence text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toSimplified(text.charAt(i));
    }
    return new String(out);
  }
}
