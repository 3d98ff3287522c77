package io.parkdoc.core.index;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The key a file's document is stored under: its absolute path as text.
 *
 * <p>A Unix file name is bytes, and not every byte string is UTF-8: Java shows such bytes as
 * U+FFFD, so two different names could share a key, and the key would name neither. Bytes that are
 * not valid UTF-8 are written {@code \xNN} instead: the key is unique, stable from run to run, and
 * still reads as the name. Stateless.
 */
final class FileKeys {
  private FileKeys() {}

  /** The key of the absolute path {@code file}. */
  static String of(Path file) {
    String s = file.toString();
    if (s.indexOf('\uFFFD') < 0 || Path.of(s).equals(file)) {
      return s;
    }
    // The URI of a Unix path percent-encodes its raw bytes.
    String raw = file.toUri().getRawPath();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    byte[] b = bytes.toByteArray();
    if (b.length > 1 && b[b.length - 1] == '/' && !s.endsWith("/")) {
      b = java.util.Arrays.copyOf(b, b.length - 1);
    }
    return decodeEscapingInvalid(b);
  }

  private static String decodeEscapingInvalid(byte[] b) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(b.length * 4 + 4);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        for (int i = 0; i < r.length(); i++) {
          out.put(String.format("\\x%02X", in.get() & 0xFF));
        }
        continue;
      }
      break;
    }
    decoder.flush(out);
    return out.flip().toString();
  }
}
