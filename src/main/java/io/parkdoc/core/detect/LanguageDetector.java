package io.parkdoc.core.detect;

import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.analysis.Languages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Detects the language of a text, paragraph by paragraph and as a whole.
 *
 * <p>The text is cut into paragraphs at blank lines (a paragraph over {@value #LONG_PARAGRAPH}
 * chars is cut at its line breaks too). Each paragraph is judged by its script first, which is
 * exact and needs no model: Hangul makes Korean ({@code ko}); kana makes Japanese ({@code ja}); Han
 * without kana makes Chinese, Simplified ({@code zh-Hans}) or Traditional ({@code zh-Hant}) by the
 * majority of the characters {@link HanVariants} can tell apart, unless the text's other paragraphs
 * are mostly Japanese, in which case it is Japanese too. Greek, Armenian, Thai, Bengali, Tamil and
 * Telugu letters each have one index language. Latin, Cyrillic, Arabic and Devanagari paragraphs go
 * to OpenNLP's statistical detector ({@code langdetect-183.bin}), restricted to the languages of
 * {@link Languages#indexLanguages()} written in that script. Scripts without an index language, and
 * text the model clearly gives to a language parkdoc has no analyzer for (Polish, Ukrainian,
 * Vietnamese...), are {@code und}.
 *
 * <p>For the model, each paragraph is read once; the evidence of all paragraphs of a script adds up
 * to a document-level verdict, which is far steadier than one made on a short paragraph. Paragraphs
 * of fewer than {@value #MIN_OWN_LETTERS} letters take that verdict; a longer one keeps a language
 * of its own only if the model prefers it {@value #OVERRIDE_RATIO} times over the document's, so a
 * mixed file keeps its English paragraphs without headings flipping to a neighbouring language.
 * Tokens that look like code (paths, options, identifiers, URLs) are not evidence of any language
 * and are ignored.
 *
 * <p>The 10 MB model is read lazily, the first time some text needs it (about half a second):
 * Korean, Japanese and Chinese text never loads it (see {@link #modelLoaded()}). Work stays bounded
 * on huge texts: the script count is one pass over the chars, and the model reads at most {@value
 * #MODEL_CHARS_PER_PARAGRAPH} chars of a paragraph and about {@value #MODEL_BUDGET_CHARS} chars per
 * script and text, from paragraphs sampled evenly; the others take the document's verdict.
 *
 * <p>Thread-safe: an instance keeps no per-call state, and OpenNLP's {@code LanguageDetectorME}
 * writes no fields while predicting (checked for opennlp-tools 2.5.6), so one is shared by all
 * threads once loaded. The model itself is {@link DetectorModel}.
 *
 * <p>Why this file is longer than 500 lines: the paragraph cutting, the script rules and the
 * document-level vote over paragraphs are one algorithm whose steps share the {@code Piece} records
 * and tuning constants above; split across files they would need those made public to the package
 * for no reader's gain. Per-segment indexing (mixed-language documents) will take the segmenting
 * part into a class of its own when it changes it.
 */
public final class LanguageDetector {
  /** A paragraph longer than this (chars) is cut at its line breaks as well. */
  static final int LONG_PARAGRAPH = 4_096;

  /** A line longer than this (chars) is cut at whitespace, so no piece is unbounded. */
  static final int MAX_PIECE = 16_384;

  /** Chars of one paragraph the model reads: a kilobyte settles a paragraph's language. */
  static final int MODEL_CHARS_PER_PARAGRAPH = 1_024;

  /** About how many chars per script and text the model reads; more are sampled. */
  static final int MODEL_BUDGET_CHARS = 32_768;

  /** Below this many letters a paragraph is too short for a verdict of its own. */
  static final int MIN_OWN_LETTERS = 40;

  /**
   * Chars of a Latin-script text's paragraphs the model reads before a paragraph whose stop words
   * agree with every verdict so far is taken without reading it (see {@link #decideGroup}).
   */
  static final int VOUCH_AFTER_CHARS = 256;

  /** Stop words a paragraph needs before it can be vouched for. */
  static final int VOUCH_MIN_STOPWORDS = 3;

  /** How much likelier a paragraph's own language must be than the document's to be kept. */
  static final double OVERRIDE_RATIO = 2.0;

  /**
   * How much likelier a language without an index must be than the best index language before the
   * text is called {@code und}: on short text the model's first guess is often noise.
   */
  static final double FOREIGN_RATIO = 2.0;

  /**
   * Letters the alphabet of a language lacks. Text using them often (at least one letter in {@value
   * #ALPHABET_EVIDENCE}, so a quoted name does not count) is not in that language: the model
   * hesitates between Russian and Bulgarian on a short sentence, but Bulgarian has no ы or э, and
   * Serbian not even я or й; Portuguese has no ñ, Spanish no ã or ç.
   */
  static final Map<String, String> MISSING_LETTERS =
      Map.of(
          "ru", "ђјљњћџіїєґў",
          "bg", "ыэё",
          "uk", "ыэъё",
          "sr", "йщъьыэюяё",
          "pt", "ñ",
          "es", "ãõçàèòâêôœ",
          "gl", "ãõçàèòâêôœ",
          "ca", "ñáãõâêôœ",
          "it", "ñãõçâêôœ",
          "fr", "ñãõáíóúìò");

  static final String[] MISSING_LANGUAGES =
      MISSING_LETTERS.keySet().stream().sorted().toArray(String[]::new);

  static final int ALPHABET_EVIDENCE = 200;

  /**
   * The alphabet rule is for short text, where the model hesitates between neighbours; on longer
   * text the model knows better, and a table of accented letters must not rule out every Romance
   * language at once.
   */
  static final int ALPHABET_MAX_LETTERS = 500;

  /** Characters that make a token code rather than prose, see {@link #codeLike}. */
  private static final String CODE_CHARS = "/\\_@=<>{}[]$#|~^*+%&";

  static final String MODEL_RESOURCE = "langdetect-183.bin";

  /**
   * A CJK character in alphabetic letters: a Hangul syllable carries as much text as about 2.4
   * English letters, a Japanese character 2.0 and a Chinese one 3.1 (measured on the parallel
   * LibreOffice help; kanji carry more than kana). Letters of other scripts count 1.
   */
  private static final double HANGUL_WEIGHT = 2.5;

  private static final double KANA_WEIGHT = 1.5;
  private static final double HAN_WEIGHT = 3.0;

  /** The scripts the first pass tells apart. */
  enum Script {
    HANGUL(null),
    KANA(null),
    HAN(null),
    LATIN(null),
    CYRILLIC(null),
    ARABIC(null),
    DEVANAGARI(null),
    GREEK("el"),
    ARMENIAN("hy"),
    THAI("th"),
    BENGALI("bn"),
    TAMIL("ta"),
    TELUGU("te"),
    OTHER(Languages.UNDETERMINED);

    /** The language a script decides by itself; null for CJK and the statistical scripts. */
    final String fixedLang;

    Script(String fixedLang) {
      this.fixedLang = fixedLang;
    }

    boolean cjk() {
      return this == HANGUL || this == KANA || this == HAN;
    }

    boolean statistical() {
      return this == LATIN || this == CYRILLIC || this == ARABIC || this == DEVANAGARI;
    }
  }

  private static final Script[] SCRIPTS = Script.values();

  /** The script each index language the model decides is written in (Serbian in two). */
  static final Map<String, List<Script>> LANGUAGE_SCRIPTS = languageScripts();

  /**
   * OpenNLP labels mapped to the index language that serves them, where {@link
   * Locale#getISO3Language()} does not give it: individual languages of a macrolanguage (Standard
   * Estonian, Iranian Persian, the two written Norwegians), and languages the model cannot tell
   * from an index language whose analyzer serves them about as well: Malay, and the Sundanese and
   * Javanese labels that claim half of all Indonesian pages, for Indonesian; Croatian and Bosnian,
   * the Latin-script standards of Serbo-Croatian, for Serbian.
   */
  static final Map<String, String> LABEL_ALIASES =
      Map.ofEntries(
          Map.entry("ekk", "et"),
          Map.entry("lvs", "lv"),
          Map.entry("pes", "fa"),
          Map.entry("nob", "no"),
          Map.entry("nno", "no"),
          Map.entry("msa", "id"),
          Map.entry("sun", "id"),
          Map.entry("jav", "id"),
          Map.entry("hrv", "sr"),
          Map.entry("bos", "sr"));

  /**
   * Prior weights of the index languages the model decides. The model was trained on balanced data,
   * so on a short sentence it hesitates between close neighbours (Spanish and Galician, Portuguese
   * and Galician, Russian and Bulgarian) about evenly; documents in the widely used languages are
   * far more common, so the others must be somewhat likelier to win. On a page of text the model's
   * margins are much larger than this prior.
   */
  static final double MINOR_PRIOR = 0.85;

  static final Set<String> MAJOR_LANGUAGES = Set.of("en", "de", "fr", "es", "pt", "it", "nl", "ru");

  private volatile DetectorModel model;

  public LanguageDetector() {}

  /**
   * True once this detector has needed the statistical model: only text outside CJK scripts does.
   */
  public boolean modelLoaded() {
    return model != null;
  }

  /**
   * Detects the language of a whole document, with per-paragraph segments.
   *
   * <p>Every paragraph votes for its language with its letters (a Hangul, kana or Han character
   * counting as {@value #HANGUL_WEIGHT}, {@value #KANA_WEIGHT} or {@value #HAN_WEIGHT} letters)
   * times its certainty; a paragraph of a single word (a function name, a menu label) does not
   * vote. Certainty is 1 for a script decision, and for a model decision the margin {@code 1 -
   * p2/p1} of the chosen language's probability {@code p1} over the runner-up's {@code p2}, which
   * is small for code and short lines and near 1 for prose. The document's language is the one with
   * the most votes, and its confidence is its votes divided by all voting letters: it grows with
   * the language's share of the text and with the detector's certainty, and is 0 for text without
   * letters.
   *
   * <p>Segments cover the text from the first to the last non-blank char of their paragraphs; blank
   * lines between segments belong to none. A paragraph without letters (numbers, rules) joins the
   * language of the paragraph before it.
   *
   * @param text the whole text; offsets in the result are char offsets into it
   */
  public Detection detect(CharSequence text) {
    List<Piece> pieces = split(text);
    if (pieces.isEmpty()) {
      return new Detection(Languages.UNDETERMINED, 0.0, List.of());
    }
    for (Piece piece : pieces) {
      count(text, piece);
    }
    decideByScript(pieces);
    decideStatistical(text, pieces);
    fillLetterless(pieces);
    return summarize(pieces);
  }

  // ---------------------------------------------------------------------------------------------
  // Splitting

  /** One paragraph (or line of a long paragraph), trimmed, with its script counts and verdict. */
  private static final class Piece {
    final int start;
    final int end;
    final int[] counts = new int[SCRIPTS.length];
    int traditional;
    int simplified;
    int letters;
    double weight;
    double vote;
    Script script;
    String lang;
    double certainty;

    Piece(int start, int end) {
      this.start = start;
      this.end = end;
    }
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  /** Paragraphs at blank lines; long ones at line breaks; over-long lines at whitespace. */
  private static List<Piece> split(CharSequence text) {
    List<Piece> pieces = new ArrayList<>();
    int n = text.length();
    int paraStart = -1;
    int paraEnd = -1;
    int lineStart = 0;
    while (lineStart < n) {
      int lineEnd = lineStart;
      boolean isBlank = true;
      while (lineEnd < n && text.charAt(lineEnd) != '\n') {
        if (isBlank && !blank(text.charAt(lineEnd))) {
          isBlank = false;
        }
        lineEnd++;
      }
      if (isBlank) {
        if (paraStart >= 0) {
          addParagraph(text, paraStart, paraEnd, pieces);
          paraStart = -1;
        }
      } else {
        if (paraStart < 0) {
          paraStart = lineStart;
        }
        paraEnd = lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    if (paraStart >= 0) {
      addParagraph(text, paraStart, paraEnd, pieces);
    }
    return pieces;
  }

  private static void addParagraph(CharSequence text, int start, int end, List<Piece> out) {
    if (end - start <= LONG_PARAGRAPH) {
      addTrimmed(text, start, end, out);
      return;
    }
    int lineStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '\n') {
        addLine(text, lineStart, i, out);
        lineStart = i + 1;
      }
    }
  }

  private static void addLine(CharSequence text, int start, int end, List<Piece> out) {
    while (end - start > MAX_PIECE) {
      int cut = start + MAX_PIECE;
      // Prefer a cut at whitespace within the last KB, so no word is split in two.
      for (int i = cut; i > cut - 1024; i--) {
        if (blank(text.charAt(i))) {
          cut = i;
          break;
        }
      }
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      addTrimmed(text, start, cut, out);
      start = cut;
    }
    addTrimmed(text, start, end, out);
  }

  private static void addTrimmed(CharSequence text, int start, int end, List<Piece> out) {
    while (start < end && blank(text.charAt(start))) {
      start++;
    }
    while (end > start && blank(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      out.add(new Piece(start, end));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Script counting: one pass over the chars of each piece.

  private static void count(CharSequence text, Piece piece) {
    int[] counts = piece.counts;
    int tokens = 0;
    int i = piece.start;
    while (i < piece.end) {
      if (blank(text.charAt(i))) {
        i++;
        continue;
      }
      int tokenEnd = i;
      while (tokenEnd < piece.end && !blank(text.charAt(tokenEnd))) {
        tokenEnd++;
      }
      tokens++;
      boolean code = codeLike(text, i, tokenEnd);
      for (; i < tokenEnd; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          if (!code && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            counts[Script.LATIN.ordinal()]++;
          }
          continue;
        }
        int cp = c;
        if (Character.isHighSurrogate(c) && i + 1 < tokenEnd) {
          char low = text.charAt(i + 1);
          if (Character.isLowSurrogate(low)) {
            cp = Character.toCodePoint(c, low);
            i++;
          }
        }
        // Fast paths for the big CJK blocks; everything else asks Unicode.
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
          counts[Script.HANGUL.ordinal()]++;
        } else if (cp >= 0x4E00 && cp <= 0x9FFF) {
          counts[Script.HAN.ordinal()]++;
          countVariant(piece, c);
        } else if (Character.isLetter(cp)) {
          Script script = scriptOf(cp);
          if (script == Script.LATIN && code) {
            continue;
          }
          counts[script.ordinal()]++;
          if (script == Script.HAN && cp <= 0xFFFF) {
            countVariant(piece, c);
          }
        }
      }
    }
    int cjk = 0;
    int other = 0;
    for (Script s : SCRIPTS) {
      if (s.cjk()) {
        cjk += counts[s.ordinal()];
      } else {
        other += counts[s.ordinal()];
      }
    }
    piece.letters = cjk + other;
    piece.weight = cjkWeight(counts) + other;
    // One word on its own (a function name, a menu label) says little about the language a
    // document is written in, and translated documents are full of English ones.
    piece.vote = cjk == 0 && tokens == 1 ? 0 : piece.weight;
  }

  private static void countVariant(Piece piece, char c) {
    if (HanVariants.isTraditionalOnly(c)) {
      piece.traditional++;
    } else if (HanVariants.isSimplifiedOnly(c)) {
      piece.simplified++;
    }
  }

  /**
   * True for a token that looks like code rather than prose: a path, an option, an identifier
   * ({@code sys_filename}, {@code fileUrlToSystemPath}, {@code --report}, {@code /usr/lib}), a URL
   * or an e-mail address. Its Latin letters are not evidence of any language, and translated
   * manuals are full of them.
   */
  private static boolean codeLike(CharSequence text, int start, int end) {
    boolean previousLower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
      if (c < 0x80 && CODE_CHARS.indexOf(c) >= 0) {
        return true;
      }
      if (i > start && c == '-' && text.charAt(i - 1) == '-') {
        return true;
      }
      boolean lower = Character.isLowerCase(c);
      if (previousLower && Character.isUpperCase(c)) {
        return true;
      }
      previousLower = lower;
    }
    return false;
  }

  /** The CJK letters of a piece in alphabetic letters, see {@link #HANGUL_WEIGHT}. */
  private static double cjkWeight(int[] counts) {
    return HANGUL_WEIGHT * counts[Script.HANGUL.ordinal()]
        + KANA_WEIGHT * counts[Script.KANA.ordinal()]
        + HAN_WEIGHT * counts[Script.HAN.ordinal()];
  }

  private static Script scriptOf(int cp) {
    return switch (Character.UnicodeScript.of(cp)) {
      case HANGUL -> Script.HANGUL;
      case HIRAGANA, KATAKANA -> Script.KANA;
      case HAN -> Script.HAN;
      case LATIN -> Script.LATIN;
      case CYRILLIC -> Script.CYRILLIC;
      case ARABIC -> Script.ARABIC;
      case DEVANAGARI -> Script.DEVANAGARI;
      case GREEK -> Script.GREEK;
      case ARMENIAN -> Script.ARMENIAN;
      case THAI -> Script.THAI;
      case BENGALI -> Script.BENGALI;
      case TAMIL -> Script.TAMIL;
      case TELUGU -> Script.TELUGU;
      default -> Script.OTHER;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Script rule

  private static void decideByScript(List<Piece> pieces) {
    double japanese = 0;
    double hanOnly = 0;
    long traditional = 0;
    long simplified = 0;
    for (Piece p : pieces) {
      if (p.letters == 0) {
        continue;
      }
      int[] c = p.counts;
      int hangul = c[Script.HANGUL.ordinal()];
      int kana = c[Script.KANA.ordinal()];
      int han = c[Script.HAN.ordinal()];
      double cjk = cjkWeight(c);
      if (cjk >= p.weight - cjk) {
        p.certainty = 1.0;
        // A Korean name in a Japanese or Chinese text must not make it Korean, nor a stray
        // kana (a shop name) a long Chinese paragraph Japanese: hence the small proportions.
        if (hangul > 0 && hangul >= kana && hangul * 4 >= han) {
          p.script = Script.HANGUL;
          p.lang = Languages.KOREAN;
        } else if (kana > 0 && kana * 10 >= han) {
          p.script = Script.KANA;
          p.lang = Languages.JAPANESE;
          japanese += p.weight;
        } else {
          p.script = Script.HAN;
          hanOnly += p.weight;
          traditional += p.traditional;
          simplified += p.simplified;
        }
      } else {
        Script best = Script.LATIN;
        for (Script s : SCRIPTS) {
          if (!s.cjk() && c[s.ordinal()] > c[best.ordinal()]) {
            best = s;
          }
        }
        if (best == Script.LATIN) {
          // Latin names and acronyms fill Thai, Greek or Russian text ("NFL (Los Angeles Rams)"),
          // the reverse hardly happens: another script with a sixth of the Latin letters wins.
          Script other = null;
          for (Script s : SCRIPTS) {
            if (!s.cjk()
                && s != Script.LATIN
                && s != Script.OTHER
                && c[s.ordinal()] * 6 >= c[Script.LATIN.ordinal()]
                && c[s.ordinal()] > 0
                && (other == null || c[s.ordinal()] > c[other.ordinal()])) {
              other = s;
            }
          }
          if (other != null) {
            best = other;
          }
        }
        p.script = best;
        if (best.fixedLang != null) {
          p.lang = best.fixedLang;
          p.certainty = 1.0;
        }
      }
    }
    if (hanOnly == 0) {
      return;
    }
    // Han-only paragraphs (headings, names, kanji compounds) inside a mostly Japanese text are
    // Japanese; otherwise Chinese, in the variant the whole text's Han characters favour.
    boolean japaneseText = japanese >= hanOnly;
    String fileVariant =
        traditional > simplified ? Languages.TRADITIONAL_CHINESE : Languages.SIMPLIFIED_CHINESE;
    for (Piece p : pieces) {
      if (p.script != Script.HAN) {
        continue;
      }
      if (japaneseText) {
        p.lang = Languages.JAPANESE;
      } else if (p.traditional + p.simplified >= 4 && p.traditional != p.simplified) {
        // Enough evidence of its own: a quoted Traditional passage in a Simplified text stays so.
        p.lang =
            p.traditional > p.simplified
                ? Languages.TRADITIONAL_CHINESE
                : Languages.SIMPLIFIED_CHINESE;
      } else {
        p.lang = fileVariant;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Statistical detection

  /**
   * A model verdict: the language, its certainty, and the probability of each candidate language
   * ({@code und} standing for the likeliest language without an index).
   */
  record Verdict(String lang, double certainty, Map<String, Double> probabilities) {
    double probability(String language) {
      return probabilities.getOrDefault(language, 0.0);
    }
  }

  /**
   * What the model read in some text: a log-probability per model label, and how often the text
   * uses letters that rule a language out (see {@link #MISSING_LETTERS}).
   */
  static final class Evidence {
    final double[] logProbabilities;
    final int[] missingLetters = new int[MISSING_LANGUAGES.length];
    int letters;

    Evidence(int labels) {
      logProbabilities = new double[labels];
    }

    /**
     * Adds another text's evidence. The model is a maximum-entropy model over character n-gram
     * counts, so the log-probabilities of two texts add up (up to a constant) to those of the two
     * texts together: a document's verdict comes for free from its paragraphs' verdicts.
     */
    void add(Evidence other) {
      for (int i = 0; i < logProbabilities.length; i++) {
        logProbabilities[i] += other.logProbabilities[i];
      }
      for (int i = 0; i < missingLetters.length; i++) {
        missingLetters[i] += other.missingLetters[i];
      }
      letters += other.letters;
    }

    /**
     * Adds {@code factor} times another text's evidence: about what text {@code factor} times as
     * long and written alike would give.
     */
    void addScaled(Evidence other, double factor) {
      for (int i = 0; i < logProbabilities.length; i++) {
        logProbabilities[i] += factor * other.logProbabilities[i];
      }
      for (int i = 0; i < missingLetters.length; i++) {
        missingLetters[i] += (int) Math.round(factor * other.missingLetters[i]);
      }
      letters += (int) Math.round(factor * other.letters);
    }
  }

  private void decideStatistical(CharSequence text, List<Piece> pieces) {
    Map<Script, List<Piece>> groups = new EnumMap<>(Script.class);
    for (Piece p : pieces) {
      if (p.lang == null && p.script != null && p.script.statistical()) {
        groups.computeIfAbsent(p.script, s -> new ArrayList<>()).add(p);
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    DetectorModel m = model();
    for (Map.Entry<Script, List<Piece>> e : groups.entrySet()) {
      decideGroup(m, e.getKey(), e.getValue(), text);
    }
  }

  /**
   * Decides the paragraphs of one script: each sampled paragraph is read by the model once; their
   * summed evidence gives the document-level verdict, which short paragraphs, paragraphs that only
   * weakly prefer another language, and unsampled paragraphs take.
   *
   * <p>Once the model has read {@value #VOUCH_AFTER_CHARS} chars of a Latin-script text's
   * paragraphs and every verdict it gave was the same language, a further paragraph whose stop
   * words clearly are that language's ({@link StopwordGuess#clearLanguage}) is not read: it is
   * <em>vouched for</em>, and takes the document's verdict if that is the language (else it is read
   * after all). A paragraph in another language uses other stop words, or too few, and is read as
   * before; so is every paragraph of a text whose verdicts disagree.
   */
  private static void decideGroup(
      DetectorModel m, Script script, List<Piece> group, CharSequence text) {
    long chars = 0;
    for (Piece p : group) {
      chars += Math.min(p.end - p.start, MODEL_CHARS_PER_PARAGRAPH);
    }
    // Huge texts: an even sample of paragraphs, about MODEL_BUDGET_CHARS in all.
    long stride = Math.max(1, (chars + MODEL_BUDGET_CHARS - 1) / MODEL_BUDGET_CHARS);
    boolean[] sampled = new boolean[group.size()];
    Evidence[] own = new Evidence[group.size()];
    Verdict[] verdicts = new Verdict[group.size()];
    String[] vouched = new String[group.size()];
    Evidence all = new Evidence(m.labelCount());
    StringBuilder buffer = new StringBuilder();
    // Short paragraphs need no verdict of their own, only to count for the document: they are
    // read in batches, which saves the model's per-call cost on texts made of many short lines.
    StringBuilder shortOnes = new StringBuilder();
    // the language every verdict so far gave (null before the first; "" once two differ)
    String agreed = null;
    long readChars = 0;
    // the evidence of the paragraphs read while they agreed, and of their chars; the chars vouched
    // for count in the document's verdict as that evidence in proportion
    Evidence agreeing = new Evidence(m.labelCount());
    long agreeingChars = 0;
    long vouchedChars = 0;
    String vouchLang = null;
    boolean vouching = script == Script.LATIN && group.size() > 1;
    for (int i = 0; i < group.size(); i += (int) stride) {
      Piece p = group.get(i);
      sampled[i] = true;
      int end = Math.min(p.end, p.start + MODEL_CHARS_PER_PARAGRAPH);
      if (p.letters < MIN_OWN_LETTERS && group.size() > 1) {
        appendInScript(shortOnes, text, p.start, end, script);
        shortOnes.append('\n');
        if (shortOnes.length() >= MODEL_CHARS_PER_PARAGRAPH) {
          all.add(m.read(shortOnes));
          shortOnes.setLength(0);
        }
        continue;
      }
      if (vouching
          && readChars >= VOUCH_AFTER_CHARS
          && agreed != null
          && !agreed.isEmpty()
          && agreed.equals(StopwordGuess.clearLanguage(text, p.start, end, VOUCH_MIN_STOPWORDS))) {
        vouched[i] = agreed;
        vouchLang = agreed; // the same for all: once verdicts disagree, none is vouched for
        vouchedChars += end - p.start;
        continue;
      }
      buffer.setLength(0);
      appendInScript(buffer, text, p.start, end, script);
      own[i] = m.readParagraph(buffer);
      all.add(own[i]);
      if (group.size() > 1) {
        verdicts[i] = m.decide(script, own[i]);
        readChars += end - p.start;
        agreed = agreed == null || agreed.equals(verdicts[i].lang) ? verdicts[i].lang : "";
        if (!agreed.isEmpty()) {
          agreeing.add(own[i]);
          agreeingChars += end - p.start;
        }
      }
    }
    if (!shortOnes.isEmpty()) {
      all.add(m.read(shortOnes));
    }
    Verdict doc = m.decide(script, all);
    if (vouchedChars > 0) {
      // The paragraphs vouched for count as the agreeing ones read, in proportion to their chars.
      // Should the document then not be in their language after all (the paragraphs read were
      // code, the vouched ones prose), they are read, and all is as without vouching.
      Evidence withVouched = new Evidence(m.labelCount());
      withVouched.add(all);
      withVouched.addScaled(agreeing, (double) vouchedChars / agreeingChars);
      Verdict estimate = m.decide(script, withVouched);
      if (estimate.lang.equals(vouchLang)) {
        doc = estimate;
      } else {
        for (int i = 0; i < group.size(); i++) {
          if (vouched[i] != null) {
            Piece p = group.get(i);
            buffer.setLength(0);
            appendInScript(
                buffer,
                text,
                p.start,
                Math.min(p.end, p.start + MODEL_CHARS_PER_PARAGRAPH),
                script);
            own[i] = m.readParagraph(buffer);
            all.add(own[i]);
            verdicts[i] = m.decide(script, own[i]);
            vouched[i] = null;
          }
        }
        doc = m.decide(script, all);
      }
    }
    if (group.size() == 1) {
      assign(group.get(0), doc);
      return;
    }
    boolean anyVouched = false;
    for (String v : vouched) {
      anyVouched |= v != null;
    }
    double sampledLetters = 0;
    double sampledCertainty = 0;
    for (int i = 0; i < group.size(); i++) {
      Piece p = group.get(i);
      if (!sampled[i] || vouched[i] != null) {
        continue;
      }
      if (own[i] == null) {
        // Borrowed evidence: the shorter the paragraph, the less it vouches for the verdict.
        p.lang = doc.lang;
        p.certainty = doc.certainty * p.letters / MIN_OWN_LETTERS;
      } else {
        Verdict v = verdicts[i];
        if (v.lang.equals(doc.lang)
            || v.probability(v.lang) >= OVERRIDE_RATIO * v.probability(doc.lang)) {
          assign(p, v);
        } else {
          // The document's language, discounted by how much this paragraph prefers another.
          p.lang = doc.lang;
          double preferred = v.probability(v.lang);
          p.certainty =
              preferred > 0 ? doc.certainty * v.probability(doc.lang) / preferred : doc.certainty;
        }
      }
      if (p.lang.equals(doc.lang)) {
        sampledLetters += p.letters;
        sampledCertainty += p.letters * p.certainty;
      }
    }
    double unsampledCertainty =
        sampledLetters > 0 ? sampledCertainty / sampledLetters : doc.certainty;
    if (anyVouched) {
      // as certain as the read paragraphs of the same language, on average
      double ownLetters = 0;
      double ownCertainty = 0;
      for (int i = 0; i < group.size(); i++) {
        Piece p = group.get(i);
        if (own[i] != null && p.lang.equals(doc.lang)) {
          ownLetters += p.letters;
          ownCertainty += p.letters * p.certainty;
        }
      }
      double vouchedCertainty = ownLetters > 0 ? ownCertainty / ownLetters : doc.certainty;
      for (int i = 0; i < group.size(); i++) {
        if (vouched[i] != null) {
          Piece p = group.get(i);
          p.lang = doc.lang;
          p.certainty = vouchedCertainty;
        }
      }
    }
    for (int i = 0; i < group.size(); i++) {
      if (!sampled[i]) {
        Piece p = group.get(i);
        p.lang = doc.lang;
        p.certainty = unsampledCertainty;
      }
    }
  }

  /**
   * Appends {@code text[start, end)} with the letters of other scripts blanked: a Chinese term in
   * an English sentence would otherwise pull the model towards languages parkdoc cannot pick.
   */
  private static void appendInScript(
      StringBuilder out, CharSequence text, int start, int end, Script script) {
    int i = start;
    while (i < end) {
      if (blank(text.charAt(i))) {
        out.append(text.charAt(i++));
        continue;
      }
      int tokenEnd = i;
      while (tokenEnd < end && !blank(text.charAt(tokenEnd))) {
        tokenEnd++;
      }
      // A code token is dropped whole: "sys_filename" must not teach the model anything.
      if (script == Script.LATIN && codeLike(text, i, tokenEnd)) {
        out.append(' ');
        i = tokenEnd;
        continue;
      }
      for (; i < tokenEnd; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          boolean letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
          out.append(letter && script != Script.LATIN ? ' ' : c);
        } else if (Character.isSurrogate(c)) {
          out.append(' ');
        } else if (Character.isLetter(c) && scriptOf(c) != script) {
          out.append(' ');
        } else {
          out.append(c);
        }
      }
    }
  }

  private static void assign(Piece p, Verdict v) {
    p.lang = v.lang;
    p.certainty = v.certainty;
  }

  /**
   * The model with the candidate labels of each script; read on first need, once per process (the
   * search server answers many {@code detect} commands, each with a new detector).
   */
  private DetectorModel model() {
    DetectorModel m = model;
    if (m == null) {
      m = DetectorModel.shared(); // one instance per process, so a race here only assigns it twice
      model = m;
    }
    return m;
  }

  private static Map<String, List<Script>> languageScripts() {
    Map<String, List<Script>> m = new HashMap<>();
    for (String lang :
        List.of(
            "en", "ca", "cs", "da", "de", "es", "et", "eu", "fi", "fr", "ga", "gl", "hu", "id",
            "it", "lt", "lv", "nl", "no", "pl", "pt", "ro", "sv", "tr")) {
      m.put(lang, List.of(Script.LATIN));
    }
    m.put("ru", List.of(Script.CYRILLIC));
    m.put("bg", List.of(Script.CYRILLIC));
    m.put("uk", List.of(Script.CYRILLIC));
    m.put("sr", List.of(Script.CYRILLIC, Script.LATIN));
    m.put("ar", List.of(Script.ARABIC));
    m.put("fa", List.of(Script.ARABIC));
    m.put("hi", List.of(Script.DEVANAGARI));
    m.put("ne", List.of(Script.DEVANAGARI));
    return Map.copyOf(m);
  }

  // ---------------------------------------------------------------------------------------------
  // Results

  /** Letterless paragraphs (numbers, rules, dates) join the language before them, else after. */
  private static void fillLetterless(List<Piece> pieces) {
    String previous = null;
    for (Piece p : pieces) {
      if (p.letters == 0) {
        p.lang = previous;
      } else {
        previous = p.lang;
      }
    }
    String next = Languages.UNDETERMINED;
    for (int i = pieces.size() - 1; i >= 0; i--) {
      Piece p = pieces.get(i);
      if (p.lang == null) {
        p.lang = next;
      } else {
        next = p.lang;
      }
    }
  }

  /**
   * The share of a document's letters (weighted by script) that another language needs to be its
   * main language when English has more: see {@link #borrowedEnglish}.
   */
  static final double BORROWED_ENGLISH_SHARE = 0.30;

  /**
   * English is what documents in other languages borrow: untranslated paragraphs of a help page,
   * code, names, an abstract. A reader of a LibreOffice help page in Japanese whose untranslated
   * English paragraphs outweigh its Japanese ones still reads a Japanese page. So when English wins
   * the vote but another language holds at least {@value #BORROWED_ENGLISH_SHARE} of the letters,
   * that language is the main one (the one of them with most letters). Measured by {@code
   * MainLanguageEvalTest} on LibreOffice's and GNOME's help: pages whose folder's language covers
   * at least 30% of the text agree with the folder for .9546 of them (22,037 of 23,085) by the
   * plain vote, and for .9984 (23,049) with this rule.
   */
  private static String borrowedEnglish(String best, List<Piece> pieces, double total) {
    if (!best.equals(Languages.ENGLISH)) {
      return best;
    }
    Map<String, Double> letters = new LinkedHashMap<>();
    for (Piece p : pieces) {
      if (p.vote > 0
          && !Languages.indexLanguage(p.lang).equals(Languages.ENGLISH)
          && !p.lang.equals(Languages.UNDETERMINED)) {
        letters.merge(p.lang, p.vote, Double::sum);
      }
    }
    return letters.entrySet().stream()
        .filter(e -> e.getValue() >= BORROWED_ENGLISH_SHARE * total)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(best);
  }

  private static Detection summarize(List<Piece> pieces) {
    Map<String, Double> weights = new LinkedHashMap<>();
    double total = 0;
    List<Segment> segments = new ArrayList<>();
    Piece runStart = null;
    Piece runEnd = null;
    for (Piece p : pieces) {
      if (p.vote > 0) {
        weights.merge(p.lang, p.vote * p.certainty, Double::sum);
        total += p.vote;
      }
      if (runStart != null && !runStart.lang.equals(p.lang)) {
        segments.add(new Segment(runStart.start, runEnd.end, runStart.lang));
        runStart = null;
      }
      if (runStart == null) {
        runStart = p;
      }
      runEnd = p;
    }
    segments.add(new Segment(runStart.start, runEnd.end, runStart.lang));
    if (total == 0) {
      // Only single words (or nothing): let them vote after all.
      for (Piece p : pieces) {
        if (p.weight > 0) {
          weights.merge(p.lang, p.weight * p.certainty, Double::sum);
          total += p.weight;
        }
      }
    }
    if (total == 0) {
      return new Detection(Languages.UNDETERMINED, 0.0, segments);
    }
    String best = Languages.UNDETERMINED;
    double bestWeight = -1;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getValue() > bestWeight) {
        best = e.getKey();
        bestWeight = e.getValue();
      }
    }
    best = borrowedEnglish(best, pieces, total);
    double confidence = Math.min(1.0, Math.max(0.0, weights.getOrDefault(best, 0.0) / total));
    return new Detection(best, confidence, segments);
  }
}
