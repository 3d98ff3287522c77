package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures {@link LanguageDetector} on real text from the shared corpora and fails below 99% on
 * whole documents or 97% on single sentences.
 *
 * <p>Sampling, with a fixed seed: documents need at least {@value #MIN_DOC_LETTERS} letters (a CJK
 * character counting two) and at least two thirds of them translated, because translated folders
 * hold pages left partly in English or made mostly of code, whose true language is debatable. A
 * sentence counts as untranslated when it appears verbatim in the parallel English page
 * (LibreOffice and GNOME help share page ids across languages), or, for the man pages, which have
 * no English side here, when it holds two or more English function words; in Korean, Japanese,
 * Chinese and Russian pages every Latin letter counts as untranslated. Sentences are cut at
 * sentence punctuation within paragraphs, deduplicated, and must be prose: for CJK at least 10 CJK
 * characters; otherwise at least 5 words and 30 letters, letters at least 70% of the non-blank
 * chars, and no code characters or man-page headers. Spanish sentences come from GNOME help, since
 * the Spanish man pages' sentences are mostly headers, option lists and English.
 */
class DetectionAccuracyTest {
  private static final int MIN_DOC_LETTERS = 200;
  private static final int DOCS_PER_LANGUAGE = 300;
  private static final int SENTENCES_PER_LANGUAGE = 300;
  private static final double MIN_DOC_ACCURACY = 0.99;
  private static final double MIN_SENTENCE_ACCURACY = 0.97;
  private static final long SEED = 42;

  /** One folder of one archive: {@code <set>/<folder>/<id>.txt} in {@code <set>.tar.xz}. */
  private record Source(String set, String folder) {
    String member() {
      return set + "/" + folder;
    }

    String englishMember() {
      return set.equals("manpages") ? null : set + "/en";
    }
  }

  private record Spec(String lang, Source docs, Source sentences) {
    boolean latinScript() {
      return !lang.matches("ko|ja|zh-.*|ru");
    }
  }

  private record Row(String lang, int docs, int docHits, int sentences, int sentenceHits) {
    double docAccuracy() {
      return docs == 0 ? 0 : docHits / (double) docs;
    }

    double sentenceAccuracy() {
      return sentences == 0 ? 0 : sentenceHits / (double) sentences;
    }
  }

  private static final List<Spec> SPECS = specs();

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|(?<=[。！？])");
  private static final Pattern CODE = Pattern.compile("[_/\\\\=<>{}$#|~^*@]|--|\\p{Lu}{2,}\\(\\d");
  private static final Set<String> ENGLISH_FUNCTION_WORDS =
      Set.of(
          "the", "and", "is", "are", "of", "to", "with", "that", "this", "be", "for", "by", "which",
          "if", "it", "not", "or", "when", "an", "as");

  private static Path unpacked;

  private static List<Spec> specs() {
    List<Spec> specs = new ArrayList<>();
    String[][] libreOffice = {
      {"ko", "ko"},
      {"ja", "ja"},
      {"zh-Hans", "zh-cn"},
      {"zh-Hant", "zh-tw"},
      {"en", "en"},
      {"de", "de"},
      {"fr", "fr"},
      {"ru", "ru"}
    };
    for (String[] l : libreOffice) {
      Source s = new Source("libreoffice-help", l[1]);
      specs.add(new Spec(l[0], s, s));
    }
    specs.add(new Spec("es", new Source("manpages", "es"), new Source("gnome-help", "es")));
    for (String l : List.of("pt", "it", "nl")) {
      Source s = new Source("gnome-help", l);
      specs.add(new Spec(l, s, s));
    }
    return specs;
  }

