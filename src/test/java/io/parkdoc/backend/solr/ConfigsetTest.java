package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.analysis.Languages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The generated configset, the Solr location syntax and the JSON helper, without a cluster. */
class ConfigsetTest {
  private static String file(String name) {
    return new String(Configset.files().get(name), StandardCharsets.UTF_8);
  }

  @Test
  void schemaHasATextFieldPerLanguageAndBigramsForCjk() {
    String schema = file("schema.xml");
    for (String lang : Languages.indexLanguages()) {
      assertTrue(
          schema.contains("<field name=\"text_" + lang + "\" type=\"text_" + lang + "\""), lang);
      assertEquals(
          Languages.isCjk(lang), schema.contains("<field name=\"bigram_" + lang + "\""), lang);
    }
    assertTrue(schema.contains("<uniqueKey>id</uniqueKey>"));
    assertTrue(schema.contains("<fieldType name=\"text_de\" class=\"solr.PreAnalyzedField\""));
    assertTrue(schema.contains("<fieldType name=\"text_ko\" class=\"solr.PreAnalyzedField\""));
  }

  @Test
  void solrconfigUsesExactStatistics() {
    assertTrue(
        file("solrconfig.xml")
            .contains("<statsCache class=\"org.apache.solr.search.stats.ExactStatsCache\"/>"));
  }

  @Test
  void mappingsFoldWidthAndHanVariants() {
    String width = file("width-fold.txt");
    assertTrue(width.contains("\"\\uFF2C\" => \"\\u004C\""), "Ｌ is L");
    assertTrue(width.contains("\"\\uFF76\\uFF9E\" => \"\\u30AC\""), "ｶﾞ is ガ");
    assertFalse(width.contains("\"\\u767C\""), "no Han fold in the width-only mapping");
    String han = file("han-fold.txt");
    assertTrue(han.contains("\"\\u767C\" => \"\\u53D1\""), "發 is 发");
    assertTrue(han.contains("\"\\uFF2C\" => \"\\u004C\""), "and width folded as well");
    assertTrue(file("han-fold-terms.txt").contains("發\t发\n"));
  }

  @Test
  void stopWordsSolrCannotListInOneFormatGoToTheOther() {
    // smartcn's list has both '#' (a comment in Solr's plain lists) and '|' (one in snowball lists)
    assertTrue(file("stopwords_zh_snowball.txt").lines().anyMatch("#"::equals));
    assertTrue(file("stopwords_zh.txt").lines().anyMatch("|"::equals));
    assertTrue(
        file("schema.xml").contains("words=\"stopwords_zh_snowball.txt\" format=\"snowball\""));
    assertTrue(file("stopwords_en.txt").lines().anyMatch("the"::equals));
  }

  @Test
  void zipHoldsEveryFile() throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Configset.zip()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    assertEquals(Configset.files().keySet(), names);
  }

  @Test
  void locations() {
    SolrLocation l = SolrLocation.parse("solr://127.0.0.1:8983/news", null);
    assertEquals("http://127.0.0.1:8983/solr", l.baseUrl());
    assertEquals("news", l.collection());
    assertNull(l.user());
    SolrLocation tls = SolrLocation.parse("solrs://ann:s3cret@solr.example:8984", null);
    assertEquals("https://solr.example:8984/solr", tls.baseUrl());
    assertEquals(SolrLocation.DEFAULT_COLLECTION, tls.collection());
    assertEquals("ann", tls.user());
    assertEquals("s3cret", tls.password());
    assertFalse(tls.toString().contains("s3cret"));
    assertEquals("bob", SolrLocation.parse("solr://h:1/c", "bob:pw").user());
    SolrLocation two = SolrLocation.parse("solr://a:1,b:2/c", null);
    assertEquals(List.of("a:1", "b:2"), two.nodes());
    assertEquals("solr://a:1,b:2/c", two.toString());
    assertThrows(ParkdocException.class, () -> SolrLocation.parse("solr://nohostport", null));
    assertThrows(ParkdocException.class, () -> SolrLocation.parse("solr://h:1/a/b", null));
    assertTrue(SolrLocation.isSolr("SOLR://h:1"));
    assertFalse(SolrLocation.isSolr("index"));
  }

  @Test
  void aTrustStoreThatIsNoCertificateIsOneClearError(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "not a certificate\n");
    SolrLocation tls = SolrLocation.parse("solrs://h:1/c", null);
    ParkdocException e =
        assertThrows(
            ParkdocException.class, () -> new SolrHttp(tls.withTrustStore(text.toString())));
    assertTrue(e.getMessage().startsWith("PARKDOC_SOLR_TRUSTSTORE: "), e.getMessage());
    assertTrue(e.getMessage().contains("holds no certificate"), e.getMessage());
    ParkdocException missing =
        assertThrows(
            ParkdocException.class,
            () -> new SolrHttp(tls.withTrustStore(tmp.resolve("gone.pem").toString())));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    // plain HTTP reads no trust store
    assertEquals(
        "solr://h:1/c",
        new SolrHttp(SolrLocation.parse("solr://h:1/c", null).withTrustStore(text.toString()))
            .location()
            .toString());
    assertNull(tls.withTrustStore(" ").trustStore());
  }

  @Test
  void jsonRoundTrip() {
    Object v = SolrJson.parse("{\"a\":[1,2.5,\"x\\n\\u00e9\"],\"b\":{\"c\":true,\"d\":null}}");
    assertEquals(Map.of("c", true), Map.of("c", SolrJson.map(v, "b").get("c")));
    assertEquals(List.of(1L, 2.5, "x\né"), SolrJson.list(v, "a"));
    assertEquals("{\"a\":[1,2.5,\"x\\né\"],\"b\":{\"c\":true,\"d\":null}}", SolrJson.write(v));
  }
}
