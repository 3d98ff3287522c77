package io.parkdoc.backend.solr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON parkdoc exchanges with Solr: parses to {@link Map}, {@link List}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean} and null; writes the same. Stateless.
 */
final class SolrJson {
  private SolrJson() {}

  /** Parses one JSON value. */
  static Object parse(String text) {
    Parser p = new Parser(text);
    p.space();
    Object v = p.value();
    p.space();
    if (p.i != text.length()) {
      throw p.error("text after the value");
    }
    return v;
  }

  /** {@code value} as JSON text. */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b);
      case Number n -> sb.append(n);
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      case Iterable<?> list -> {
        sb.append('[');
        boolean first = true;
        for (Object o : list) {
          if (!first) sb.append(',');
          first = false;
          write(sb, o);
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
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** The map at {@code key} of {@code map}, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object map, String key) {
    Object v = map instanceof Map<?, ?> m ? m.get(key) : null;
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }

  /** The list at {@code key} of {@code map}, or an empty list. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object map, String key) {
    Object v = map instanceof Map<?, ?> m ? m.get(key) : null;
    return v instanceof List<?> ? (List<Object>) v : List.of();
  }

  /** The string at {@code key} of {@code map}, or null. */
  static String string(Object map, String key) {
    Object v = map instanceof Map<?, ?> m ? m.get(key) : null;
    return v == null ? null : String.valueOf(v);
  }

  /** The number at {@code key} of {@code map}, or {@code otherwise}. */
  static long number(Object map, String key, long otherwise) {
    Object v = map instanceof Map<?, ?> m ? m.get(key) : null;
    return v instanceof Number n ? n.longValue() : otherwise;
  }

  private static final class Parser {
    final String s;
    int i;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad JSON at " + i + ": " + what);
    }

    void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    Object value() {
      if (i >= s.length()) throw error("end of text");
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          space();
          if (peek('}')) return m;
          do {
            space();
            String k = str();
            space();
            expect(':');
            space();
            m.put(k, value());
            space();
          } while (next(','));
          expect('}');
          return m;
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          space();
          if (peek(']')) return l;
          do {
            space();
            l.add(value());
            space();
          } while (next(','));
          expect(']');
          return l;
        }
        case '"' -> {
          return str();
        }
        case 't' -> {
          word("true");
          return Boolean.TRUE;
        }
        case 'f' -> {
          word("false");
          return Boolean.FALSE;
        }
        case 'n' -> {
          word("null");
          return null;
        }
        default -> {
          return num();
        }
      }
    }

    boolean peek(char c) {
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    boolean next(char c) {
      return peek(c);
    }

    void expect(char c) {
      if (!peek(c)) throw error("expected '" + c + "'");
    }

    void word(String w) {
      if (!s.startsWith(w, i)) throw error("expected " + w);
      i += w.length();
    }

    Object num() {
      int start = i;
      boolean real = false;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '.' || c == 'e' || c == 'E') {
          real = true;
        } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
          break;
        }
        i++;
      }
      if (start == i) throw error("unexpected '" + s.charAt(i) + "'");
      String t = s.substring(start, i);
      return real ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
    }

    String str() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= s.length()) throw error("unterminated string");
        char c = s.charAt(i++);
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      }
    }
  }
}
