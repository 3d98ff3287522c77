package io.parkdoc.core.detect;

/**
 * OpenNLP's normalisation of text before its language detector reads it, without regular
 * expressions: the same chars out as its five default normalisers applied in turn (emoji, URL and
 * e-mail, Twitter, number, shrink), then lower case per code point as {@code StringUtil} does.
 *
 * <p>Why: those normalisers are eleven {@code replaceAll} calls over the whole text, and took a
 * third of the language detector's time (more than looking the n-grams up). Each pass below is one
 * loop over a char array and reproduces one pattern exactly, quirks included (the emoji class,
 * whose surrogate escapes combine into the range U+D83C..U+10FC00 plus the hyphen; the
 * case-insensitive smileys that eat the "xp" of "expect"); {@code ModelNormalizerTest} compares it
 * with OpenNLP's own on corpus text and random strings. Stateless and thread-safe.
 */
final class ModelNormalizer {
  private ModelNormalizer() {}

  /** The normalised, lower-cased chars of {@code text}. */
  static char[] normalize(CharSequence text) {
    int n = text.length();
    char[] a = new char[n];
    for (int i = 0; i < n; i++) {
      a[i] = text.charAt(i);
    }
    char[] b = new char[n];
    n = emoji(a, n, b);
    n = urls(b, n, a);
    n = mails(a, n, b);
    n = hashesAndUsers(b, n, a);
    n = retweets(a, n, b);
    n = faces(b, n, a);
    n = laughs(a, n, b);
    n = numbers(b, n, a);
    n = spaces(a, n, b);
    n = repeats(b, n, a);
    int start = 0;
    int end = n;
    while (start < end && a[start] <= ' ') {
      start++;
    }
    while (end > start && a[end - 1] <= ' ') {
      end--;
    }
    return lowerCase(a, start, end);
  }

