package io.parkdoc.core.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * The languages parkdoc indexes, each with the Lucene analyzer of its index.
 *
 * <p>Codes are ISO 639-1, except {@code zh-Hans} and {@code zh-Hant}, which parkdoc records per
 * document but indexes together in one {@code zh} index, and {@code und} (undetermined) for text
 * with no letters a detector could judge. Analyzers are created on demand: the CJK dictionaries
 * take a noticeable fraction of a second to load. Thread-safe.
 */
public final class Languages {
  public static final String KOREAN = "ko";
  public static final String JAPANESE = "ja";
  public static final String CHINESE = "zh";
  public static final String SIMPLIFIED_CHINESE = "zh-Hans";
  public static final String TRADITIONAL_CHINESE = "zh-Hant";
  public static final String ENGLISH = "en";
  public static final String UNDETERMINED = "und";

  private static final Map<String, Supplier<Analyzer>> ANALYZERS = new LinkedHashMap<>();
  private static final Map<String, String> ANALYZER_NAMES = new LinkedHashMap<>();

  static {
    // KoreanAnalyzer and JapaneseAnalyzer on dictionaries that load in a fraction of the time.
    addFolded(
        KOREAN,
        "nori (KoreanAnalyzer), Han variants folded in terms",
        () -> new FoldingAnalyzer(Dictionaries.korean(), FoldingAnalyzer.HanFold.TERMS));
    addFolded(
        JAPANESE,
        "kuromoji (JapaneseAnalyzer, search mode), Han variants folded in terms",
        () -> new FoldingAnalyzer(Dictionaries.japanese(), FoldingAnalyzer.HanFold.TERMS));
    addFolded(
        CHINESE,
        "smartcn (SmartChineseAnalyzer) on text with Han variants folded to Simplified",
        () -> {
          SmartcnDictionaries.install(); // its dictionaries from a plain copy: 150 ms sooner
          return new FoldingAnalyzer(
              new SmartChineseAnalyzer(), FoldingAnalyzer.HanFold.BEFORE_TOKENIZER);
        });
    add(ENGLISH, "EnglishAnalyzer", EnglishAnalyzer::new);
    add("ar", "ArabicAnalyzer", ArabicAnalyzer::new);
    add("bg", "BulgarianAnalyzer", BulgarianAnalyzer::new);
    add("bn", "BengaliAnalyzer", BengaliAnalyzer::new);
    add("ca", "CatalanAnalyzer", CatalanAnalyzer::new);
    add("cs", "CzechAnalyzer", CzechAnalyzer::new);
    add("da", "DanishAnalyzer", DanishAnalyzer::new);
    add("de", "GermanAnalyzer", GermanAnalyzer::new);
    add("el", "GreekAnalyzer", GreekAnalyzer::new);
    add("es", "SpanishAnalyzer", SpanishAnalyzer::new);
    add("et", "EstonianAnalyzer", EstonianAnalyzer::new);
    add("eu", "BasqueAnalyzer", BasqueAnalyzer::new);
    add("fa", "PersianAnalyzer", PersianAnalyzer::new);
    add("fi", "FinnishAnalyzer", FinnishAnalyzer::new);
    add("fr", "FrenchAnalyzer", FrenchAnalyzer::new);
    add("ga", "IrishAnalyzer", IrishAnalyzer::new);
    add("gl", "GalicianAnalyzer", GalicianAnalyzer::new);
    add("hi", "HindiAnalyzer", HindiAnalyzer::new);
    add("hu", "HungarianAnalyzer", HungarianAnalyzer::new);
    add("hy", "ArmenianAnalyzer", ArmenianAnalyzer::new);
    add("id", "IndonesianAnalyzer", IndonesianAnalyzer::new);
    add("it", "ItalianAnalyzer", ItalianAnalyzer::new);
    add("lt", "LithuanianAnalyzer", LithuanianAnalyzer::new);
    add("lv", "LatvianAnalyzer", LatvianAnalyzer::new);
    add("ne", "NepaliAnalyzer", NepaliAnalyzer::new);
    add("nl", "DutchAnalyzer", DutchAnalyzer::new);
    add("no", "NorwegianAnalyzer", NorwegianAnalyzer::new);
    add("pl", "PolishAnalyzer (stempel)", org.apache.lucene.analysis.pl.PolishAnalyzer::new);
    add("pt", "PortugueseAnalyzer", PortugueseAnalyzer::new);
    add("ro", "RomanianAnalyzer", RomanianAnalyzer::new);
    add("ru", "RussianAnalyzer", RussianAnalyzer::new);
    // Serbo-Croatian: the detector's Croatian and Bosnian go here too (Latin and Cyrillic alike).
    add("sr", "SerbianAnalyzer", SerbianAnalyzer::new);
    add("sv", "SwedishAnalyzer", SwedishAnalyzer::new);
    add("ta", "TamilAnalyzer", TamilAnalyzer::new);
    add("te", "TeluguAnalyzer", TeluguAnalyzer::new);
    add("th", "ThaiAnalyzer", ThaiAnalyzer::new);
    add("tr", "TurkishAnalyzer", TurkishAnalyzer::new);
    add(
        "uk",
        "UkrainianMorfologikAnalyzer (morfologik)",
        org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer::new);
    add(UNDETERMINED, "StandardAnalyzer", StandardAnalyzer::new);
  }

