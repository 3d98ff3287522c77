package io.parkdoc.core.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Guesses the character encoding of a file that is not valid UTF-8 and has no byte-order mark.
 *
 * <p>Three cases need more than a generic detector:
 *
 * <ul>
 *   <li>UTF-16 without a byte-order mark: the NUL bytes of ASCII characters all sit on the same
 *       side of each code unit, which is how it is told from binary data.
 *   <li>ISO-2022-JP: seven-bit bytes that would pass for ASCII, told by its escape sequences.
 *   <li>Legacy CJK multi-byte encodings (EUC-KR/CP949, Shift_JIS/CP932, EUC-JP, GBK/GB18030, Big5).
 *       Most byte strings of one decode without error in several others, and ICU's detector cannot
 *       rank them in a short file: with ten characters or fewer it gives each the same confidence.
 *       Here the bytes are decoded with each candidate, and each result is scored by the language
 *       the encoding is used for: the log-probability of its characters under character frequencies
 *       of Korean, Japanese, Simplified or Traditional Chinese text ({@code char-frequencies.txt}).
 *       The right decoding reads as common characters of its language; a wrong one as rare
 *       characters, half-width katakana or a script mix no text has.
 * </ul>
 *
 * <p>Stateless and thread-safe; the frequency tables are loaded once, on first use.
 */
final class EncodingDetector {
  /** Bytes scored per candidate: enough evidence, bounded cost on large files. */
  private static final int SAMPLE = 64 * 1024;

  /**
   * A decoding whose characters average fewer bits than this (under its language's frequencies)
   * reads as text; correct CJK text scores about 8 to 11 bits per character, a wrong decoding of
   * CJK or of European bytes 17 or more.
   */
  private static final double PLAUSIBLE_BITS = 15.5;

  /**
   * The same for a text of fewer than {@link #FEW} characters, where one rare word (砝码) moves the
   * average a lot; the other readings of such bytes (European letters) are no better evidence.
   */
  private static final double PLAUSIBLE_BITS_FEW = 18.5;

  private static final int FEW = 8;

  /**
   * Encodings that agree on every byte they both decode, each subset before its supersets, and the
   * languages written in them; {@code priorBits} is how much less likely a file is in this family
   * than in the most common ones, which decides the few-character cases.
   *
   * <p>Within a family the first member that decodes the bytes stands for it: Shift_JIS and CP932
   * differ only in the characters CP932 added (and in how a few symbols map: 0x817C is − in
   * Shift_JIS, － in CP932), so CP932 is chosen only when the bytes hold one of its additions.
   */
  private record Family(List<String> languages, double priorBits, List<Charset> members) {}

  private static final List<String> WESTERN =
      List.of("fr", "de", "es", "it", "pt", "nl", "sv", "da", "fi", "ca", "gl");
  private static final List<String> CENTRAL = List.of("cs", "pl", "hu", "sl", "hr", "ro");
  private static final List<String> CYRILLIC = List.of("ru", "uk", "sr");

  private static final List<Family> FAMILIES =
      List.of(
          family(List.of("ko"), 0, "EUC-KR", "x-windows-949"),
          family(List.of("ja"), 0, "Shift_JIS", "windows-31j"),
          family(List.of("ja"), 0, "EUC-JP", "x-eucJP-Open"),
          family(List.of("zh-Hans"), 0, "GBK", "GB18030"),
          family(List.of("zh-Hant"), 0, "Big5", "x-windows-950", "Big5-HKSCS"),
          family(WESTERN, 0, "windows-1252"),
          family(WESTERN, 2, "ISO-8859-15"),
          family(CYRILLIC, 1, "windows-1251"),
          family(CYRILLIC, 1, "KOI8-R", "KOI8-U"),
          family(CYRILLIC, 3, "ISO-8859-5"),
          family(CYRILLIC, 3, "IBM866"),
          family(CENTRAL, 2, "windows-1250"),
          family(CENTRAL, 2, "ISO-8859-2"),
          family(List.of("el"), 2, "windows-1253"),
          family(List.of("el"), 2, "ISO-8859-7"),
          family(List.of("tr"), 2, "windows-1254"),
          family(List.of("lt", "lv"), 3, "windows-1257"),
          family(List.of("lt", "lv"), 3, "ISO-8859-13"),
          family(List.of("ar", "fa"), 3, "windows-1256"),
          family(List.of("ar"), 3, "ISO-8859-6"),
          family(List.of("he"), 3, "windows-1255"),
          family(List.of("he"), 3, "ISO-8859-8"),
          family(List.of("th"), 3, "TIS-620", "x-windows-874"));

