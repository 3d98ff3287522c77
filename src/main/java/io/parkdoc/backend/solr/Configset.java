package io.parkdoc.backend.solr;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.analysis.Languages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;

/**
 * The Solr configset parkdoc generates from its own analyzer definitions, so that a SolrCloud
 * collection analyses text as the local index does: one source of truth.
 *
 * <ul>
 *   <li>{@code schema.xml}: one text field per index language ({@code text_ko}, {@code text_en},
 *       ...) and the CJK bigram fields beside Korean, Japanese and Chinese, with the same analysis
 *       chains as {@link Languages}; the document's path as unique key; the bookkeeping fields.
 *   <li>{@code width-fold.txt} and {@code han-fold.txt}: parkdoc's width folding (and, for Chinese
 *       and the bigrams, its Han-variant fold) as mappings for Solr's {@code
 *       MappingCharFilterFactory}.
 *   <li>{@code han-fold-terms.txt}: the Han-variant fold inside Japanese and Korean terms, for
 *       parkdoc's Solr plugin ({@code parkdocTermFold}); stock Solr folds only before tokenizing.
 *   <li>the stop words and stop tags of the analyzers, written out of Lucene's own defaults.
 *   <li>{@code solrconfig.xml}: {@code ExactStatsCache}, so that BM25 sees the statistics of the
 *       whole collection across shards, as a single local index does.
 * </ul>
 *
 * <p>Korean and the languages without a factory chain here are the exception ({@link
 * #preAnalyzed}): Solr 9.10 brings Lucene 9.12, whose nori dictionary is older than the one in
 * parkdoc's Lucene 10 (플랫폼 is one word there, 플랫 + 폼 here) and whose analyzer classes take no char
 * filter, so parkdoc sends those fields' tokens itself ({@code PreAnalyzedField}, {@link
 * PreAnalyzed}), made by its own analyzers: the same terms, offsets and positions as the local
 * index, on a stock Solr. Stateless.
 */
public final class Configset {
  /** The name of the configset in ZooKeeper. */
  public static final String NAME = "parkdoc";

  /** The version of the schema's shape; a collection with another one must be created anew. */
  public static final int FORMAT = 2;

  /**
   * parkdoc's width fold, as its local analyzers apply it ({@code FoldingAnalyzer.WIDTH}): NFKC of
   * the width and compatibility forms only.
   */
  static final Normalizer2 WIDTH =
      new FilteredNormalizer2(
          Normalizer2.getNFKCInstance(),
          new UnicodeSet(
                  "[\\u3000\\u2460-\\u24FF\\u3200-\\u33FF\\uF900-\\uFAFF\\uFB00-\\uFB06\\uFF00-\\uFFEF]")
              .freeze());

  private static final UnicodeSet WIDTH_SET =
      new UnicodeSet(
              "[\\u3000\\u2460-\\u24FF\\u3200-\\u33FF\\uF900-\\uFAFF\\uFB00-\\uFB06\\uFF00-\\uFFEF]")
          .freeze();

  private Configset() {}

  /**
   * True for the languages whose text field parkdoc analyses itself and sends as tokens ({@code
   * PreAnalyzedField}): Korean (Solr's nori has an older dictionary) and every language without a
   * factory chain here. Solr could only run Lucene 9.12's analyzer class for those, which cannot
   * take parkdoc's width fold and is not always Lucene 10.5's (measured on xquad: Romanian, and
   * English queries among Romanian passages, ranked differently).
   */
  public static boolean preAnalyzed(String lang) {
    return switch (lang) {
      case Languages.JAPANESE, Languages.CHINESE, Languages.ENGLISH, Languages.UNDETERMINED ->
          false;
      default -> true;
    };
  }

  /** The analysed text field of index language {@code lang}, as in the local index. */
  public static String textField(String lang) {
    return Fields.text(lang);
  }

  /** The CJK bigram field beside the text field of Korean, Japanese or Chinese. */
  public static String bigramField(String lang) {
    return Fields.bigrams(lang);
  }

