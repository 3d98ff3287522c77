package io.parkdoc.core.extract;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

/**
 * Turns a file's bytes into the text parkdoc indexes: decodes them and removes markup.
 *
 * <p>UTF-8 and UTF-16 with a byte-order mark are decoded directly; then UTF-16 without one (told by
 * where its NUL bytes sit), ISO-2022-JP (by its escape sequences) and UTF-8. Other bytes go to
 * {@link EncodingDetector}, which scores each legacy encoding's reading of them by the character
 * frequencies of its languages, and last to ICU's detector. Invalid sequences become U+FFFD and are
 * counted. Binary content is refused with a reason. Stateless and thread-safe.
 */
public final class TextExtractor implements Extractor {
  private static final Set<String> MARKUP = Set.of("html", "htm", "xhtml", "xml");
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final int TITLE_MAX = 200;

  /**
   * Extracts the text of a file named {@code fileName} with content {@code bytes}.
   *
   * @param forcedEncoding a charset name to decode with, or null to detect it
   * @throws NotTextException when the bytes are not text (binary, or no charset fits)
   */
  @Override
  public SourceText extract(String fileName, byte[] bytes, String forcedEncoding)
      throws NotTextException {
    Decoded decoded = decode(bytes, forcedEncoding);
    String text = decoded.text;
    String title = null;
    if (MARKUP.contains(extension(fileName)) || looksLikeHtml(text)) {
      Matcher m = TITLE.matcher(text);
      if (m.find()) {
        title = stripMarkup(m.group(1)).strip();
      }
      text = stripMarkup(text);
    }
    if (title == null || title.isEmpty()) {
      title = firstLine(text);
    }
    return new SourceText(text, title, decoded.encoding, decoded.malformed);
  }

  /** The lower-case extension of a file name, or "" when it has none. */
  public static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    return dot > slash + 1 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  private record Decoded(String text, String encoding, int malformed) {}

  private static Decoded decode(byte[] bytes, String forcedEncoding) throws NotTextException {
    if (forcedEncoding != null) {
      Charset cs = Charset.forName(forcedEncoding);
      int skip = bomLength(bytes, cs);
      return decodeLenient(bytes, skip, cs);
    }
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return decodeLenient(bytes, 3, StandardCharsets.UTF_8);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return decodeLenient(bytes, 2, StandardCharsets.UTF_16LE);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return decodeLenient(bytes, 2, StandardCharsets.UTF_16BE);
    }
    Charset utf16 = EncodingDetector.utf16WithoutBom(bytes);
    if (utf16 != null) {
      return decodeLenient(bytes, 0, utf16);
    }
    if (looksBinary(bytes)) {
      throw new NotTextException("binary content");
    }
    Charset iso2022 = EncodingDetector.iso2022(bytes);
    if (iso2022 != null) {
      return decodeLenient(bytes, 0, iso2022);
    }
    try {
      String text = strict(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString();
      return new Decoded(text, "UTF-8", 0);
    } catch (CharacterCodingException notUtf8) {
      return detectAndDecode(bytes);
    }
  }

  private static Decoded detectAndDecode(byte[] bytes) throws NotTextException {
    // Mostly UTF-8 with a few broken sequences (a file cut or glued together): keep the text and
    // count the damage. Text in another encoding has few or no valid UTF-8 sequences.
    Decoded utf8 = decodeLenient(bytes, 0, StandardCharsets.UTF_8);
    long valid = utf8.text.chars().filter(c -> c >= 0x80 && c != 0xFFFD).count();
    if (valid >= 4L * utf8.malformed) {
      return utf8;
    }
    EncodingDetector.Guess cjk = EncodingDetector.legacy(bytes);
    if (cjk != null) {
      try {
        String text = strict(cjk.charset()).decode(ByteBuffer.wrap(bytes)).toString();
        if (cjk.charset().newEncoder().maxBytesPerChar() <= 1 && !plausible(text)) {
          return damagedUtf8(utf8);
        }
        return new Decoded(text, cjk.charset().name(), 0);
      } catch (CharacterCodingException e) {
        // a bad sequence beyond the part the guess was made on
        return decodeLenient(bytes, 0, cjk.charset());
      }
    }
    com.ibm.icu.text.CharsetDetector detector = new com.ibm.icu.text.CharsetDetector();
    detector.setText(bytes);
    for (com.ibm.icu.text.CharsetMatch match : detector.detectAll()) {
      if (match.getConfidence() < 10 || !Charset.isSupported(match.getName())) {
        continue;
      }
      Charset cs = Charset.forName(match.getName());
      if (cs.name().startsWith("UTF-")
          || EncodingDetector.isModelled(cs) && match.getConfidence() < 50) {
        // the checks above know these better; ICU ranks multi-byte encodings well only in long text
        continue;
      }
      try {
        String text = strict(cs).decode(ByteBuffer.wrap(bytes)).toString();
        if (!plausible(text)) {
          break; // a few damaged bytes in ASCII text: no code page explains them
        }
        return new Decoded(text, cs.name(), 0);
      } catch (CharacterCodingException e) {
        // try the next candidate
      }
    }
    return damagedUtf8(utf8);
  }

