package io.parkdoc.core.query.translate;

import io.parkdoc.core.analysis.HanVariants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates a query's words between English, Korean, Japanese and Chinese with the {@link
 * Lexicon}, keeping only the translations the index holds.
 *
 * <p>Words are found per script: Latin words are English; Hangul runs are cut into the longest
 * lexicon words, kana and Han runs into the lexicon words that cover most of them ({@link #cover};
 * never a single Han character out of a longer Han word, so 水素 is not 水 + 素). A compound with no
 * translation into a language is searched there as the phrase of its parts' translations. Each word
 * gets candidates per target language: directly from the dictionary where one exists (CC-CEDICT
 * zh-en, EDICT ja-en, Wiktionary en-ko), through the Han spelling of Sino-Korean words (수소 = 水素)
 * between Korean and Chinese or Japanese, the same Han word between Japanese and Chinese, and
 * otherwise through the English glosses (pivot). The search backend's {@link DocFrequencies} then
 * drops candidates no document holds, and the best {@link #PER_TERM} stay. Thread-safe.
 */
public final class Translator {
  /** Translations kept per word and target language (the measured setting). */
  public static final int PER_TERM = 3;

  /** The languages translation works between. */
  public static final List<String> LANGUAGES = List.of("en", "ko", "ja", "zh");

  /**
   * Candidates looked up in the index per word and language, at most (bounds the cost of a query).
   */
  private static final int MAX_CHECKED = 12;

  private static final int GLOSSES_PIVOTED = 3;

  /**
   * Whether a Chinese word is also searched as the other standard writes it (Mainland 信息, Taiwan
   * 資訊; {@link Lexicon#chineseVariants}): on by default, {@code -Dparkdoc.chineseVariants=false}
   * for the measurement without.
   */
  static final boolean CHINESE_VARIANTS =
      Boolean.parseBoolean(System.getProperty("parkdoc.chineseVariants", "true"));

  private static final Set<String> ENGLISH_STOP =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
          "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
          "these", "they", "this", "to", "was", "will", "with", "how", "what", "which", "who",
          "why", "when", "where", "do", "does", "can", "you", "your", "from", "using", "use");

  private static final Translator BUNDLED = new Translator(Lexicon.bundled());

  private final Lexicon lexicon;
  private final int perTerm;

  public Translator(Lexicon lexicon) {
    this(lexicon, PER_TERM);
  }

  /**
   * A translator keeping up to {@code perTerm} translations per word and language (for
   * measurements).
   */
  public Translator(Lexicon lexicon, int perTerm) {
    this.lexicon = lexicon;
    this.perTerm = perTerm;
  }

  /** The translator on parkdoc's bundled lexicon. */
  public static Translator bundled() {
    return BUNDLED;
  }

  /**
   * A word of the query and the language it is read in ({@code en}, {@code ko}, {@code ja} or
   * {@code zh}).
   */
  public record SourceTerm(String text, String lang) {}

  /**
   * The translations of {@code text} into each of {@code targets} (other than a word's own
   * language) that {@code df} says the index holds; {@code sourceLang} forces the language the
   * query is read in (null: by script, a Han-only word read as Chinese, and as Japanese where
   * Chinese has no such word).
   */
  public QueryTranslation translate(
      String text, String sourceLang, Set<String> targets, DocFrequencies df) {
    List<QueryTranslation.Term> out = new ArrayList<>();
    for (SourceTerm term : terms(text, sourceLang)) {
      Map<String, List<String>> byLang = new LinkedHashMap<>();
      for (String target : LANGUAGES) {
        if (!targets.contains(target)
            || (target.equals(term.lang()) && !(CHINESE_VARIANTS && "zh".equals(target)))) {
          continue;
        }
        List<String> kept = kept(term, target, df);
        if (kept.isEmpty() && !target.equals(term.lang())) {
          kept = byParts(term, target, df);
        }
        if (!kept.isEmpty()) {
          byLang.put(target, kept);
        }
      }
      out.add(new QueryTranslation.Term(term.text(), term.lang(), byLang));
    }
    return new QueryTranslation(text.strip(), out);
  }

  /**
   * Whether a compound with no translation is searched by its parts ({@code
   * -Dparkdoc.compoundParts=false} for the measurement without).
   */
  static final boolean COMPOUND_PARTS =
      Boolean.parseBoolean(System.getProperty("parkdoc.compoundParts", "true"));

  /**
   * The translations into {@code target} of a Japanese or Chinese compound that has none of its
   * own, from its parts: the longest lexicon words inside it (never a single Han character cut out
   * of a Han word), as a phrase of the parts' first translations (表計算 has only "spread sheet",
   * which no English page writes: 表 + 計算 -> calculation); empty when no part has one.
   */
  private List<String> byParts(SourceTerm term, String target, DocFrequencies df) {
    if (!COMPOUND_PARTS || "en".equals(term.lang()) || "ko".equals(term.lang())) {
      return List.of();
    }
    List<String> words = cover(term.text(), term.lang(), term.text().length());
    List<List<String>> translated = new ArrayList<>();
    for (String word : words) {
      List<String> kept = kept(new SourceTerm(word, term.lang()), target, df);
      if (!kept.isEmpty()) {
        translated.add(kept);
      }
    }
    if (translated.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    // the first translation of every part, then each part's second in turn
    out.add(phrase(translated, -1));
    for (int k = 0; k < translated.size() && out.size() < perTerm; k++) {
      if (translated.get(k).size() > 1) {
        out.add(phrase(translated, k));
      }
    }
    return out.stream().filter(p -> df.docFreq(target, p) > 0).distinct().toList();
  }

  /**
   * The parts' translations as one phrase, each part's first, or its second for part {@code
   * second}. Joined by spaces in every language: the search analyses them as one phrase of their
   * terms (三角 函数 finds 三角函数 as 三角函数 would), and the terms the lexicon stores for each part make the
   * phrase's ({@link Lexicon#terms}), so no analyzer is loaded for it.
   */
  private static String phrase(List<List<String>> translated, int second) {
    List<String> words = new ArrayList<>();
    for (int k = 0; k < translated.size(); k++) {
      words.add(translated.get(k).get(k == second ? 1 : 0));
    }
    return String.join(" ", words);
  }

  /**
   * Whether {@code c}, a candidate into Korean, is a Korean function word rather than a
   * translation: pairs mined from parallel text pair a word with the words around it as well (表示 ->
   * 표시, 수, 있: "can be shown"). Dropped: one-syllable words too common or ambiguous to translate
   * ({@link #KOREAN_ONE_SYLLABLE_STOP}) and the stems of 있다, 없다, 하다, 되다, 않다 and nouns such as 내, 때,
   * 위. Measured against dropping every one-syllable candidate after the first (표 -> 표 kept, 追加 ->
   * 추가, 덧, 셈 losing 덧 and 셈), which lost more right ones than it dropped wrong ones (en -> ko R@10
   * .763 -> .757 on the tuning half).
   */
  private static boolean koreanNoise(SourceTerm term, String target, String c) {
    return "ko".equals(target)
        && !"en".equals(term.lang())
        && c.length() == 1
        && (KOREAN_ONE_SYLLABLE_STOP.contains(c) || KOREAN_FUNCTION_WORDS.contains(c));
  }

  /** Korean one-syllable stems and nouns that mining pairs with whatever stands beside them. */
  private static final Set<String> KOREAN_FUNCTION_WORDS =
      Set.of("있", "없", "하", "되", "않", "내", "때", "위", "대");

  /** The translations of {@code term} into {@code target} the index holds, best first. */
  private List<String> kept(SourceTerm term, String target, DocFrequencies df) {
    List<String> kept = new ArrayList<>();
    int checked = 0;
    List<String> candidates =
        target.equals(term.lang())
            ? lexicon.chineseVariants(term.text()) // the other standard's word: 信息 / 資訊
            : candidates(term, target);
    for (String c : candidates) {
      if (kept.size() == perTerm || checked++ == MAX_CHECKED) {
        break;
      }
      if (!koreanNoise(term, target, c) && df.docFreq(target, c) > 0) {
        kept.add(c);
      }
    }
    if ("zh".equals(term.lang())
        && !"zh".equals(target)
        && CHINESE_VARIANTS
        && kept.size() < perTerm) {
      // Few of its own: also the candidates of the word as the other standard writes it
      // (列印 -> 打印 -> print; 函式 -> 函数 -> function).
      checked = 0;
      for (String v : lexicon.chineseVariants(term.text())) {
        for (String c : candidates(new SourceTerm(v, "zh"), target)) {
          if (kept.size() == perTerm || checked++ == MAX_CHECKED) {
            break;
          }
          if (!kept.contains(c) && !koreanNoise(term, target, c) && df.docFreq(target, c) > 0) {
            kept.add(c);
          }
        }
      }
    }
    return List.copyOf(kept);
  }

  /** The words of {@code text} that translation looks up, in order. */
  public List<SourceTerm> terms(String text, String sourceLang) {
    List<SourceTerm> out = new ArrayList<>();
    boolean hasKana = text.codePoints().anyMatch(Translator::isKana);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int j = i + 1;
      if (isLatin(c)) {
        while (j < n
            && (isLatin(text.charAt(j)) || text.charAt(j) == '\'' || text.charAt(j) == '-')) {
          j++;
        }
        String word = text.substring(i, j).toLowerCase(Locale.ROOT).replaceAll("[-']+$", "");
        String key = englishKey(word);
        if (key != null) {
          out.add(new SourceTerm(key, "en"));
        }
      } else if (isHangul(c)) {
        while (j < n && isHangul(text.charAt(j))) {
          j++;
        }
        segment(text.substring(i, j), "ko", out);
      } else if (isHan(c) || isKana(c)) {
        while (j < n && (isHan(text.charAt(j)) || isKana(text.charAt(j)))) {
          j++;
        }
        String run = text.substring(i, j);
        String lang =
            sourceLang != null && List.of("ja", "zh").contains(sourceLang)
                ? sourceLang
                : hasKana ? "ja" : "zh";
        if ("zh".equals(lang) && sourceLang == null && run.length() > 1) {
          // Han only: Chinese, or Japanese where the Japanese words cover more of it (水素, which
          // Chinese has no word for; 表計算, which Chinese would cut to 計算) or as much in fewer words.
          List<String> zh = cover(run, "zh", run.length() + 1);
          List<String> ja = cover(run, "ja", run.length() + 1);
          int zhCovered = zh.stream().mapToInt(String::length).sum();
          int jaCovered = ja.stream().mapToInt(String::length).sum();
          boolean japanese =
              jaCovered > zhCovered || (jaCovered == zhCovered && ja.size() < zh.size());
          for (String word : japanese ? ja : zh) {
            out.add(new SourceTerm(word, japanese ? "ja" : "zh"));
          }
          i = j;
          continue;
        }
        int before = out.size();
        segment(run, lang, out);
        if ("zh".equals(lang) && sourceLang == null && out.size() == before) {
          segment(run, "ja", out);
        }
      }
      i = j;
    }
    return out;
  }

  /**
   * The English key of a word: itself, or a lexicon word it inflects (tables -> table); null if
   * none.
   */
  private String englishKey(String word) {
    if (word.length() < 2
        || ENGLISH_STOP.contains(word)
        || word.chars().allMatch(Character::isDigit)) {
      return null;
    }
    for (String form : englishForms(word)) {
      if (lexicon.contains("en", form)) {
        return form;
      }
    }
    return null;
  }

  private static List<String> englishForms(String w) {
    List<String> forms = new ArrayList<>();
    forms.add(w);
    if (w.endsWith("ies") && w.length() > 4) {
      forms.add(w.substring(0, w.length() - 3) + "y");
    }
    if (w.endsWith("es") && w.length() > 3) {
      forms.add(w.substring(0, w.length() - 2));
    }
    if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
      forms.add(w.substring(0, w.length() - 1));
    }
    for (String suffix : List.of("ing", "ed")) {
      if (w.endsWith(suffix) && w.length() > suffix.length() + 2) {
        String stem = w.substring(0, w.length() - suffix.length());
        forms.add(stem);
        forms.add(stem + "e");
        if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
          forms.add(stem.substring(0, stem.length() - 1));
        }
      }
    }
    return forms;
  }

  /**
   * Cuts a Hangul run into the longest words the lexicon has for {@code lang}, left to right (a
   * kana or Han run into its {@link #cover}). A word has two characters at least, except a run that
   * is one Han character and nothing else; characters that start no word (particles, endings) are
   * skipped.
   */
  private void segment(String run, String lang, List<SourceTerm> out) {
    int n = run.length();
    if (n == 1) {
      if ((isHan(run.charAt(0)) || koreanSyllableWord(run, lang)) && lexicon.contains(lang, run)) {
        out.add(new SourceTerm(run, lang));
      }
      return;
    }
    if (koreanSyllableWord(run.substring(0, 1), lang)
        && KOREAN_ENDINGS.contains(run.substring(1))
        && lexicon.contains(lang, run.substring(0, 1))
        && !startsLongerWord(run, lang)) {
      // One syllable and a particle or ending: 표에서 (in the table), 찾기 (finding).
      out.add(new SourceTerm(run.substring(0, 1), lang));
      return;
    }
    if (!"ko".equals(lang)) {
      for (String word : cover(run, lang, n + 1)) {
        out.add(new SourceTerm(word, lang));
      }
      return;
    }
    int before = out.size();
    int i = 0;
    while (i < n - 1) {
      int found = -1;
      for (int j = Math.min(n, i + 12); j >= i + 2; j--) {
        String piece = run.substring(i, j);
        if (worthLooking(piece) && lexicon.contains(lang, piece)) {
          found = j;
          break;
        }
      }
      if (found > 0) {
        out.add(new SourceTerm(run.substring(i, found), lang));
        i = found;
      } else {
        i++;
      }
    }
    if (out.size() == before
        && koreanSyllableWord(run.substring(0, 1), lang)
        && lexicon.contains(lang, run.substring(0, 1))) {
      // A Korean word the lexicon has no entry for, whose first syllable it has: the pairs mined
      // from parallel text are keyed by nori's pieces (글꼴 -> 글 -> font, 날짜 -> 날 -> date).
      out.add(new SourceTerm(run.substring(0, 1), lang));
    }
  }

  /**
   * The words of a Japanese or Chinese run: the lexicon words (shorter than {@code maxLength}) that
   * cover most of its characters other than hiragana, in the fewest words, the earlier and longer
   * word first where two covers tie. Greedy longest-first cut マスタードキュメント into マスタード (mustard) + メン;
   * the best cover is マスター + ドキュメント. A word has two characters at least; one Han character is a
   * word only where it stands between kana (下へ, 値を) or is a prefix before a word (非表示, 再計算), never
   * out of a longer Han word (水素 is not 水 + 素).
   */
  List<String> cover(String run, String lang, int maxLength) {
    int n = run.length();
    int[] covered = new int[n + 1];
    int[] words = new int[n + 1];
    int[] next = new int[n + 1]; // the end of the word starting at i, or -1: character i skipped
    for (int i = n - 1; i >= 0; i--) {
      covered[i] = covered[i + 1];
      words[i] = words[i + 1];
      next[i] = -1;
      for (int j = Math.min(n, i + Math.min(12, maxLength - 1)); j >= i + 1; j--) {
        String piece = run.substring(i, j);
        if (!(j - i == 1
            ? singleHanWord(run, i, lang)
            : worthLooking(piece) && lexicon.contains(lang, piece))) {
          continue;
        }
        int c = covered[j] + content(piece);
        int w = words[j] + 1;
        if (c > covered[i]
            || (c == covered[i] && (w < words[i] || (w == words[i] && next[i] < 0)))) {
          covered[i] = c;
          words[i] = w;
          next[i] = j;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; ) {
      if (next[i] < 0) {
        i++;
      } else {
        out.add(run.substring(i, next[i]));
        i = next[i];
      }
    }
    return out;
  }

  /**
   * The characters of {@code piece} a cover counts: all but hiragana, which are mostly endings
   * (複製する is 複製 + する, not 複 + 製する).
   */
  private static int content(String piece) {
    int c = 0;
    for (int k = 0; k < piece.length(); k++) {
      char ch = piece.charAt(k);
      if (ch < 0x3040 || ch > 0x309F) {
        c++;
      }
    }
    return c;
  }

  /**
   * Han prefixes kept as words of their own before a word the lexicon has (非表示 -> 非 + 表示, not 表示,
   * which says the opposite; 再計算 -> 再 + 計算).
   */
  private static final Set<String> HAN_PREFIXES = Set.of("非", "不", "未", "無", "无", "再", "逆", "副");

  /** Whether the one Han character at {@code i} of {@code run} is a word of its own there. */
  private boolean singleHanWord(String run, int i, String lang) {
    char c = run.charAt(i);
    if (!isHan(c) || !lexicon.contains(lang, String.valueOf(c))) {
      return false;
    }
    boolean hanBefore = i > 0 && isHan(run.charAt(i - 1));
    boolean hanAfter = i + 1 < run.length() && isHan(run.charAt(i + 1));
    if (!hanBefore && !hanAfter) {
      return "ja".equals(lang); // 下へ, 左に, 値を: kana around it
    }
    return !hanBefore && HAN_PREFIXES.contains(String.valueOf(c)) && startsWord(run, i + 1, lang);
  }

  /** Whether a lexicon word of two characters or more starts at {@code from} in {@code run}. */
  private boolean startsWord(String run, int from, String lang) {
    for (int j = Math.min(run.length(), from + 12); j >= from + 2; j--) {
      if (lexicon.contains(lang, run.substring(from, j))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Particles and endings after a one-syllable Korean word (표에서, 셀의, 찾기, 넣기): a word of one
   * syllable is looked up only standing alone or before one of these.
   */
  private static final Set<String> KOREAN_ENDINGS =
      Set.of(
          "기", "의", "을", "를", "은", "는", "이", "가", "에", "에서", "으로", "로", "과", "와", "도", "만", "하기",
          "기를", "기는");

  /**
   * One-syllable Korean words too common or too ambiguous to translate (이 this / two / teeth, 수
   * number / way, 및 and).
   */
  private static final Set<String> KOREAN_ONE_SYLLABLE_STOP =
      Set.of(
          "이", "그", "저", "수", "및", "등", "것", "두", "첫", "새", "맨", "더", "또", "안", "못", "각", "한", "할",
          "된", "될");

  /** Whether {@code syllable} is a one-syllable Korean word translation may look up. */
  private static boolean koreanSyllableWord(String syllable, String lang) {
    return "ko".equals(lang)
        && syllable.length() == 1
        && isHangul(syllable.charAt(0))
        && !KOREAN_ONE_SYLLABLE_STOP.contains(syllable);
  }

  /** Whether the lexicon has a word of two syllables or more at the start of {@code run}. */
  private boolean startsLongerWord(String run, String lang) {
    for (int j = Math.min(run.length(), 12); j >= 2; j--) {
      if (lexicon.contains(lang, run.substring(0, j))) {
        return true;
      }
    }
    return false;
  }

  /** Hiragana-only pieces shorter than three characters are particles and endings, not words. */
  private static boolean worthLooking(String piece) {
    if (piece.length() >= 3) {
      return true;
    }
    return !piece.chars().allMatch(c -> c >= 0x3040 && c <= 0x309F);
  }

  /** Every candidate for {@code term} in {@code target}, best first, before the index is asked. */
  List<String> candidates(SourceTerm term, String target) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    String src = term.lang();
    if ("en".equals(src)) {
      List<Lexicon.Entry> own = lexicon.lookup("en", term.text());
      addLang(out, own, target);
      // Han words Chinese and Japanese share (names above all: Changchun -> 长春, which Japanese
      // writes 長春), and their Sino-Korean reading (장춘): the index confirms or rejects them.
      List<String> chinese =
          own.stream()
              .filter(e -> "zh".equals(e.lang()))
              .map(Lexicon.Entry::text)
              .limit(2)
              .toList();
      if ("ja".equals(target)) {
        out.addAll(chinese);
      } else if ("ko".equals(target)) {
        for (String zh : chinese) {
          addLang(out, lexicon.lookup("han", zh), "ko");
        }
      }
      return List.copyOf(out);
    }
    List<Lexicon.Entry> own = lexicon.lookup(src, term.text());
    if ("ko".equals(src)) {
      // A Sino-Korean word also has the English glosses of its Han spelling (수소 -> 水素 -> hydrogen).
      List<Lexicon.Entry> more = new ArrayList<>(own);
      for (Lexicon.Entry e : own) {
        if ("han".equals(e.lang())) {
          for (String via : List.of("zh", "ja")) {
            lexicon.lookup(via, e.text()).stream()
                .filter(x -> "en".equals(x.lang()))
                .limit(2)
                .forEach(more::add);
          }
        }
      }
      own = more;
    }
    if ("en".equals(target)) {
      addLang(out, own, "en");
      return List.copyOf(out);
    }
    addLang(out, own, target); // pairs mined from parallel text, where there are any
    List<String> pivot = new ArrayList<>();
    int glosses = 0;
    for (Lexicon.Entry e : own) {
      if ("en".equals(e.lang()) && glosses++ < GLOSSES_PIVOTED) {
        for (Lexicon.Entry t : lexicon.lookup("en", e.text())) {
          if (t.lang().equals(target) && !t.guessed()) {
            pivot.add(t.text());
          }
        }
      }
    }
    if ("ko".equals(src)) {
      // Sino-Korean words: the Han spelling, shown as the pivot writes it where it is the same
      // word.
      for (Lexicon.Entry e : own) {
        if ("han".equals(e.lang()) && lexicon.contains(target, e.text())) {
          out.add(
              pivot.stream()
                  .filter(p -> HanVariants.toSimplified(p).equals(e.text()))
                  .findFirst()
                  .orElse(e.text()));
        }
      }
    } else if ("ko".equals(target)) {
      addLang(out, lexicon.lookup("han", term.text()), "ko");
    } else if (term.text().codePoints().anyMatch(Translator::isHan)
        && lexicon.contains(target, term.text())) {
      out.add(
          term.text()); // the same Han word in Japanese and Chinese (spelling folded by the index)
    }
    out.addAll(pivot);
    if ("ko".equals(target)) {
      // Loanwords: the guessed Korean spelling of the English glosses' pronunciation.
      for (Lexicon.Entry e : own) {
        if ("en".equals(e.lang()) && !e.guessed()) {
          for (Lexicon.Entry t : lexicon.lookup("en", e.text())) {
            if ("ko".equals(t.lang()) && t.guessed()) {
              out.add(t.text());
            }
          }
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  private static void addLang(LinkedHashSet<String> out, List<Lexicon.Entry> entries, String lang) {
    for (Lexicon.Entry e : entries) {
      if (e.lang().equals(lang)) {
        out.add(e.text());
      }
    }
  }

  static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean isHangul(int c) {
    return c >= 0xAC00 && c <= 0xD7A3;
  }

  static boolean isKana(int c) {
    return (c >= 0x3041 && c <= 0x30FF && c != 0x30FB) || (c >= 0x31F0 && c <= 0x31FF);
  }

  static boolean isHan(int c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005;
  }
}
