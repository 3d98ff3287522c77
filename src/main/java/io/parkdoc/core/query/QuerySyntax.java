package io.parkdoc.core.query;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.analysis.Languages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * Parses parkdoc's query syntax into a language-neutral tree, which {@link QueryCompiler} then
 * analyses once per language.
 *
 * <p>The syntax is the one Lucene users know: words, {@code "phrases"}, {@code AND} / {@code OR} /
 * {@code NOT}, {@code +must} / {@code -mustnot}, {@code prefix*}, parentheses, and the filters
 * {@code lang:ko,ja} and {@code path:GLOB}. Unlike Lucene's classic parser it reads natural text as
 * words: {@code ?} is never a wildcard, a colon after any other word is text, an unmatched double
 * quote is ignored, a dash inside or alone between words is text, and so is a ')' inside a word
 * when no group is open ("1)", ":)"). Only structure that cannot be natural text is an error:
 * unbalanced parentheses, an operator without an operand, an empty filter or an unknown language.
 * Stateless.
 */
public final class QuerySyntax {
  private QuerySyntax() {}

  /** A node of the parsed query. */
  public sealed interface Node permits Words, Phrase, Prefix, Filter, Bool {}

  /** A run of text between spaces, analysed into one or more terms. */
  public record Words(String text) implements Node {}

  /** A quoted phrase: its terms must appear in order, adjacent. */
  public record Phrase(String text) implements Node {}

  /** {@code text*}: any term starting with the text. */
  public record Prefix(String text) implements Node {}

  /** {@code lang:ko,ja} or {@code path:GLOB}. */
  public record Filter(String field, String value) implements Node {}

  /** A boolean combination. */
  public record Bool(List<Clause> clauses) implements Node {}

  /** One clause of a {@link Bool}. */
  public record Clause(Node node, Occur occur) {}

  /**
   * The text of {@code node}'s words, and of its phrases when {@code phrases}, that the query does
   * not exclude, each followed by a space: what the query asks for, without its operators, prefixes
   * and filters.
   */
  public static String positiveText(Node node, boolean phrases) {
    StringBuilder out = new StringBuilder();
    positiveText(node, phrases, out);
    return out.toString();
  }

  private static void positiveText(Node node, boolean phrases, StringBuilder out) {
    switch (node) {
      case Words w -> out.append(w.text()).append(' ');
      case Phrase p -> {
        if (phrases) {
          out.append(p.text()).append(' ');
        }
      }
      case Bool b ->
          b.clauses().stream()
              .filter(c -> c.occur() != Occur.MUST_NOT)
              .forEach(c -> positiveText(c.node(), phrases, out));
      default -> {}
    }
  }

  /**
   * True when {@code node} can match only a document holding its words or phrases: false when it
   * holds a prefix, a filter or an exclusion ({@code NOT x} alone matches every document without
   * x).
   */
  public static boolean onlyWords(Node node) {
    return switch (node) {
      case Words w -> true;
      case Phrase p -> true;
      case Prefix p -> false;
      case Filter f -> false;
      case Bool b ->
          b.clauses().stream()
              .allMatch(
                  c ->
                      c.occur() != Occur.MUST_NOT
                          && c.occur() != Occur.FILTER
                          && onlyWords(c.node()));
    };
  }

  /**
   * A parsed query.
   *
   * @param root the tree
   * @param natural true when the query reads as natural text (a question or sentence ending in ? ？
   *     。 ！, or more than three words), whose words are then ORed and ranked rather than all
   *     required
   */
  public record Parsed(Node root, boolean natural) {}

  private enum Kind {
    WORD,
    PHRASE,
    PREFIX,
    FILTER,
    AND,
    OR,
    NOT,
    MUST,
    MUST_NOT,
    LPAREN,
    RPAREN
  }

  private record Tok(Kind kind, String text, String field) {}