  /** Text no encoding explains: UTF-8 with U+FFFD for the bad bytes, unless they are too many. */
  private static Decoded damagedUtf8(Decoded utf8) throws NotTextException {
    if (utf8.malformed > Math.max(8, utf8.text.length() / 20)) {
      throw new NotTextException("unknown character encoding (use --encoding)");
    }
    return utf8;
  }

  /** Fewer non-ASCII characters than this are too few for a code page guess to rest on alone. */
  private static final int FEW = 16;

  /**
   * False for a code page's reading of mostly ASCII text whose few other bytes stand apart from any
   * word: {@code lab \xff\xfe\xc3\x28 and} read as windows-1251 is {@code lab яюГ( and}, letters no
   * language writes, where the bytes are simply damaged (shown as U+FFFD). An accent inside a word
   * ({@code café} in ISO-8859-1) is plausible, and so is any text with many non-ASCII characters (a
   * Russian text in windows-1251).
   */
  static boolean plausible(String text) {
    int nonAscii = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        nonAscii++;
      }
    }
    if (nonAscii >= FEW) {
      return true;
    }
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) < 0x80) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && text.charAt(i) >= 0x80) {
        i++;
      }
      boolean before = start > 0 && isAsciiLetter(text.charAt(start - 1));
      boolean after = i < text.length() && isAsciiLetter(text.charAt(i));
      if (!before && !after) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static Decoded decodeLenient(byte[] bytes, int offset, Charset cs) {
    CharsetDecoder decoder = strict(cs);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out =
        CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 16);
    int malformed = 0;
    while (true) {
      var result = decoder.decode(in, out, true);
      if (result.isError()) {
        malformed++;
        out.put('\uFFFD');
        in.position(in.position() + result.length());
        continue;
      }
      if (result.isOverflow()) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
        out.flip();
        bigger.put(out);
        out = bigger;
        continue;
      }
      break;
    }
    decoder.flush(out);
    out.flip();
    return new Decoded(out.toString(), cs.name(), malformed);
  }

  private static CharsetDecoder strict(Charset cs) {
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static int bomLength(byte[] bytes, Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8) && startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return 3;
    }
    if ((cs.equals(StandardCharsets.UTF_16LE) && startsWith(bytes, 0xFF, 0xFE))
        || (cs.equals(StandardCharsets.UTF_16BE) && startsWith(bytes, 0xFE, 0xFF))) {
      return 2;
    }
    return 0;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Text, or what could be text in some encoding: any head that {@link #isBinary} does not refuse.
   */
  @Override
  public boolean accepts(byte[] head) {
    return !isBinary(head);
  }

  /**
   * True when {@code head}, the first bytes of a file, say it is binary: no byte-order mark, not
   * UTF-16 without one, and NUL bytes or many control characters.
   */
  public static boolean isBinary(byte[] head) {
    boolean bom =
        startsWith(head, 0xEF, 0xBB, 0xBF)
            || startsWith(head, 0xFF, 0xFE)
            || startsWith(head, 0xFE, 0xFF);
    return !bom && EncodingDetector.utf16WithoutBom(head) == null && looksBinary(head);
  }

  /**
   * True when the first 8 KB hold a NUL byte or many control characters: the test ripgrep and git
   * use, which no text encoding parkdoc reads (UTF-16 aside, caught by its BOM) fails.
   */
  static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
        control++;
      }
    }
    return n > 0 && control * 10 > n;
  }

  private static boolean looksLikeHtml(String text) {
    String head =
        text.substring(0, Math.min(text.length(), 512)).stripLeading().toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  /**
   * Removes tags, comments, scripts and styles, and decodes entities (Lucene's
   * HTMLStripCharFilter).
   */
  static String stripMarkup(String html) {
    StringBuilder sb = new StringBuilder(html.length());
    try (HTMLStripCharFilter filter = new HTMLStripCharFilter(new StringReader(html))) {
      char[] buf = new char[8192];
      int n;
      while ((n = filter.read(buf)) != -1) {
        sb.append(buf, 0, n);
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return sb.toString();
  }

  static String firstLine(String text) {
    for (String line : text.split("\\R", 50)) {
      String s = line.strip();
      if (!s.isEmpty()) {
        return s.length() > TITLE_MAX
            ? s.substring(
                0, Character.isHighSurrogate(s.charAt(TITLE_MAX - 1)) ? TITLE_MAX - 1 : TITLE_MAX)
            : s;
      }
    }
    return "";
  }
}