  /** The configset's files, by name. */
  public static Map<String, byte[]> files() {
    Map<String, String> text = new LinkedHashMap<>();
    stopWords(
        text,
        "stopwords_en",
        "English, from Lucene's EnglishAnalyzer",
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    stopWords(
        text,
        "stopwords_ja",
        "Japanese, from Lucene's JapaneseAnalyzer",
        JapaneseAnalyzer.getDefaultStopSet());
    stopWords(
        text,
        "stopwords_zh",
        "Chinese, from Lucene's SmartChineseAnalyzer",
        SmartChineseAnalyzer.getDefaultStopSet());
    text.put("solrconfig.xml", solrconfig());
    text.put("schema.xml", schema(Languages.indexLanguages(), text));
    text.put("width-fold.txt", mapping(false));
    text.put("han-fold.txt", mapping(true));
    text.put("han-fold-terms.txt", termFold());
    text.put(
        "stoptags_ja.txt",
        lines(
            "Japanese part-of-speech tags dropped, from Lucene's JapaneseAnalyzer",
            JapaneseAnalyzer.getDefaultStopTags()));
    Map<String, byte[]> out = new LinkedHashMap<>();
    text.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  /** The configset as the zip file Solr's Configsets API takes. */
  public static byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : files().entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String solrconfig() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Generated by parkdoc (io.parkdoc.backend.solr.Configset); do not edit, run 'parkdoc solr init'. -->
        <config>
          <luceneMatchVersion>9.12</luceneMatchVersion>
          <dataDir>${solr.data.dir:}</dataDir>
          <directoryFactory name="DirectoryFactory" class="${solr.directoryFactory:solr.NRTCachingDirectoryFactory}"/>
          <schemaFactory class="ClassicIndexSchemaFactory"/>
          <indexConfig>
            <ramBufferSizeMB>64</ramBufferSizeMB>
          </indexConfig>
          <updateHandler class="solr.DirectUpdateHandler2">
            <updateLog>
              <str name="dir">${solr.ulog.dir:}</str>
            </updateLog>
            <!-- parkdoc commits (and opens a searcher) at the end of each run; this only bounds the
                 transaction log of a long run. -->
            <autoCommit>
              <maxTime>60000</maxTime>
              <openSearcher>false</openSearcher>
            </autoCommit>
          </updateHandler>
          <!-- BM25 with the statistics of the whole collection, not of each shard: the same scores
               as one local index. -->
          <statsCache class="org.apache.solr.search.stats.ExactStatsCache"/>
          <query>
            <maxBooleanClauses>${solr.max.booleanClauses:4096}</maxBooleanClauses>
            <filterCache size="128" initialSize="0" autowarmCount="0"/>
            <queryResultCache size="128" initialSize="0" autowarmCount="0"/>
            <documentCache size="128" initialSize="0" autowarmCount="0"/>
            <useColdSearcher>false</useColdSearcher>
          </query>
          <requestDispatcher>
            <requestParsers enableRemoteStreaming="false" multipartUploadLimitInKB="-1" formdataUploadLimitInKB="-1"/>
            <httpCaching never304="true"/>
          </requestDispatcher>
          <!-- parkdoc's plugin: {!parkdoc}JSON runs the query parkdoc built from its own analyzers -->
          <queryParser name="parkdoc" class="io.parkdoc.solr.ParkdocQParserPlugin"/>
          <requestHandler name="/select" class="solr.SearchHandler">
            <lst name="defaults">
              <str name="echoParams">none</str>
              <str name="wt">json</str>
            </lst>
          </requestHandler>
        </config>
        """;
  }

  static String schema(Collection<String> languages, Map<String, String> files) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Generated by parkdoc (io.parkdoc.backend.solr.Configset); do not edit, run 'parkdoc solr init'. -->
        <schema name="parkdoc-%d" version="1.6">
          <uniqueKey>id</uniqueKey>
          <similarity class="solr.SchemaSimilarityFactory"/>

          <fieldType name="string" class="solr.StrField" sortMissingLast="true"/>
          <fieldType name="plong" class="solr.LongPointField"/>

          <field name="_version_" type="plong" indexed="false" stored="false" docValues="true"/>
          <field name="_root_" type="string" indexed="true" stored="false" docValues="false"/>
          <!-- one Solr document per file and language, as in the local index: the id routes every
               part of a file to one shard (hash!hash-lang), so that a search collapses them there -->
          <field name="id" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="path" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="lang" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="ilang" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="mainlang" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="main" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="langs" type="string" indexed="false" stored="true"/>
          <field name="parts" type="plong" indexed="false" stored="true" docValues="true"/>
          <field name="title" type="string" indexed="false" stored="true"/>
          <field name="size" type="plong" indexed="false" stored="true" docValues="true"/>
          <field name="mtime" type="plong" indexed="false" stored="true" docValues="true"/>
          <field name="hash" type="string" indexed="false" stored="true" docValues="true"/>
          <field name="encoding" type="string" indexed="false" stored="true"/>
          <!-- a collection's own records (its format, the indexing lock) -->
          <field name="kind" type="string" indexed="true" stored="true" docValues="true"/>
          <field name="owner" type="string" indexed="false" stored="true"/>
          <field name="until" type="plong" indexed="false" stored="true" docValues="true"/>

        """
            .formatted(FORMAT));
    for (String lang : languages) {
      sb.append(fieldType(lang, files));
      sb.append("  <field name=\"")
          .append(textField(lang))
          .append("\" type=\"text_")
          .append(lang)
          .append("\" indexed=\"true\" stored=\"true\" storeOffsetsWithPositions=\"true\"/>\n");
      if (Languages.isCjk(lang)) {
        sb.append("  <field name=\"")
            .append(bigramField(lang))
            .append(
                "\" type=\"bigram\" indexed=\"true\" stored=\"false\" storeOffsetsWithPositions=\"true\"/>\n");
      }
      sb.append('\n');
    }
    sb.append(
        """
          <!-- CJK bigrams beside Korean, Japanese and Chinese: width- and Han-variant-folded -->
          <fieldType name="bigram" class="solr.TextField" positionIncrementGap="100">
            <analyzer>
              <charFilter name="mapping" mapping="han-fold.txt"/>
              <tokenizer name="standard"/>
              <filter name="cjkWidth"/>
              <filter name="lowercase"/>
              <filter name="cjkBigram"/>
            </analyzer>
          </fieldType>
        </schema>
        """);
    return sb.toString();
  }

