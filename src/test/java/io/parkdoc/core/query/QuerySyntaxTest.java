package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.query.QuerySyntax.Bool;
import io.parkdoc.core.query.QuerySyntax.Clause;
import io.parkdoc.core.query.QuerySyntax.Filter;
import io.parkdoc.core.query.QuerySyntax.Node;
import io.parkdoc.core.query.QuerySyntax.Parsed;
import io.parkdoc.core.query.QuerySyntax.Phrase;
import io.parkdoc.core.query.QuerySyntax.Prefix;
import io.parkdoc.core.query.QuerySyntax.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuerySyntaxTest {

  /** The texts of every Words leaf, in order; fails on any other kind of leaf. */
  private static List<String> words(Node node) {
    List<String> out = new ArrayList<>();
    collectWords(node, out);
    return out;
  }

  private static void collectWords(Node node, List<String> out) {
    switch (node) {
      case Words w -> out.add(w.text());
      case Bool b -> b.clauses().forEach(c -> collectWords(c.node(), out));
      default -> throw new AssertionError("expected only words, got " + node);
    }
  }

  /** The whitespace-separated pieces of a query: what plain-word reading must give back. */
  private static List<String> split(String q) {
    return Arrays.stream(q.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  // ---- a pasted line that begins with a dash ------------------------------------------------

  @Test
  void aLongLineThatBeginsWithADashIsText() {
    assertEquals(
        List.of("-l", "long", "listing", "format"),
        words(QuerySyntax.parse("-l  long listing format", false).root()));
    assertEquals(
        List.of("-LED", "laser"),
        words(QuerySyntax.parse("-LED laser", true).root()),
        "in a batch");
    // a short query keeps its exclusion, and so does a long one with other operators
    assertTrue(QuerySyntax.onlyWords(QuerySyntax.parse("-l  long listing format", false).root()));
    assertFalse(
        QuerySyntax.onlyWords(QuerySyntax.parse("-LED laser", false).root()), "an exclusion");
    assertFalse(
        QuerySyntax.onlyWords(QuerySyntax.parse("-LED laser cutting OR welding", false).root()),
        "other operators: still an exclusion");
  }

  @Test
  void anOptionOrANegativeNumberInsideAPastedLineIsText() {
    assertEquals(
        List.of("tail", "-f", "/var/log/messages"),
        words(QuerySyntax.parse("tail -f /var/log/messages", false).root()));
    assertEquals(
        List.of("=ZW(4%;2;750;2500)", "=", "-4234,00", "Währungseinheiten."),
        words(QuerySyntax.parse("=ZW(4%;2;750;2500) = -4234,00 Währungseinheiten.", false).root()));
    // a word, or a number in a short query, is still excluded
    assertFalse(QuerySyntax.onlyWords(QuerySyntax.parse("laser -LED", false).root()));
    assertFalse(QuerySyntax.onlyWords(QuerySyntax.parse("election -2019", false).root()));
    assertFalse(QuerySyntax.onlyWords(QuerySyntax.parse("-a b", false).root()));
  }

  // ---- natural text is never an error -------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"what is a laser?", "what is a laser ?", "레이저는 무엇인가요？", "laser？"})
  void questionsAreWordsAndNatural(String q) {
    Parsed p = QuerySyntax.parse(q, false);
    assertTrue(p.natural(), q);
    List<String> w = words(p.root());
    assertFalse(w.isEmpty());
    // every piece of the question is searched as text (the ? stays with its word for the analyzer
    // to drop)
    assertEquals(split(q), w, q);
  }

  @Test
  void colonAfterAnOrdinaryWordIsText() {
    Parsed p = QuerySyntax.parse("a sentence with: a colon", false);
    assertEquals(List.of("a", "sentence", "with:", "a", "colon"), words(p.root()));
    assertTrue(p.natural(), "five words are natural text");
  }

  @Test
  void strayDoubleQuoteIsIgnored() {
    Parsed p = QuerySyntax.parse("say \"hello there", false);
    assertEquals(List.of("say", "hello", "there"), words(p.root()));
  }

  @Test
  void dashAloneIsAWord() {
    Parsed p = QuerySyntax.parse("laser - cutting", false);
    assertEquals(List.of("laser", "-", "cutting"), words(p.root()));
    Bool b = assertInstanceOf(Bool.class, p.root());
    assertTrue(
        b.clauses().stream().noneMatch(c -> c.occur() == Occur.MUST_NOT),
        "a lone dash excludes nothing");
  }

  @Test
  void dashInsideAWordIsText() {
    Parsed p = QuerySyntax.parse("COVID-19", false);
    assertEquals(new Words("COVID-19"), p.root());
    Parsed two = QuerySyntax.parse("COVID-19 vaccine", false);
    assertEquals(List.of("COVID-19", "vaccine"), words(two.root()));
    Bool b = assertInstanceOf(Bool.class, two.root());
    assertTrue(b.clauses().stream().noneMatch(c -> c.occur() == Occur.MUST_NOT));
  }

  @Test
  void questionMarkIsNeverAWildcard() {
    Parsed p = QuerySyntax.parse("what?", false);
    assertEquals(new Words("what?"), p.root(), "not a Prefix or wildcard");
    assertTrue(p.natural(), "ends with ?");
  }

  // ---- malformed queries --------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      (laser            | '(' without ')'
      laser )           | ')' without '('
      )                 | ')' without '('
      laser AND         | AND needs a term
      OR laser          | OR needs a term
      NOT               | NOT needs a term
      lang:             | lang: needs a value
      lang:xx           | unknown language 'xx'
      """)
  void malformedQueriesNameTheProblem(String q, String problem) {
    ParkdocException e = assertThrows(ParkdocException.class, () -> QuerySyntax.parse(q, false), q);
    assertTrue(
        e.getMessage().contains(problem),
        "'" + q + "': message '" + e.getMessage() + "' should say " + problem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"(laser", "laser )", ")", "laser AND", "OR laser", "NOT", "lang:", "lang:xx"})
  void lenientReadsMalformedQueriesAsPlainWords(String q) {
    Parsed p = QuerySyntax.parse(q, true);
    assertEquals(split(q), words(p.root()), q);
    Bool b = assertInstanceOf(Bool.class, p.root());
    assertTrue(
        b.clauses().stream().allMatch(c -> c.occur() == Occur.SHOULD),
        "plain words are ORed: " + q);
  }

  @Test
  void aClosingParenthesisInsideAWordIsTextWhenNoGroupIsOpen() {
    // "1)" in a pasted list, or ":)", is natural text, not a syntax error.
    assertEquals(new Words("laser)"), QuerySyntax.parse("laser)", false).root());
    assertEquals(new Words("1)"), QuerySyntax.parse("1)", false).root());
  }

  @Test
  void emptyQueryIsAnErrorUnlessLenient() {
    assertThrows(ParkdocException.class, () -> QuerySyntax.parse("   ", false));
    assertEquals(new Bool(List.of()), QuerySyntax.parse("   ", true).root());
  }

  // ---- structure ----------------------------------------------------------------------------

  @Test
  void quotedTextIsAPhrase() {
    assertEquals(new Phrase("two words"), QuerySyntax.parse("\"two words\"", false).root());
  }

  @Test
  void trailingStarIsAPrefix() {
    assertEquals(new Prefix("lase"), QuerySyntax.parse("lase*", false).root());
  }

  @Test
  void langAndPathAreFilters() {
    assertEquals(new Filter("lang", "ko,ja"), QuerySyntax.parse("lang:ko,ja", false).root());
    assertEquals(new Filter("path", "*.md"), QuerySyntax.parse("path:*.md", false).root());
    assertEquals(new Filter("lang", "zh-Hant"), QuerySyntax.parse("lang:zh-Hant", false).root());
    Bool b = assertInstanceOf(Bool.class, QuerySyntax.parse("lang:ko 레이저", false).root());
    assertEquals(new Filter("lang", "ko"), b.clauses().get(0).node());
    assertEquals(new Words("레이저"), b.clauses().get(1).node());
  }

  @Test
  void explicitAndMakesEveryClauseRequired() {
    Bool b = assertInstanceOf(Bool.class, QuerySyntax.parse("a AND b", false).root());
    assertEquals(
        List.of(new Clause(new Words("a"), Occur.MUST), new Clause(new Words("b"), Occur.MUST)),
        b.clauses());
  }

  @Test
  void leadingDashExcludes() {
    Bool b = assertInstanceOf(Bool.class, QuerySyntax.parse("-a b", false).root());
    assertEquals(2, b.clauses().size());
    assertEquals(new Clause(new Words("a"), Occur.MUST_NOT), b.clauses().get(0));
    assertEquals(new Words("b"), b.clauses().get(1).node());
    assertTrue(b.clauses().get(1).occur() != Occur.MUST_NOT);
  }

  @Test
  void orMakesShouldClauses() {
    Bool b = assertInstanceOf(Bool.class, QuerySyntax.parse("a OR b", false).root());
    assertEquals(
        List.of(new Clause(new Words("a"), Occur.SHOULD), new Clause(new Words("b"), Occur.SHOULD)),
        b.clauses());
  }

  @Test
  void balancedParenthesesGroup() {
    Bool b = assertInstanceOf(Bool.class, QuerySyntax.parse("(a OR b) AND c", false).root());
    assertEquals(2, b.clauses().size());
    assertEquals(Occur.MUST, b.clauses().get(0).occur());
    assertInstanceOf(Bool.class, b.clauses().get(0).node());
    assertEquals(new Clause(new Words("c"), Occur.MUST), b.clauses().get(1));
  }

  // ---- natural or not ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"laser", "laser cutting", "laser cutting machine", "长春 高新区"})
  void oneToThreeWordsAreNotNatural(String q) {
    assertFalse(QuerySyntax.parse(q, false).natural(), q);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "laser cutting machine price",
        "how do lasers cut steel",
        "laser?",
        "レーザーとは？",
        "长春在哪里。"
      })
  void questionsAndLongerTextAreNatural(String q) {
    assertTrue(QuerySyntax.parse(q, false).natural(), q);
  }

  @Test
  void operatorsKeepFourWordsFromBeingNatural() {
    assertFalse(QuerySyntax.parse("laser AND cutting machine price", false).natural());
  }
}