  private Languages() {}

  /** Every analyzer reads NFKC-folded text (full-width Latin and digits, half-width kana). */
  private static void add(String code, String name, Supplier<Analyzer> factory) {
    addFolded(code, name, () -> new FoldingAnalyzer(factory.get(), FoldingAnalyzer.HanFold.NONE));
  }

  /** An analyzer that sets up its own folding (the CJK ones also fold Han variants). */
  private static void addFolded(String code, String name, Supplier<Analyzer> factory) {
    ANALYZERS.put(code, factory);
    ANALYZER_NAMES.put(code, name + ", width-folded");
  }

  /** Every index-language code, in a stable order (CJK and English first). */
  public static Set<String> indexLanguages() {
    return ANALYZERS.keySet();
  }

  /**
   * The index a document of language {@code lang} goes to: {@code zh-Hans}/{@code zh-Hant} share
   * {@code zh}.
   */
  public static String indexLanguage(String lang) {
    if (lang == null) {
      return UNDETERMINED;
    }
    String code = lang.toLowerCase(Locale.ROOT);
    if (code.startsWith("zh")) {
      return CHINESE;
    }
    return ANALYZERS.containsKey(code) ? code : UNDETERMINED;
  }

  /**
   * True for a code {@code --lang} accepts: an index language, {@code zh-Hans} or {@code zh-Hant}.
   */
  public static boolean isKnown(String lang) {
    return lang != null
        && (ANALYZERS.containsKey(lang.toLowerCase(Locale.ROOT))
            || lang.equalsIgnoreCase(SIMPLIFIED_CHINESE)
            || lang.equalsIgnoreCase(TRADITIONAL_CHINESE));
  }

  /** The canonical spelling of a known code ({@code ZH-hant} becomes {@code zh-Hant}). */
  public static String canonical(String lang) {
    String code = lang.toLowerCase(Locale.ROOT);
    return switch (code) {
      case "zh-hans" -> SIMPLIFIED_CHINESE;
      case "zh-hant" -> TRADITIONAL_CHINESE;
      default -> code;
    };
  }

  /**
   * True for the languages written in Han characters or Hangul, which want bigram-aware handling.
   */
  public static boolean isCjk(String indexLang) {
    return KOREAN.equals(indexLang) || JAPANESE.equals(indexLang) || CHINESE.equals(indexLang);
  }

  /** A new analyzer for index language {@code indexLang}. */
  public static Analyzer newAnalyzer(String indexLang) {
    Supplier<Analyzer> factory = ANALYZERS.get(indexLang);
    if (factory == null) {
      throw new IllegalArgumentException("no analyzer for language " + indexLang);
    }
    return factory.get();
  }

  /**
   * A new analyzer for the CJK bigram field beside a Korean, Japanese or Chinese text field:
   * overlapping pairs of Han, kana and Hangul characters, width- and Han-variant-folded, so
   * substrings the morphological analyzers never produce (科学城 inside 北湖未来科学城) still match,
   * whichever way each side writes them.
   */
  public static Analyzer newBigramAnalyzer(String indexLang) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new CJKWidthFilter(source);
        result = new LowerCaseFilter(result);
        result = new CJKBigramFilter(result);
        return new TokenStreamComponents(source, result);
      }

      @Override
      protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        // The same folds as the language field: width (NFKC) and Han variants, so a bigram of
        // 發展 and one of 発展 are the same term.
        return new FoldingAnalyzer.HanFoldCharFilter(
            new org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter(
                reader, FoldingAnalyzer.WIDTH));
      }

      @Override
      protected java.io.Reader initReaderForNormalization(String fieldName, java.io.Reader reader) {
        return initReader(fieldName, reader);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
      }
    };
  }

  /** A human-readable name of the analyzer used for {@code indexLang}, recorded in the manifest. */
  public static String analyzerName(String indexLang) {
    return ANALYZER_NAMES.getOrDefault(indexLang, "?");
  }
}