  /** The charset and how well it fits, for tests and diagnostics. */
  record Guess(Charset charset, double bitsPerChar) {}

  private EncodingDetector() {}

  private static Family family(List<String> languages, double priorBits, String... names) {
    List<Charset> list = new ArrayList<>();
    for (String name : names) {
      if (Charset.isSupported(name)) {
        list.add(Charset.forName(name));
      }
    }
    return new Family(languages, priorBits, List.copyOf(list));
  }

  /** True for the encodings {@link #legacy} chooses among. */
  static boolean isModelled(Charset cs) {
    return FAMILIES.stream().anyMatch(f -> f.members.contains(cs));
  }

  /**
   * UTF-16LE or UTF-16BE when {@code bytes} (without a byte-order mark) read as UTF-16 text, else
   * null. ASCII characters in UTF-16 have a zero high byte, so text puts its NULs on one side of
   * each code unit; binary data puts them on both.
   */
  static Charset utf16WithoutBom(byte[] bytes) {
    if (bytes.length < 4 || bytes.length % 2 != 0) {
      return null;
    }
    int n = Math.min(bytes.length, 8192) & ~1;
    int evenZeros = 0;
    int oddZeros = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        if (i % 2 == 0) {
          evenZeros++;
        } else {
          oddZeros++;
        }
      }
    }
    // The other side has a few NULs too: code units such as U+AC00 가 and U+C800 저, common in
    // Korean.
    int units = n / 2;
    int minimum = Math.max(1, units / 200);
    Charset cs;
    if (oddZeros >= minimum && evenZeros * 3 <= oddZeros) {
      cs = StandardCharsets.UTF_16LE;
    } else if (evenZeros >= minimum && oddZeros * 3 <= evenZeros) {
      cs = StandardCharsets.UTF_16BE;
    } else {
      return null;
    }
    String head = decodePrefix(bytes, n, cs);
    if (head == null || head.isEmpty()) {
      return null;
    }
    int odd = 0;
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c == 0 || c == '\uFFFE' || c == '\uFFFF') {
        return null;
      }
      if (Character.isISOControl(c) && !isTextControl(c)
          || Character.getType(c) == Character.UNASSIGNED) {
        odd++;
      }
    }
    // Numbers stored as 16-bit integers also have one-sided NULs, but read as control characters.
    return odd * 100 <= head.length() ? cs : null;
  }

  private static boolean isTextControl(char c) {
    return c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x1B;
  }

  /**
   * A charset from the ISO-2022 family when seven-bit {@code bytes} hold its escape sequences (such
   * bytes would otherwise pass for ASCII), else null.
   */
  static Charset iso2022(byte[] bytes) {
    boolean escape = false;
    for (byte b : bytes) {
      if (b < 0) {
        return null;
      }
      escape |= b == 0x1B;
    }
    if (!escape) {
      return null;
    }
    String ascii = new String(bytes, StandardCharsets.US_ASCII);
    List<String> names = new ArrayList<>();
    if (ascii.contains("\u001b$B")
        || ascii.contains("\u001b$@")
        || ascii.contains("\u001b(I")
        || ascii.contains("\u001b$(D")) {
      names.addAll(List.of("ISO-2022-JP", "x-windows-iso2022jp", "ISO-2022-JP-2"));
    }
    if (ascii.contains("\u001b$)C")) {
      names.add("ISO-2022-KR");
    }
    if (ascii.contains("\u001b$)A") || ascii.contains("\u001b$)G") || ascii.contains("\u001b$*H")) {
      names.add("ISO-2022-CN");
    }
    for (String name : names) {
      if (Charset.isSupported(name)
          && decodePrefix(bytes, bytes.length, Charset.forName(name)) != null) {
        return Charset.forName(name);
      }
    }
    return null;
  }

  /**
   * The legacy encoding whose decoding of {@code bytes} reads most like text of its language, or
   * null when none decodes them or none reads as text (an encoding modelled by none of the tables).
   */
  static Guess legacy(byte[] bytes) {
    int n = Math.min(bytes.length, SAMPLE);
    Guess best = null;
    double bestBits = Double.NEGATIVE_INFINITY;
    int bestChars = 0;
    for (Family family : FAMILIES) {
      Charset cs = null;
      String text = null;
      for (Charset member : family.members) {
        text = decodePrefix(bytes, n, member);
        if (text != null) {
          cs = member;
          break;
        }
      }
      if (cs == null) {
        continue;
      }
      // The language that explains the characters best: every accented letter of a decoding of
      // French bytes is French, while a decoding as Czech has č in caractčres but also the î of
      // chaîne, which Czech does not use.
      double[] score = null;
      for (String lang : family.languages) {
        double[] s = Frequencies.score(text, lang);
        if (score == null || s[0] > score[0]) {
          score = s;
        }
      }
      if (score[1] == 0) {
        continue;
      }
      // The log-probability of the bytes under this encoding and language: a higher total wins,
      // and a decoding into more (single-byte) characters pays for each.
      double bits = score[0] - family.priorBits;
      if (bits > bestBits + 1e-9) {
        bestBits = bits;
        bestChars = (int) score[1];
        best = new Guess(cs, -score[0] / score[1]);
      }
    }
    if (best == null) {
      return null;
    }
    double limit = bestChars < FEW ? PLAUSIBLE_BITS_FEW : PLAUSIBLE_BITS;
    return best.bitsPerChar() <= limit ? best : null;
  }

  /**
   * Decodes the first {@code length} bytes strictly, allowing only an incomplete character at the
   * end (the sample may cut one); null when they hold an invalid sequence.
   */
  private static String decodePrefix(byte[] bytes, int length, Charset cs) {
    CharsetDecoder decoder =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate((int) (length * (double) decoder.maxCharsPerByte()) + 16);
    boolean whole = length == bytes.length;
    CoderResult r = decoder.decode(in, out, whole);
    if (r.isError()) {
      return null;
    }
    if (whole) {
      if (decoder.flush(out).isError()) {
        return null;
      }
    } else if (in.remaining() > 4) {
      return null;
    }
    out.flip();
    return out.toString();
  }

  /** Per-language character frequencies, as bits (negative log2 probabilities) per character. */
  private static final class Frequencies {
    private static final float UNSEEN_SYMBOL_BITS = 13;
    private static final float MIXED_SCRIPT_BITS = 10;

    /** What a character no text has costs: C1 controls, private use, surrogates, unassigned. */
    private static final float IMPOSSIBLE_BITS = 40;

    /** What an unseen character costs at least, however small the sample it is missing from. */
    private static final double UNSEEN_MIN_BITS = 20;

    /**
     * Scripts whose letters touch Latin ones in real words: accented Latin, CJK (Excelワザ, GIF이미지).
     */
    private static final Set<Character.UnicodeScript> MIXES_WITH_LATIN =
        Set.of(
            Character.UnicodeScript.LATIN,
            Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA,
            Character.UnicodeScript.KATAKANA,
            Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.COMMON,
            Character.UnicodeScript.INHERITED);

    private static final Map<String, Table> TABLES = load();

    /** One language's characters, sorted, with their bits; and what an unseen one costs. */
    private record Table(char[] chars, float[] bits, float unseen) {
      float bits(char c) {
        int i = Arrays.binarySearch(chars, c);
        if (i >= 0) {
          return bits[i];
        }
        int type = Character.getType(c);
        if (c < 0xA0
            || type == Character.PRIVATE_USE
            || type == Character.UNASSIGNED
            || type == Character.SURROGATE) {
          return IMPOSSIBLE_BITS;
        }
        // punctuation and symbols (■ 【 ◯ «) are common in some kinds of text (news, lists) and
        // rare in others
        return isTextSymbol(c) ? UNSEEN_SYMBOL_BITS : unseen;
      }
    }

    /**
     * {total log2-probability, characters scored} of the non-ASCII characters of {@code text}. A
     * Cyrillic, Greek, Thai, Arabic or Hebrew letter touching a Latin one costs extra: words do not
     * mix those scripts, while a wrong decoding of accented Latin text (boоte for boîte) or of CJK
     * bytes (ก]ญ์ฆWบู) does.
     */
    static double[] score(String text, String language) {
      Table table = TABLES.get(language);
      double total = 0;
      int chars = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x80 || Character.isWhitespace(c)) {
          continue;
        }
        total -= table.bits(c);
        if (Character.isLetter(c)
            && (isAsciiLetter(text, i - 1) || isAsciiLetter(text, i + 1))
            && !MIXES_WITH_LATIN.contains(Character.UnicodeScript.of(c))) {
          total -= MIXED_SCRIPT_BITS;
        }
        chars++;
      }
      return new double[] {total, chars};
    }

    private static boolean isAsciiLetter(String text, int i) {
      if (i < 0 || i >= text.length()) {
        return false;
      }
      char c = text.charAt(i);
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static Map<String, Table> load() {
      Map<String, TreeMap<Character, Float>> counts = new HashMap<>();
      Map<String, Double> totals = new HashMap<>();
      try (InputStream in = EncodingDetector.class.getResourceAsStream("char-frequencies.txt")) {
        if (in == null) {
          throw new IllegalStateException("char-frequencies.txt is missing from the classpath");
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        TreeMap<Character, Float> table = null;
        double total = 0;
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          int space = line.lastIndexOf(' ');
          if (line.startsWith("@")) {
            total = Double.parseDouble(line.substring(space + 1));
            table = new TreeMap<>();
            counts.put(line.substring(1, space), table);
            totals.put(line.substring(1, space), total);
          } else if (table != null && line.codePointAt(0) < 0x10000) {
            table.put(
                line.charAt(0), (float) log2(total / Long.parseLong(line.substring(space + 1))));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Table> tables = new HashMap<>();
      counts.forEach(
          (lang, map) -> {
            char[] chars = new char[map.size()];
            float[] bits = new float[map.size()];
            int i = 0;
            for (Map.Entry<Character, Float> e : map.entrySet()) {
              chars[i] = e.getKey();
              bits[i++] = e.getValue();
            }
            // never seen in the sample: rarer than any character seen once
            float unseen = (float) Math.max(UNSEEN_MIN_BITS, log2(totals.get(lang) * 8));
            tables.put(lang, new Table(chars, bits, unseen));
          });
      return tables;
    }

    /**
     * Punctuation and symbols of the blocks text uses (Latin-1, general punctuation, arrows, math,
     * geometric shapes, CJK symbols, full-width forms); not box drawing, which a wrong decoding of
     * CJK bytes as DOS code pages is full of.
     */
    private static boolean isTextSymbol(int c) {
      boolean block =
          c >= 0xA1 && c <= 0xBF
              || c >= 0x2010 && c <= 0x24FF
              || c >= 0x25A0 && c <= 0x27BF
              || c >= 0x3000 && c <= 0x303F
              || c >= 0xFF00 && c <= 0xFFEF;
      return block
          && switch (Character.getType(c)) {
            case Character.OTHER_SYMBOL,
                Character.MATH_SYMBOL,
                Character.OTHER_PUNCTUATION,
                Character.START_PUNCTUATION,
                Character.END_PUNCTUATION,
                Character.DASH_PUNCTUATION,
                Character.INITIAL_QUOTE_PUNCTUATION,
                Character.FINAL_QUOTE_PUNCTUATION,
                Character.CURRENCY_SYMBOL ->
                true;
            default -> false;
          };
    }

    private static double log2(double x) {
      return Math.log(x) / Math.log(2);
    }
  }
}
