package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.query.Analysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Solr's analysis of texts (its /analysis/field on the collection {@code solr init} creates) makes
 * the same tokens, offsets and positions as parkdoc's own analyzers: the seeds in their own
 * languages and in the CJK bigram fields, variant and width forms, and a sentence in every other
 * language. Runs against a real cluster ({@link SolrTestCluster}).
 */
class SolrAnalysisIT {
  private static SolrAdmin admin;
  private static final List<String> DIFFS = new ArrayList<>();

  /** A sentence per language whose field uses Lucene's analyzer class directly. */
  private static final Map<String, String> SENTENCES = new LinkedHashMap<>();

  static {
    SENTENCES.put(
        "de", "Die Häuser der Städte wurden im Jahre 2023 gebaut, sagten die Bürgermeisterinnen.");
    SENTENCES.put(
        "fr", "L'innovation technologique des entreprises françaises s'accélère rapidement.");
    SENTENCES.put("es", "Las ciudades españolas están construyendo nuevas áreas tecnológicas.");
    SENTENCES.put("ru", "Новые технологические районы строятся в крупных городах России.");
    SENTENCES.put("ar", "تقوم المدن الكبرى ببناء مناطق تكنولوجية جديدة.");
    SENTENCES.put("th", "เมืองใหญ่กำลังสร้างพื้นที่เทคโนโลยีใหม่");
    SENTENCES.put("tr", "İstanbul'daki büyük şirketler yeni teknoloji bölgeleri kuruyor.");
    SENTENCES.put("fi", "Suuret kaupungit rakentavat uusia teknologia-alueita.");
  }

  @BeforeAll
  static void createCollection() {
    SolrHttp http =
        new SolrHttp(SolrLocation.parse(SolrTestCluster.collection("analysis_it"), null));
    admin = new SolrAdmin(http);
    admin.delete();
    SolrAdmin.Created created = admin.init(1, 1);
    assertEquals("analysis_it", created.collection());
  }

  @Test
  void seedsAnalyseAlikeInEveryCjkAndEnglishField() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("seeds"))) {
      for (Path p : s.sorted().toList()) {
        texts.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    assertEquals(5, texts.size());
    // Width forms, Han variants in each script, half-width kana with voicing marks.
    texts.add("ＬＥＤ画面 ｶﾞｲﾄﾞ ﾊﾟｰﾂ 發展 発展 发展 長春 长春 臺灣 台湾 ①② ㍿ ﬁle");
    DIFFS.clear();
    for (String text : texts) {
      for (String lang :
          List.of(
              Languages.KOREAN,
              Languages.JAPANESE,
              Languages.CHINESE,
              Languages.ENGLISH,
              Languages.UNDETERMINED)) {
        for (String d : differences(lang, text)) {
          SolrAnalysisIT.DIFFS.add(
              d + " in " + text.substring(0, Math.min(30, text.length())).replace('\n', ' '));
        }
      }
    }
    assertEquals("", String.join("\n", DIFFS));
  }

  @Test
  void otherLanguagesAnalyseAlike() {
    SENTENCES.forEach(SolrAnalysisIT::compare);
  }

  @Test
  void everyIndexLanguageHasItsField() {
    for (String lang : Languages.indexLanguages()) {
      List<SolrAdmin.Token> tokens =
          admin.analyze(
              Configset.textField(lang), solrValue(Configset.textField(lang), "test 123"));
      assertFalse(tokens.isEmpty(), lang);
    }
  }

  /** Each field's first differing token, for every text compared. */
  private static List<String> differences(String lang, String text) {
    List<String> out = new ArrayList<>();
    for (Analysis.FieldTokens local : Analysis.analyze(text, List.of(lang), null)) {
      List<SolrAdmin.Token> solr = admin.analyze(local.field(), solrValue(local.field(), text));
      int n = Math.min(local.tokens().size(), solr.size());
      for (int i = 0; i <= n; i++) {
        String want = i < local.tokens().size() ? show(local.tokens().get(i)) : "(end)";
        String got = i < solr.size() ? show(solr.get(i)) : "(end)";
        if (!want.equals(got)) {
          out.add(local.field() + " token " + i + ": parkdoc " + want + ", Solr " + got);
          break;
        }
      }
    }
    return out;
  }

  /** What parkdoc sends Solr for {@code field}: the Korean field's tokens, else the text. */
  private static String solrValue(String field, String text) {
    String lang = io.parkdoc.core.analysis.Fields.languageOf(field);
    if (!field.equals(Configset.textField(lang)) || !Configset.preAnalyzed(lang)) {
      return text;
    }
    try (var analyzer = Languages.newAnalyzer(lang)) {
      return PreAnalyzed.json(analyzer, field, text);
    }
  }

  private static String show(Analysis.Token t) {
    return t.term() + " " + t.start() + "-" + t.end() + " @" + t.position();
  }

  private static String show(SolrAdmin.Token t) {
    return t.term() + " " + t.start() + "-" + t.end() + " @" + t.position();
  }

  private static void compare(String lang, String text) {
    for (Analysis.FieldTokens local : Analysis.analyze(text, List.of(lang), null)) {
      String field = local.field();
      List<SolrAdmin.Token> solr = admin.analyze(field, solrValue(field, text));
      List<String> want = new ArrayList<>();
      for (Analysis.Token t : local.tokens()) {
        want.add(t.term() + " " + t.start() + "-" + t.end() + " @" + t.position());
      }
      List<String> got = new ArrayList<>();
      for (SolrAdmin.Token t : solr) {
        got.add(t.term() + " " + t.start() + "-" + t.end() + " @" + t.position());
      }
      assertTrue(!want.isEmpty() || text.isBlank(), field + ": no local tokens");
      assertEquals(
          String.join("\n", want),
          String.join("\n", got),
          () ->
              field
                  + ": Solr's tokens differ from parkdoc's for "
                  + text.substring(0, Math.min(60, text.length())));
    }
  }
}
