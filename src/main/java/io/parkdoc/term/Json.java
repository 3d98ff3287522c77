package io.parkdoc.term;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for parkdoc's one-object-per-line output.
 *
 * <p>Values are {@code null}, strings, numbers, booleans, {@link Map}s (insertion order kept),
 * {@link List}s and {@code int[]} pairs. Text is written as UTF-8 characters, never escaped beyond
 * what JSON requires, so CJK stays readable in a pipe. Stateless.
 */
public final class Json {
  private Json() {}

  /** {@code value} as one line of JSON. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(256);
    append(sb, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Float f -> sb.append(Float.isFinite(f) ? Float.toString(f) : "null");
      case Double d -> sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
      case Number n -> sb.append(n);
      case Boolean b -> sb.append(b);
      case int[] pair -> {
        sb.append('[');
        for (int i = 0; i < pair.length; i++) {
          sb.append(i == 0 ? "" : ",").append(pair[i]);
        }
        sb.append(']');
      }
      case Map<?, ?> m -> {
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          append(sb, e.getValue());
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        sb.append('}');
      }
      case Iterable<?> list -> {
        sb.append('[');
        boolean first = true;
        for (Object o : list) {
          if (!first) {
            sb.append(',');
          }
          append(sb, o);
          first = false;
        }
        sb.append(']');
      }
      default -> string(sb, v.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