  /** The field type of one language, as {@link Languages#newAnalyzer} builds its analyzer. */
  static String fieldType(String lang, Map<String, String> files) {
    String chain =
        switch (lang) {
          case Languages.JAPANESE ->
              """
              <charFilter name="mapping" mapping="width-fold.txt"/>
              <charFilter name="cjkWidth"/>
              <tokenizer name="japanese" mode="search" discardPunctuation="true" discardCompoundToken="true"/>
              <filter name="japaneseBaseForm"/>
              <filter name="japanesePartOfSpeechStop" tags="stoptags_ja.txt"/>
              %s              <filter name="japaneseKatakanaStem" minimumLength="%d"/>
              <filter name="lowercase"/>
              <filter name="parkdocTermFold" mapping="han-fold-terms.txt"/>
          """
                  .formatted(
                      stopFilters("stopwords_ja", files),
                      JapaneseKatakanaStemFilter.DEFAULT_MINIMUM_LENGTH);
          case Languages.CHINESE ->
              """
              <charFilter name="mapping" mapping="han-fold.txt"/>
              <tokenizer name="hmmChinese"/>
              <filter name="porterStem"/>
              %s
          """
                  .formatted(stopFilters("stopwords_zh", files));
          case Languages.ENGLISH ->
              """
              <charFilter name="mapping" mapping="width-fold.txt"/>
              <tokenizer name="standard"/>
              <filter name="englishPossessive"/>
              <filter name="lowercase"/>
              %s
              <filter name="porterStem"/>
          """
                  .formatted(stopFilters("stopwords_en", files));
          case Languages.UNDETERMINED ->
              """
              <charFilter name="mapping" mapping="width-fold.txt"/>
              <tokenizer name="standard"/>
              <filter name="lowercase"/>
          """;
          default -> null;
        };
    String open =
        "  <fieldType name=\"text_"
            + lang
            + "\" class=\"solr.TextField\" positionIncrementGap=\"100\">\n";
    if (preAnalyzed(lang)) {
      return "  <fieldType name=\"text_"
          + lang
          + "\" class=\"solr.PreAnalyzedField\" parserImpl=\"json\"/>\n";
    }
    return open + "    <analyzer>\n" + chain.indent(2) + "    </analyzer>\n  </fieldType>\n";
  }