  /**
   * Parses {@code query}.
   *
   * @param lenient when true (batch mode), a query that is not valid syntax is searched as plain
   *     words
   * @throws ParkdocException saying what is wrong, when the query is malformed and not lenient
   */
  public static Parsed parse(String query, boolean lenient) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      if (lenient) {
        return new Parsed(new Bool(List.of()), true);
      }
      throw new ParkdocException("empty query");
    }
    try {
      List<Tok> toks = leadingDashAsText(lex(q), lenient);
      return new Parsed(new Parser(toks).parseAll(), isNatural(q, toks));
    } catch (ParkdocException e) {
      if (!lenient) {
        throw e;
      }
      return new Parsed(plainWords(q), true);
    }
  }

  /**
   * A pasted line that begins with a dash ({@code -l long format}, a man page's option) is text,
   * not an exclusion, when the rest is plain words and the query is long (more than three words) or
   * a batch's: {@code laser -LED} still excludes.
   */
  private static List<Tok> leadingDashAsText(List<Tok> toks, boolean lenient) {
    if (toks.size() < 2 || toks.get(0).kind != Kind.MUST_NOT || toks.get(1).kind != Kind.WORD) {
      return toks;
    }
    List<Tok> rest = toks.subList(2, toks.size());
    if (!rest.stream().allMatch(t -> t.kind == Kind.WORD) || !(lenient || rest.size() + 1 > 3)) {
      return toks;
    }
    List<Tok> out = new ArrayList<>();
    out.add(new Tok(Kind.WORD, "-" + toks.get(1).text, null));
    out.addAll(rest);
    return out;
  }

  private static Node plainWords(String q) {
    List<Clause> clauses = new ArrayList<>();
    for (String w : q.split("[\\s\u3000]+")) {
      if (!w.isEmpty()) {
        clauses.add(new Clause(new Words(w), Occur.SHOULD));
      }
    }
    return new Bool(clauses);
  }

  private static boolean isNatural(String q, List<Tok> toks) {
    char last = q.charAt(q.length() - 1);
    if (last == '?' || last == '？' || last == '。' || last == '．' || last == '!' || last == '！') {
      return true;
    }
    long words = toks.stream().filter(t -> t.kind == Kind.WORD || t.kind == Kind.PREFIX).count();
    boolean operators =
        toks.stream()
            .anyMatch(t -> t.kind != Kind.WORD && t.kind != Kind.PREFIX && t.kind != Kind.FILTER);
    return words > 3 && !operators;
  }

  /**
   * True when the dash at {@code i} of {@code s} is text, not an exclusion: before a single letter
   * after another word (a command's option in a pasted line, {@code tail -f /var/log/messages};
   * nobody excludes one letter), or before a digit in a line of more than three words (a negative
   * number, {@code =ZW(4%; 2;750;2500) = -4234,00}). The known-item evaluation lost such lines' own
   * pages to the exclusion.
   */
  private static boolean dashIsText(String s, int i) {
    int n = s.length();
    char next = s.charAt(i + 1);
    if (i > 0 && Character.isLetter(next) && (i + 2 >= n || isSpace(s.charAt(i + 2)))) {
      return true;
    }
    return Character.isDigit(next) && s.strip().split("\\s+").length > 3;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u3000' || c == '\u00A0';
  }

  private static List<Tok> lex(String s) {
    List<Tok> toks = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c == '"') {
        int close = s.indexOf('"', i + 1);
        if (close < 0) {
          i++; // a stray quote: natural text, not a phrase
          continue;
        }
        toks.add(new Tok(Kind.PHRASE, s.substring(i + 1, close), null));
        i = close + 1;
        continue;
      }
      if (c == '(') {
        toks.add(new Tok(Kind.LPAREN, "(", null));
        i++;
        continue;
      }
      if (c == ')') {
        toks.add(new Tok(Kind.RPAREN, ")", null));
        i++;
        continue;
      }

      if ((c == '+' || c == '-')
          && i + 1 < n
          && !isSpace(s.charAt(i + 1))
          && s.charAt(i + 1) != '+'
          && s.charAt(i + 1) != '-'
          && (i == 0 || isSpace(s.charAt(i - 1)) || s.charAt(i - 1) == '(')
          && !(c == '-' && dashIsText(s, i))) {
        toks.add(new Tok(c == '+' ? Kind.MUST : Kind.MUST_NOT, String.valueOf(c), null));
        i++;
        continue;
      }
      int start = i;
      // A ')' closes a group only when one is open; otherwise it is text, as in "1)" or ":)".
      while (i < n
          && !isSpace(s.charAt(i))
          && s.charAt(i) != '"'
          && !(s.charAt(i) == ')' && depthOk(toks))) {
        i++;
      }
      String word = s.substring(start, i);
      int colon = word.indexOf(':');
      String field = colon > 0 ? word.substring(0, colon).toLowerCase(Locale.ROOT) : "";
      if (field.equals("lang") || field.equals("path")) {
        String value = word.substring(colon + 1);
        if (value.isEmpty() && i < n && s.charAt(i) == '"') {
          int close = s.indexOf('"', i + 1);
          if (close > 0) {
            value = s.substring(i + 1, close);
            i = close + 1;
          }
        }
        if (value.isEmpty()) {
          throw new ParkdocException(
              field
                  + ": needs a value, as in "
                  + (field.equals("lang") ? "lang:ko" : "path:notes/*"));
        }
        toks.add(new Tok(Kind.FILTER, value, field));
      } else if (word.equals("AND") || word.equals("&&")) {
        toks.add(new Tok(Kind.AND, word, null));
      } else if (word.equals("OR") || word.equals("||")) {
        toks.add(new Tok(Kind.OR, word, null));
      } else if (word.equals("NOT")) {
        toks.add(new Tok(Kind.NOT, word, null));
      } else if (word.length() > 1 && word.endsWith("*") && word.charAt(word.length() - 2) != '*') {
        toks.add(new Tok(Kind.PREFIX, word.substring(0, word.length() - 1), null));
      } else {
        toks.add(new Tok(Kind.WORD, word, null));
      }
    }
    return toks;
  }

  /** True when a '(' is open, so that a ')' closes it rather than being part of a word. */
  private static boolean depthOk(List<Tok> toks) {
    int depth = 0;
    for (Tok t : toks) {
      if (t.kind == Kind.LPAREN) {
        depth++;
      } else if (t.kind == Kind.RPAREN) {
        depth--;
      }
    }
    return depth > 0;
  }

  /**
   * Recursive descent: or := and (OR and)*; and := unary (AND? unary)*; unary := (NOT|+|-) unary |
   * primary.
   */
  private static final class Parser {
    private final List<Tok> toks;
    private int pos;
    private int depth;

    Parser(List<Tok> toks) {
      this.toks = toks;
    }

    Node parseAll() {
      if (toks.isEmpty()) {
        throw new ParkdocException("empty query");
      }
      Node n = or();
      if (pos < toks.size()) {
        Tok t = toks.get(pos);
        throw new ParkdocException(
            t.kind == Kind.RPAREN
                ? "unbalanced parenthesis: ')' without '('"
                : "unexpected '" + t.text + "'");
      }
      return n;
    }

    private Tok peek() {
      return pos < toks.size() ? toks.get(pos) : null;
    }

    private Node or() {
      List<Node> branches = new ArrayList<>();
      branches.add(and());
      while (peek() != null && peek().kind == Kind.OR) {
        pos++;
        if (peek() == null
            || peek().kind == Kind.RPAREN
            || peek().kind == Kind.OR
            || peek().kind == Kind.AND) {
          throw new ParkdocException("OR needs a term on both sides");
        }
        branches.add(and());
      }
      if (branches.size() == 1) {
        return branches.get(0);
      }
      List<Clause> clauses = new ArrayList<>();
      for (Node b : branches) {
        clauses.add(new Clause(b, Occur.SHOULD));
      }
      return new Bool(clauses);
    }

    private Node and() {
      List<Clause> clauses = new ArrayList<>();
      boolean explicitAnd = false;
      Tok first = peek();
      if (first != null && (first.kind == Kind.AND || first.kind == Kind.OR)) {
        throw new ParkdocException(first.text + " needs a term on both sides");
      }
      while (peek() != null && peek().kind != Kind.OR && peek().kind != Kind.RPAREN) {
        if (peek().kind == Kind.AND) {
          pos++;
          explicitAnd = true;
          Tok next = peek();
          if (next == null
              || next.kind == Kind.OR
              || next.kind == Kind.AND
              || next.kind == Kind.RPAREN) {
            throw new ParkdocException("AND needs a term on both sides");
          }
          continue;
        }
        clauses.add(unary());
      }
      if (clauses.isEmpty()) {
        throw new ParkdocException(
            depth == 0
                ? "unbalanced parenthesis: ')' without '('"
                : "unbalanced parenthesis: '()' holds nothing");
      }
      if (explicitAnd) {
        List<Clause> required = new ArrayList<>();
        for (Clause c : clauses) {
          required.add(c.occur == null ? new Clause(c.node, Occur.MUST) : c);
        }
        clauses = required;
      }
      if (clauses.size() == 1 && clauses.get(0).occur == null) {
        return clauses.get(0).node;
      }
      return new Bool(clauses);
    }

    /** A clause whose occur is null takes the query's default operator. */
    private Clause unary() {
      Tok t = peek();
      if (t.kind == Kind.NOT || t.kind == Kind.MUST || t.kind == Kind.MUST_NOT) {
        pos++;
        Tok next = peek();
        if (next == null
            || next.kind == Kind.OR
            || next.kind == Kind.AND
            || next.kind == Kind.RPAREN) {
          throw new ParkdocException(
              (t.kind == Kind.NOT ? "NOT" : t.text) + " needs a term after it");
        }
        Clause inner = unary();
        return new Clause(inner.node, t.kind == Kind.MUST ? Occur.MUST : Occur.MUST_NOT);
      }
      return new Clause(primary(), null);
    }

    private Node primary() {
      Tok t = toks.get(pos++);
      return switch (t.kind) {
        case WORD -> new Words(t.text);
        case PHRASE -> new Phrase(t.text);
        case PREFIX -> new Prefix(t.text);
        case FILTER -> filter(t);
        case LPAREN -> {
          depth++;
          Node inner = or();
          depth--;
          if (peek() == null || peek().kind != Kind.RPAREN) {
            throw new ParkdocException("unbalanced parenthesis: '(' without ')'");
          }
          pos++;
          yield inner;
        }
        default -> throw new ParkdocException("unexpected '" + t.text + "'");
      };
    }

    private static Node filter(Tok t) {
      if (t.field.equals("lang")) {
        for (String code : t.text.split(",")) {
          if (!Languages.isKnown(code.strip())) {
            throw new ParkdocException(
                "unknown language '"
                    + code.strip()
                    + "' in lang: (try ko, ja, zh, zh-Hant, en, de, ...)");
          }
        }
      }
      return new Filter(t.field, t.text);
    }
  }
}