  /** {@code [\uD83C-\uDBFF\uDC00-\uDFFF]+} -> " ", as Java's regex reads that class. */
  private static int emoji(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(in, i, n);
      if (!emojiClass(cp)) {
        out[o++] = in[i++];
        if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
          out[o++] = in[i++];
        }
        continue;
      }
      while (i < n && emojiClass(cp = Character.codePointAt(in, i, n))) {
        i += Character.charCount(cp);
      }
      out[o++] = ' ';
    }
    return o;
  }

  private static boolean emojiClass(int cp) {
    return cp == '-' || cp == 0xDFFF || cp >= 0xD83C && cp <= 0x10FC00;
  }

  /** {@code https?://[-_.?&~;+=/#0-9A-Za-z]+} -> " ". */
  private static int urls(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if (in[i] == 'h' && i + 4 <= n && in[i + 1] == 't' && in[i + 2] == 't' && in[i + 3] == 'p') {
        int j = i + 4;
        if (j < n && in[j] == 's') {
          j++;
        }
        if (j + 3 <= n && in[j] == ':' && in[j + 1] == '/' && in[j + 2] == '/') {
          int k = j + 3;
          while (k < n && urlChar(in[k])) {
            k++;
          }
          if (k > j + 3) {
            out[o++] = ' ';
            i = k;
            continue;
          }
        }
      }
      out[o++] = in[i++];
    }
    return o;
  }

  private static boolean alnum(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean urlChar(char c) {
    return alnum(c) || "-_.?&~;+=/#".indexOf(c) >= 0;
  }

  /**
   * {@code (?<![-+_.0-9A-Za-z])[-+_.0-9A-Za-z]+@[-0-9A-Za-z]+[-.0-9A-Za-z]+} -> " ": a local part
   * not preceded by one of its chars, {@code @}, then a run of domain chars that starts without a
   * dot and has at least two.
   */
  private static int mails(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if (localChar(in[i]) && (i == 0 || !localChar(in[i - 1]))) {
        int j = i;
        while (j < n && localChar(in[j])) {
          j++;
        }
        if (j + 1 < n && in[j] == '@' && (alnum(in[j + 1]) || in[j + 1] == '-')) {
          int k = j + 1;
          while (k < n && (alnum(in[k]) || in[k] == '-' || in[k] == '.')) {
            k++;
          }
          if (k - (j + 1) >= 2) {
            out[o++] = ' ';
            i = k;
            continue;
          }
        }
      }
      out[o++] = in[i++];
    }
    return o;
  }

  private static boolean localChar(char c) {
    return alnum(c) || c == '-' || c == '+' || c == '_' || c == '.';
  }

  /** Java's {@code \s}. */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** {@code [#@]\S+} -> " ". */
  private static int hashesAndUsers(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if ((in[i] == '#' || in[i] == '@') && i + 1 < n && !space(in[i + 1])) {
        int j = i + 1;
        while (j < n && !space(in[j])) {
          j++;
        }
        out[o++] = ' ';
        i = j;
        continue;
      }
      out[o++] = in[i++];
    }
    return o;
  }

  /** {@code \b(rt[ :])+}, case-insensitive -> " ". */
  private static int retweets(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 3 <= n
          && (in[j] | 0x20) == 'r'
          && (in[j + 1] | 0x20) == 't'
          && (in[j + 2] == ' ' || in[j + 2] == ':')) {
        j += 3;
      }
      if (j > i && wordStart(in, i)) {
        out[o++] = ' ';
        i = j;
        continue;
      }
      out[o++] = in[i++];
    }
    return o;
  }

  /**
   * Whether Java's {@code \b} holds before a word char at {@code i}: the code point before is no
   * ASCII word char, nor a non-spacing mark on a letter or digit.
   */
  private static boolean wordStart(char[] in, int i) {
    if (i == 0) {
      return true;
    }
    int ch = Character.codePointBefore(in, i);
    if (ch < 0x80 && (alnum((char) ch) || ch == '_')) {
      return false;
    }
    if (Character.getType(ch) != Character.NON_SPACING_MARK) {
      return true;
    }
    for (int x = i - 1; x >= 0; x--) {
      int c = Character.codePointAt(in, x);
      if (Character.isLetterOrDigit(c)) {
        return false;
      }
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        return true;
      }
    }
    return true;
  }

  /** {@code [:;x]-?[()dop]}, case-insensitive -> " ". */
  private static int faces(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      char c = in[i];
      if (c == ':' || c == ';' || c == 'x' || c == 'X') {
        int j = i + 1;
        if (j < n && in[j] == '-') {
          j++;
        }
        if (j < n && mouth(in[j])) {
          out[o++] = ' ';
          i = j + 1;
          continue;
        }
      }
      out[o++] = in[i++];
    }
    return o;
  }

  private static boolean mouth(char c) {
    return c == '(' || c == ')' || "dop".indexOf(c | 0x20) >= 0 && Character.isLetter(c);
  }

  /** {@code ([hj])+([aieou])+(\1+\2+)+}, case-insensitive -> "$1$2$1$2". */
  private static int laughs(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      int end = laughEnd(in, n, i);
      if (end > 0) {
        int a = i;
        while (a < n && hj(in[a])) {
          a++;
        }
        int b = a;
        while (b < n && vowel(in[b])) {
          b++;
        }
        char g1 = in[a - 1];
        char g2 = in[b - 1];
        out[o++] = g1;
        out[o++] = g2;
        out[o++] = g1;
        out[o++] = g2;
        i = end;
        continue;
      }
      out[o++] = in[i++];
    }
    return o;
  }

  /** Where a laugh starting at {@code i} ends, or -1. */
  private static int laughEnd(char[] in, int n, int i) {
    if (!hj(in[i])) {
      return -1;
    }
    int a = i;
    while (a < n && hj(in[a])) {
      a++;
    }
    int b = a;
    while (b < n && vowel(in[b])) {
      b++;
    }
    if (b == a) {
      return -1;
    }
    char g1 = in[a - 1];
    char g2 = in[b - 1];
    int k = b;
    boolean once = false;
    while (true) {
      int p = k;
      while (p < n && sameAscii(in[p], g1)) {
        p++;
      }
      if (p == k) {
        break;
      }
      int q = p;
      while (q < n && sameAscii(in[q], g2)) {
        q++;
      }
      if (q == p) {
        break;
      }
      k = q;
      once = true;
    }
    return once ? k : -1;
  }

  private static boolean hj(char c) {
    return c == 'h' || c == 'j' || c == 'H' || c == 'J';
  }

  private static boolean vowel(char c) {
    return c < 0x80 && "aieouAIEOU".indexOf(c) >= 0;
  }

  /** Case-insensitive equality as Java's regex has it without UNICODE_CASE: ASCII letters only. */
  private static boolean sameAscii(int c1, int c2) {
    return c1 == c2 || asciiLower(c1) == asciiLower(c2);
  }

  private static int asciiLower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
  }

  /** {@code \d+} -> " ". */
  private static int numbers(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if (in[i] >= '0' && in[i] <= '9') {
        while (i < n && in[i] >= '0' && in[i] <= '9') {
          i++;
        }
        out[o++] = ' ';
        continue;
      }
      out[o++] = in[i++];
    }
    return o;
  }

  /** {@code \s{2,}} -> " ". */
  private static int spaces(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if (space(in[i]) && i + 1 < n && space(in[i + 1])) {
        while (i < n && space(in[i])) {
          i++;
        }
        out[o++] = ' ';
        continue;
      }
      out[o++] = in[i++];
    }
    return o;
  }

  /** {@code (.)\1{2,}}, case-insensitive -> "$1$1": three or more of a char become two. */
  private static int repeats(char[] in, int n, char[] out) {
    int o = 0;
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(in, i, n);
      int w = Character.charCount(cp);
      if (!lineEnd(cp)) {
        int j = i + w;
        int more = 0;
        int next;
        while (j < n && sameAscii(next = Character.codePointAt(in, j, n), cp)) {
          j += Character.charCount(next);
          more++;
        }
        if (more >= 2) {
          for (int k = 0; k < 2; k++) {
            out[o++] = in[i];
            if (w == 2) {
              out[o++] = in[i + 1];
            }
          }
          i = j;
          continue;
        }
      }
      out[o++] = in[i++];
      if (w == 2) {
        out[o++] = in[i++];
      }
    }
    return o;
  }

  /** What {@code .} does not match without DOTALL. */
  private static boolean lineEnd(int c) {
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /** Lower case as OpenNLP's {@code StringUtil.toLowerCaseCharBuffer}: per code point. */
  private static char[] lowerCase(char[] s, int start, int end) {
    char[] out = new char[(end - start) * 2]; // a lower-case letter may take two units
    int n = 0;
    for (int i = start; i < end; ) {
      int cp = Character.codePointAt(s, i, end);
      i += Character.charCount(cp);
      n += Character.toChars(Character.toLowerCase(cp), out, n);
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