  /**
   * Width fold (and with {@code han}, the Han-variant fold after it) as MappingCharFilter rules.
   */
  static String mapping(boolean han) {
    TreeMap<String, String> rules = new TreeMap<>();
    List<String> inSet = new ArrayList<>();
    for (UnicodeSetIterator it = new UnicodeSetIterator(WIDTH_SET); it.next(); ) {
      inSet.add(it.getString());
    }
    for (String c : inSet) {
      String folded = fold(WIDTH.normalize(c), han);
      if (!folded.equals(c)) {
        rules.put(c, folded);
      }
    }
    // Pairs the normalizer composes (half-width kana and their voicing marks: ｶﾞ is ガ).
    for (String a : inSet) {
      for (String b : List.of("\uFF9E", "\uFF9F")) {
        String together = WIDTH.normalize(a + b);
        if (!together.equals(WIDTH.normalize(a) + WIDTH.normalize(b))) {
          rules.put(a + b, fold(together, han));
        }
      }
    }
    if (han) {
      for (char c = 0x3400; c <= 0xFAFF; c++) {
        String s = String.valueOf(c);
        if (!rules.containsKey(s) && HanVariants.toSimplified(c) != c) {
          rules.put(s, String.valueOf(HanVariants.toSimplified(c)));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by parkdoc: ")
        .append(
            han
                ? "width fold, then Han-variant fold to Simplified"
                : "width fold (NFKC of width and compatibility forms)")
        .append(", for MappingCharFilterFactory.\n");
    rules.forEach(
        (k, v) ->
            sb.append('"').append(escape(k)).append("\" => \"").append(escape(v)).append("\"\n"));
    return sb.toString();
  }

  private static String fold(String s, boolean han) {
    return han ? HanVariants.toSimplified(s) : s;
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      sb.append(String.format("\\u%04X", (int) s.charAt(i)));
    }
    return sb.toString();
  }

  /** The Han-variant fold, character for character, for the plugin's term filter. */
  static String termFold() {
    StringBuilder sb =
        new StringBuilder(
            "# Generated by parkdoc: Han-variant fold to Simplified inside terms (parkdocTermFold).\n");
    for (char c = 0x3400; c <= 0xFAFF; c++) {
      char to = HanVariants.toSimplified(c);
      if (to != c) {
        sb.append(c).append('\t').append(to).append('\n');
      }
    }
    return sb.toString();
  }

  /** A stop set as Solr word lists: see {@link #stopFilters}. */
  private static void stopWords(
      Map<String, String> files, String name, String what, CharArraySet set) {
    List<String> plain = new ArrayList<>();
    List<String> snowball = new ArrayList<>();
    for (Object o : set) {
      String w = o instanceof char[] chars ? new String(chars) : o.toString();
      if (!w.startsWith("#") && w.trim().equals(w) && !w.isEmpty()) {
        plain.add(w);
      } else if (!w.contains("|") && !w.matches(".*\\s.*") && !w.isEmpty()) {
        snowball.add(w);
      } else {
        throw new IllegalStateException(
            "cannot write the stop word '" + w + "' to a Solr word list");
      }
    }
    files.put(name + ".txt", lines(what, plain));
    if (!snowball.isEmpty()) {
      sortAndCheck(snowball);
      files.put(
          name + "_snowball.txt",
          "| Generated by parkdoc: "
              + what
              + ", the words Solr's plain word lists cannot hold.\n"
              + String.join("\n", snowball)
              + "\n");
    }
  }

  /**
   * The stop filters of a word list: Solr's plain list cannot hold a word starting with # (a
   * comment there), nor its snowball list one with | (smartcn's punctuation has both), so such
   * words go to a second list in the other format and a second filter; two stop filters in a row
   * drop the same tokens, with the same position gaps, as one.
   */
  private static String stopFilters(String name, Map<String, String> files) {
    String f = "<filter name=\"stop\" words=\"" + name + ".txt\"/>\n";
    if (files.containsKey(name + "_snowball.txt")) {
      f += "<filter name=\"stop\" words=\"" + name + "_snowball.txt\" format=\"snowball\"/>\n";
    }
    return f;
  }

  private static void sortAndCheck(List<String> words) {
    words.sort(null);
  }

  private static String lines(String what, Collection<String> items) {
    List<String> sorted = new ArrayList<>(items);
    sorted.sort(null);
    StringBuilder sb = new StringBuilder("# Generated by parkdoc: " + what + ".\n");
    for (String w : sorted) {
      if (w.isEmpty() || w.startsWith("#") || !w.trim().equals(w) || w.contains("\n")) {
        throw new IllegalStateException(
            "cannot write the stop word '" + w + "' to a Solr word list");
      }
      sb.append(w).append('\n');
    }
    return sb.toString();
  }
}
