package io.parkdoc.core.detect;

import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageDetector.Evidence;
import io.parkdoc.core.detect.LanguageDetector.Script;
import io.parkdoc.core.detect.LanguageDetector.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The statistical language model (OpenNLP's langdetect model, evaluated by {@link NgramScorer})
 * with the candidate labels of each script. A process reads it once ({@link #shared}: the build's
 * {@link CompiledModel} in tens of milliseconds, else OpenNLP's model in about half a second) and
 * every detector uses that copy. Thread-safe: the model is immutable, and each thread remembers its
 * own last paragraphs ({@link #readParagraph}).
 */
final class DetectorModel {
  private static final Object LOCK = new Object();

  /** The one model of this process; null until read, and again after a failed read. */
  private static DetectorModel shared;

  /**
   * This process's model, read on first use; a failed read is tried again next time (a class holder
   * would turn one failure into a NoClassDefFoundError for good). The search server answers many
   * {@code detect} commands, each with a new detector: each finds it read.
   */
  static DetectorModel shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = load();
      }
      return shared;
    }
  }

  /** Log-probability floor: long texts drive unlikely labels to exactly 0. */
  private static final double MIN_LOG_PROBABILITY = Math.log(Double.MIN_NORMAL);

  /**
   * OpenNLP's model, when it was read (no compiled model); else null, and {@link #openNlp} reads it
   * if ever needed.
   */
  private final LanguageDetectorModel parsed;

  /** OpenNLP's own evaluation of the model: made on first need only (see {@link #openNlp}). */
  private volatile LanguageDetectorME detector;

  /** The model evaluated fast; null when its features are not OpenNLP's defaults. */
  private final NgramScorer scorer;

  private final String[] labels;
  private final Map<String, Integer> labelIndex = new HashMap<>();

  /** Per label, the index language it stands for, or null for a language without an index. */
  private final String[] indexLanguage;

  /**
   * Per label, the prior weight of its index language (see {@link LanguageDetector#MINOR_PRIOR}).
   */
  private final double[] prior;

  /**
   * The languages (indices into {@link LanguageDetector#MISSING_LANGUAGES}) whose alphabet lacks
   * each char, for the chars of {@link LanguageDetector#MISSING_LETTERS}: looked up for every
   * non-ASCII letter the model reads.
   */
  private static final Map<Character, int[]> MISSING_BY_CHAR = missingByChar();

  /** Per statistical script, the labels of its index languages. */
  private final Map<Script, int[]> candidates = new EnumMap<>(Script.class);

  private DetectorModel(String[] labels, NgramScorer scorer, LanguageDetectorModel parsed) {
    this.parsed = parsed;
    this.scorer = scorer;
    this.labels = labels;
    this.indexLanguage = new String[labels.length];
    this.prior = new double[labels.length];
    Map<String, String> iso3To1 = new HashMap<>();
    for (String iso1 : Locale.getISOLanguages()) {
      // putIfAbsent: the list holds the legacy codes too ("in" after "id" for Indonesian).
      iso3To1.putIfAbsent(Locale.of(iso1).getISO3Language(), iso1);
    }
    iso3To1.putAll(LanguageDetector.LABEL_ALIASES);
    Set<String> index = Languages.indexLanguages();
    Map<Script, List<Integer>> byScript = new EnumMap<>(Script.class);
    for (int i = 0; i < labels.length; i++) {
      labelIndex.put(labels[i], i);
      String iso1 = iso3To1.get(labels[i]);
      if (iso1 == null || !index.contains(iso1)) {
        continue;
      }
      indexLanguage[i] = iso1;
      prior[i] =
          LanguageDetector.MAJOR_LANGUAGES.contains(iso1) ? 1.0 : LanguageDetector.MINOR_PRIOR;
      for (Script s : LanguageDetector.LANGUAGE_SCRIPTS.getOrDefault(iso1, List.of())) {
        byScript.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
      }
    }
    byScript.forEach(
        (s, list) -> candidates.put(s, list.stream().mapToInt(Integer::intValue).toArray()));
  }

  /**
   * The model as the build compiled it ({@link CompiledModel}: tens of milliseconds), or, when that
   * is absent or unreadable, read by OpenNLP (about half a second of CPU).
   */
  static DetectorModel load() {
    CompiledModel compiled;
    try {
      compiled = CompiledModel.fromClasspath();
    } catch (IOException | RuntimeException e) {
      compiled = null; // a damaged resource: OpenNLP's model is the truth anyway
    }
    if (compiled != null) {
      return new DetectorModel(compiled.labels, compiled.scorer, null);
    }
    return loadOpenNlp();
  }

  /** The model as OpenNLP reads it: the fallback of {@link #load}, and the reference in tests. */
  static DetectorModel loadOpenNlp() {
    LanguageDetectorModel model = readOpenNlpModel();
    LanguageDetectorME me = new LanguageDetectorME(model);
    DetectorModel m = new DetectorModel(me.getSupportedLanguages(), NgramScorer.of(model), model);
    m.detector = me;
    return m;
  }

  /** A model made of a compiled one: for tests that compare it with {@link #loadOpenNlp}. */
  static DetectorModel of(CompiledModel compiled) {
    return new DetectorModel(compiled.labels, compiled.scorer, null);
  }

  private static LanguageDetectorModel readOpenNlpModel() {
    ClassLoader loader = DetectorModel.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(LanguageDetector.MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            LanguageDetector.MODEL_RESOURCE
                + " is not on the classpath (opennlp-models-langdetect)");
      }
      return new LanguageDetectorModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LanguageDetector.MODEL_RESOURCE, e);
    }
  }

  /** OpenNLP's detector, reading its model now if this model was loaded compiled. */
  private LanguageDetectorME openNlp() {
    LanguageDetectorME d = detector;
    if (d == null) {
      synchronized (this) {
        d = detector;
        if (d == null) {
          d = new LanguageDetectorME(parsed != null ? parsed : readOpenNlpModel());
          if (!List.of(d.getSupportedLanguages()).equals(List.of(labels))) {
            throw new IllegalStateException(
                "the compiled language model's labels are not "
                    + LanguageDetector.MODEL_RESOURCE
                    + "'s");
          }
          detector = d;
        }
      }
    }
    return d;
  }

  /** Whether the model is evaluated by {@link NgramScorer} (else by OpenNLP, much slower). */
  boolean fast() {
    return scorer != null;
  }

  int labelCount() {
    return labels.length;
  }

  /** The model's evidence on {@code sample}, text of one script. */
  Evidence read(CharSequence sample) {
    Evidence e = new Evidence(labels.length);
    if (scorer != null) {
      double[] logP = scorer.logProbabilities(sample);
      for (int i = 0; i < logP.length; i++) {
        e.logProbabilities[i] = Math.max(MIN_LOG_PROBABILITY, logP[i]);
      }
    } else {
      readWithOpenNlp(sample, e);
    }
    countLetters(sample, e);
    return e;
  }

  /** How many paragraphs' evidence a thread remembers (about 1 KB each, and the text). */
  static final int REMEMBERED = 1024;

  private static final ThreadLocal<Map<String, Evidence>> REMEMBERED_EVIDENCE =
      ThreadLocal.withInitial(
          () ->
              new java.util.LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Evidence> eldest) {
                  return size() > REMEMBERED;
                }
              });

  /**
   * {@link #read}, remembering the last {@value #REMEMBERED} paragraphs this thread read: the same
   * paragraph recurs across the files of a folder (a help set's notes and warnings, licence
   * headers, templates), and is then not read again. The evidence returned is shared: callers must
   * not change it.
   */
  Evidence readParagraph(CharSequence paragraph) {
    String key = paragraph.toString();
    Map<String, Evidence> remembered = REMEMBERED_EVIDENCE.get();
    Evidence e = remembered.get(key);
    if (e == null) {
      e = read(key);
      remembered.put(key, e);
    }
    return e;
  }

  /** OpenNLP's own evaluation of the model: the reference {@link NgramScorer} reproduces. */
  void readWithOpenNlp(CharSequence sample, Evidence e) {
    for (Language l : openNlp().predictLanguages(sample)) {
      Integer i = labelIndex.get(l.getLang());
      if (i != null) {
        e.logProbabilities[i] = Math.max(MIN_LOG_PROBABILITY, Math.log(l.getConfidence()));
      }
    }
  }

  private static void countLetters(CharSequence sample, Evidence e) {
    for (int i = 0; i < sample.length(); i++) {
      char c = sample.charAt(i);
      if (!Character.isLetter(c)) {
        continue;
      }
      e.letters++;
      if (c < 0x80) {
        continue;
      }
      int[] lacking = MISSING_BY_CHAR.get(Character.toLowerCase(c));
      if (lacking != null) {
        for (int k : lacking) {
          e.missingLetters[k]++;
        }
      }
    }
  }

  private static Map<Character, int[]> missingByChar() {
    Map<Character, List<Integer>> m = new HashMap<>();
    for (int k = 0; k < LanguageDetector.MISSING_LANGUAGES.length; k++) {
      String letters = LanguageDetector.MISSING_LETTERS.get(LanguageDetector.MISSING_LANGUAGES[k]);
      for (int i = 0; i < letters.length(); i++) {
        List<Integer> ks = m.computeIfAbsent(letters.charAt(i), c -> new ArrayList<>());
        if (!ks.contains(k)) {
          ks.add(k);
        }
      }
    }
    Map<Character, int[]> out = new HashMap<>();
    m.forEach((c, ks) -> out.put(c, ks.stream().mapToInt(Integer::intValue).toArray()));
    return Map.copyOf(out);
  }

  /** The best index language of {@code script} on the evidence, or {@code und}. */
  Verdict decide(Script script, Evidence e) {
    double max = Double.NEGATIVE_INFINITY;
    for (double lp : e.logProbabilities) {
      max = Math.max(max, lp);
    }
    double sum = 0;
    double[] p = new double[labels.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(e.logProbabilities[i] - max);
      sum += p[i];
    }
    Map<String, Double> probabilities = new LinkedHashMap<>();
    double foreign = 0;
    int[] mine = candidates.getOrDefault(script, new int[0]);
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    for (int i : mine) {
      String iso1 = indexLanguage[i];
      // Some languages have two labels (nob and nno, est and ekk): summing them would double
      // their prior, so the likelier label speaks for the language.
      probabilities.merge(iso1, prior[i] * p[i], Math::max);
    }
    for (int i = 0; i < p.length; i++) {
      if (indexLanguage[i] == null || !probabilities.containsKey(indexLanguage[i])) {
        foreign = Math.max(foreign, p[i]);
      }
    }
    for (int k = 0;
        k < LanguageDetector.MISSING_LANGUAGES.length
            && e.letters <= LanguageDetector.ALPHABET_MAX_LETTERS;
        k++) {
      if (e.missingLetters[k] > 0
          && (long) e.missingLetters[k] * LanguageDetector.ALPHABET_EVIDENCE >= e.letters
          && probabilities.size() > 1) {
        probabilities.remove(LanguageDetector.MISSING_LANGUAGES[k]);
      }
    }
    String best = null;
    double bestP = 0;
    double secondP = 0;
    for (Map.Entry<String, Double> entry : probabilities.entrySet()) {
      double q = entry.getValue();
      if (best == null || q > bestP) {
        secondP = bestP;
        best = entry.getKey();
        bestP = q;
      } else if (q > secondP) {
        secondP = q;
      }
    }
    probabilities.put(Languages.UNDETERMINED, foreign);
    if (best == null || bestP <= 0 || foreign > LanguageDetector.FOREIGN_RATIO * bestP) {
      double certainty = best == null || foreign <= 0 ? 1.0 : 1.0 - bestP / foreign;
      return new Verdict(Languages.UNDETERMINED, certainty, probabilities);
    }
    // The model's probabilities stay flat on short text, so certainty is the margin over the
    // runner-up: 0 for a tie, 1 for no contest.
    return new Verdict(best, 1.0 - secondP / bestP, probabilities);
  }
}