  @BeforeAll
  static void unpack() throws IOException, InterruptedException {
    Path corpora = Path.of(System.getProperty("parkdoc.shared", "../shared"), "corpora");
    Map<String, Set<String>> members = new LinkedHashMap<>();
    for (Spec spec : SPECS) {
      for (Source s : List.of(spec.docs(), spec.sentences())) {
        Set<String> wanted = members.computeIfAbsent(s.set(), k -> new LinkedHashSet<>());
        wanted.add(s.member());
        if (s.englishMember() != null) {
          wanted.add(s.englishMember());
        }
      }
    }
    for (String set : members.keySet()) {
      assumeTrue(
          Files.isRegularFile(corpora.resolve(set + ".tar.xz")),
          "corpus " + corpora.resolve(set + ".tar.xz") + " not found; accuracy not measured");
    }
    unpacked = Files.createTempDirectory("parkdoc-detection");
    for (Map.Entry<String, Set<String>> e : members.entrySet()) {
      List<String> command = new ArrayList<>(List.of("tar", "-xJf"));
      command.add(corpora.resolve(e.getKey() + ".tar.xz").toAbsolutePath().toString());
      command.add("-C");
      command.add(unpacked.toString());
      command.addAll(e.getValue());
      Process tar;
      try {
        tar = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException noTar) {
        assumeTrue(false, "cannot run tar: " + noTar.getMessage());
        return;
      }
      String output = new String(tar.getInputStream().readAllBytes());
      assertTrue(tar.waitFor(120, TimeUnit.SECONDS), "tar took too long");
      assertTrue(tar.exitValue() == 0, String.join(" ", command) + " failed: " + output);
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (unpacked == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(unpacked)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void accuracyOnDocumentsAndSentences() throws IOException {
    LanguageDetector detector = new LanguageDetector();
    List<Row> rows = new ArrayList<>();
    long start = System.nanoTime();
    for (Spec spec : SPECS) {
      rows.add(measure(detector, spec));
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-8s %-22s %5s %8s   %-18s %5s %8s%n",
            "lang",
            "documents from",
            "docs",
            "doc acc",
            "sentences from",
            "sents",
            "sent acc"));
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Spec spec = SPECS.get(i);
      table.append(
          String.format(
              Locale.ROOT,
              "%-8s %-22s %5d %7.2f%%   %-18s %5d %7.2f%%%n",
              r.lang(),
              spec.docs().member(),
              r.docs(),
              100 * r.docAccuracy(),
              spec.sentences().member(),
              r.sentences(),
              100 * r.sentenceAccuracy()));
      if (r.docs() < 20 || r.docAccuracy() < MIN_DOC_ACCURACY) {
        failures.add(r.lang() + " documents " + r.docHits() + "/" + r.docs());
      }
      if (r.sentences() < 100 || r.sentenceAccuracy() < MIN_SENTENCE_ACCURACY) {
        failures.add(r.lang() + " sentences " + r.sentenceHits() + "/" + r.sentences());
      }
    }
    table.append("measured in ").append(seconds).append(" s\n");
    System.out.print(table);
    assertTrue(failures.isEmpty(), "below target: " + failures + "\n" + table);
  }

  private static Row measure(LanguageDetector detector, Spec spec) throws IOException {
    int docs = 0;
    int docHits = 0;
    for (Path file : shuffledFiles(spec.docs())) {
      if (docs >= DOCS_PER_LANGUAGE) {
        break;
      }
      String text = Files.readString(file);
      String english = englishCounterpart(spec.docs(), file);
      int letters = letters(text);
      int untranslated = untranslatedLetters(text, english);
      if (!spec.latinScript()) {
        // In a Korean, Japanese, Chinese or Russian page every Latin letter is English or code,
        // including the English sentences the page repeats in a form the English page lacks.
        untranslated = Math.max(untranslated, latinLetters(text));
      }
      if (letters < MIN_DOC_LETTERS || 3 * untranslated > letters) {
        continue;
      }
      docs++;
      if (detector.detect(text).lang().equals(spec.lang())) {
        docHits++;
      }
    }

    boolean cjk = spec.lang().matches("ko|ja|zh-.*");
    Set<String> sentences = new LinkedHashSet<>();
    for (Path file : shuffledFiles(spec.sentences())) {
      String text = Files.readString(file);
      String english = englishCounterpart(spec.sentences(), file);
      for (String sentence : sentences(text)) {
        if (!untranslated(sentence, english)
            && (cjk ? cjkChars(sentence) >= 10 : prose(sentence))) {
          sentences.add(sentence);
        }
      }
    }
    List<String> sample = new ArrayList<>(sentences);
    Collections.shuffle(sample, new Random(SEED));
    sample = sample.subList(0, Math.min(SENTENCES_PER_LANGUAGE, sample.size()));
    int sentenceHits = 0;
    for (String sentence : sample) {
      if (detector.detect(sentence).lang().equals(spec.lang())) {
        sentenceHits++;
      }
    }
    return new Row(spec.lang(), docs, docHits, sample.size(), sentenceHits);
  }

  private static List<Path> shuffledFiles(Source source) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(unpacked.resolve(source.set()).resolve(source.folder()))) {
      files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".txt")).sorted().toList());
    }
    Collections.shuffle(files, new Random(SEED));
    return files;
  }

  /**
   * The English page with the same id, whitespace-normalized; "" for English itself; null if none.
   */
  private static String englishCounterpart(Source source, Path file) throws IOException {
    if (source.folder().equals("en")) {
      return "";
    }
    if (source.englishMember() == null) {
      return null;
    }
    Path english = unpacked.resolve(source.englishMember()).resolve(file.getFileName());
    return Files.isRegularFile(english) ? normalize(Files.readString(english)) : null;
  }

  private static boolean untranslated(String sentence, String english) {
    if (english == null) {
      return englishLooking(sentence);
    }
    return !english.isEmpty() && letters(sentence) > 0 && english.contains(sentence);
  }

  private static int untranslatedLetters(String text, String english) {
    int n = 0;
    for (String sentence : sentences(text)) {
      if (untranslated(sentence, english)) {
        n += letters(sentence);
      }
    }
    return n;
  }

  private static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      for (String s : SENTENCE_END.split(normalize(paragraph))) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return out;
  }

  private static String normalize(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static boolean englishLooking(String s) {
    int hits = 0;
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (ENGLISH_FUNCTION_WORDS.contains(w)) {
        hits++;
      }
    }
    return hits >= 2;
  }

  private static boolean prose(String s) {
    int words = 0;
    for (String w : s.split("\\s+")) {
      if (w.chars().anyMatch(Character::isLetter)) {
        words++;
      }
    }
    int letters = 0;
    int nonBlank = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        nonBlank++;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    return words >= 5 && letters >= 30 && letters * 10 >= nonBlank * 7 && !CODE.matcher(s).find();
  }

  private static boolean isCjk(char c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  private static int cjkChars(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isCjk(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static int latinLetters(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
        n++;
      }
    }
    return n;
  }

  /** Letters, a CJK character counting two. */
  private static int letters(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        n += isCjk(c) ? 2 : 1;
      }
    }
    return n;
  }
}
