package io.parkdoc.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * OpenNLP's language detector model, evaluated the way {@code LanguageDetectorME.predictLanguages}
 * does (the same features: each distinct 1- to 3-character n-gram of the normalised, lower-cased
 * text, counted once; the same weights; the same uniform prior and softmax), without its per-call
 * cost: OpenNLP builds a {@code CharBuffer} and a hash-map entry for every n-gram, then a string
 * for every distinct one, and looks each up by string. Here an n-gram is a {@code long} of its
 * characters, looked up in an open-addressing table made once from the model. About ten times
 * faster; the language detector read about 1.6 MB/s per core with OpenNLP's path, slower than any
 * analyzer but the CJK ones, and was most of the time of indexing Latin-script text.
 *
 * <p>Only for models made by OpenNLP's default {@link LanguageDetectorFactory} (1- to 3-grams, its
 * five normalisers), which {@link #of} checks: anything else gets null, and the caller keeps
 * OpenNLP's own path. Immutable and thread-safe.
 */
final class NgramScorer {
  private static final int MIN_GRAM = 1;
  private static final int MAX_GRAM = 3;

  private final int outcomes;

  /** Open addressing: the key of each slot's n-gram (0 for an empty slot) and its predicate. */
  private final long[] keys;

  private final int[] predicates;
  private final int mask;

  /**
   * Predicate p's weights are {@code weights[starts[p] .. starts[p + 1])} for {@code outcomeIds}
   * there.
   */
  private final int[] starts;

  /** Outcome ids as unsigned bytes ({@link #of} takes models of at most 256 outcomes). */
  private final byte[] outcomeIds;

  private final double[] weights;

  /**
   * The weights of the predicates that most outcomes share (single letters, common pairs), as dense
   * rows: {@code dense[row * outcomes + o]}, added in a loop the JIT vectorises; {@code
   * denseRow[p]} is p's row or -1. These are in nearly every paragraph.
   */
  private final double[] dense;

  private final int[] denseRow;

  /**
   * The scorer of predicates {@code 0 .. grams.length}: predicate p is the n-gram {@code grams[p]}
   * (see {@link #key}), and its weights are {@code weights[starts[p] .. starts[p + 1])} for the
   * outcomes {@code outcomeIds} there. Builds the lookup table and the dense rows; keeps the arrays
   * given.
   */
  private NgramScorer(
      int outcomes, long[] grams, int[] starts, byte[] outcomeIds, double[] weights) {
    this.outcomes = outcomes;
    int p = grams.length;
    int capacity = Integer.highestOneBit(Math.max(16, p * 3 / 2)) * 2; // load 0.5 to 0.75
    this.keys = new long[capacity];
    this.predicates = new int[capacity];
    this.mask = capacity - 1;
    this.starts = starts;
    this.outcomeIds = outcomeIds;
    this.weights = weights;
    for (int q = 0; q < p; q++) {
      int slot = slot(grams[q]);
      if (keys[slot] != 0) {
        throw new IllegalArgumentException("n-gram " + Long.toHexString(grams[q]) + " twice");
      }
      keys[slot] = grams[q];
      predicates[slot] = q;
    }
    this.denseRow = new int[p];
    int rows = 0;
    for (int q = 0; q < p; q++) {
      denseRow[q] = starts[q + 1] - starts[q] >= outcomes / 2 ? rows++ : -1;
    }
    this.dense = new double[rows * outcomes];
    for (int q = 0; q < p; q++) {
      if (denseRow[q] >= 0) {
        for (int w = starts[q]; w < starts[q + 1]; w++) {
          dense[denseRow[q] * outcomes + (outcomeIds[w] & 0xff)] = weights[w];
        }
      }
    }
  }

  /**
   * The scorer of {@code model}, or null when its features are not the default factory's (or it has
   * more than 256 outcomes).
   */
  static NgramScorer of(LanguageDetectorModel model) {
    MaxentModel maxent = model.getMaxentModel();
    if (model.getFactory() == null
        || maxent.getNumOutcomes() > 256
        || model.getFactory().getClass() != LanguageDetectorFactory.class
        || !(maxent instanceof AbstractModel abstractModel)) {
      return null;
    }
    Object[] data = abstractModel.getDataStructures();
    if (!(data[1] instanceof Map<?, ?> map)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Context> pmap = (Map<String, Context>) map;
    // Predicates in the order of their keys, not of the model's hash map: the compiled form
    // (CompiledModel) is then the same bytes whatever the JDK's HashMap does.
    List<Map.Entry<String, Context>> entries = new ArrayList<>();
    int total = 0;
    for (Map.Entry<String, Context> e : pmap.entrySet()) {
      int length = e.getKey().length();
      if (length >= MIN_GRAM && length <= MAX_GRAM) { // others never come from text
        entries.add(e);
        total += e.getValue().getOutcomes().length;
      }
    }
    entries.sort(Comparator.comparingLong(e -> key(e.getKey())));
    long[] grams = new long[entries.size()];
    int[] starts = new int[entries.size() + 1];
    byte[] outcomeIds = new byte[total];
    double[] weights = new double[total];
    int at = 0;
    for (int p = 0; p < grams.length; p++) {
      Context c = entries.get(p).getValue();
      int[] ids = c.getOutcomes();
      grams[p] = key(entries.get(p).getKey());
      starts[p] = at;
      for (int i = 0; i < ids.length; i++) {
        outcomeIds[at + i] = (byte) ids[i];
      }
      System.arraycopy(c.getParameters(), 0, weights, at, ids.length);
      at += ids.length;
    }
    starts[grams.length] = at;
    return new NgramScorer(maxent.getNumOutcomes(), grams, starts, outcomeIds, weights);
  }

  /**
   * The scorer made of arrays as {@link #grams()} and the accessors below give them (read back from
   * {@link CompiledModel}); checks that they fit together.
   */
  static NgramScorer of(
      int outcomes, long[] grams, int[] starts, byte[] outcomeIds, double[] weights) {
    if (outcomes > 256
        || starts.length != grams.length + 1
        || starts[0] != 0
        || starts[grams.length] != outcomeIds.length
        || weights.length != outcomeIds.length) {
      throw new IllegalArgumentException("inconsistent n-gram tables");
    }
    for (int p = 0; p < grams.length; p++) {
      if (starts[p + 1] < starts[p] || grams[p] == 0) {
        throw new IllegalArgumentException("inconsistent n-gram tables at predicate " + p);
      }
    }
    for (byte id : outcomeIds) {
      if ((id & 0xff) >= outcomes) {
        throw new IllegalArgumentException("outcome " + (id & 0xff) + " of " + outcomes);
      }
    }
    return new NgramScorer(outcomes, grams, starts, outcomeIds, weights);
  }

  /** The n-gram key of each predicate, in predicate order (rebuilt from the lookup table). */
  long[] grams() {
    long[] grams = new long[starts.length - 1];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        grams[predicates[i]] = keys[i];
      }
    }
    return grams;
  }

  /** Where each predicate's weights start, and one past the last: shared, not to be changed. */
  int[] starts() {
    return starts;
  }

  /** The outcome of each weight, an unsigned byte: shared, not to be changed. */
  byte[] outcomeIds() {
    return outcomeIds;
  }

  /** The weights: shared, not to be changed. */
  double[] weights() {
    return weights;
  }

  private static long key(String gram) {
    return key(gram.toCharArray(), 0, gram.length());
  }

  /** A non-zero key for chars {@code [from, to)} of {@code s}, 1 to 3 UTF-16 units. */
  private static long key(char[] s, int from, int to) {
    long k = to - from;
    for (int i = from; i < to; i++) {
      k = (k << 16) | s[i];
    }
    return k;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  /** The predicate of the n-gram {@code key}, or -1 when the model has none. */
  private int predicate(long key) {
    int i = hash(key) & mask;
    long k;
    while ((k = keys[i]) != 0) {
      if (k == key) {
        return predicates[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private int slot(long key) {
    int i = hash(key) & mask;
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /**
   * The natural log of each outcome's probability for {@code text}, indexed as the model's
   * outcomes; what {@code Math.log} of OpenNLP's {@code predictLanguages} confidences gives, but
   * without the underflow to 0 of very unlikely outcomes on long texts.
   */
  double[] logProbabilities(CharSequence text) {
    char[] chars = ModelNormalizer.normalize(text);
    double[] sums = new double[outcomes];
    // Each distinct n-gram counts once. The text's own n-grams are deduplicated first, in a table
    // small enough to stay in the CPU cache, so that the model's big table is read once for each.
    // The table is the thread's own, reused and emptied slot by slot: a new one per call zeroed
    // 48 to 96 bytes per char of text.
    Scratch scratch = SCRATCH.get();
    int setSize = Integer.highestOneBit(Math.max(8, chars.length * MAX_GRAM * 2)) * 2;
    long[] seen = scratch.seen(setSize);
    int[] used = scratch.used(chars.length * MAX_GRAM);
    int filled = 0;
    int setMask = seen.length - 1;
    for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
      for (int i = 0; i + n <= chars.length; i++) {
        long key = key(chars, i, i + n);
        int s = hash(key) & setMask;
        while (seen[s] != 0 && seen[s] != key) {
          s = (s + 1) & setMask;
        }
        if (seen[s] != 0) {
          continue;
        }
        seen[s] = key;
        used[filled++] = s;
        int p = predicate(key);
        if (p < 0) {
          continue; // not a feature of the model
        }
        int row = denseRow[p];
        if (row >= 0) {
          int base = row * outcomes;
          for (int o = 0; o < outcomes; o++) {
            sums[o] += dense[base + o];
          }
        } else {
          for (int w = starts[p]; w < starts[p + 1]; w++) {
            sums[outcomeIds[w] & 0xff] += weights[w];
          }
        }
      }
    }
    for (int f = 0; f < filled; f++) {
      seen[used[f]] = 0;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double s : sums) {
      max = Math.max(max, s);
    }
    double total = 0;
    for (double s : sums) {
      total += Math.exp(s - max);
    }
    double logTotal = max + Math.log(total);
    for (int o = 0; o < outcomes; o++) {
      sums[o] -= logTotal;
    }
    return sums;
  }

  /** A thread's deduplication table, empty between calls, grown as texts need. */
  private static final class Scratch {
    static final int KEPT = 1 << 16;

    long[] seen = new long[0];
    int[] used = new int[0];

    long[] seen(int size) {
      if (size > KEPT) {
        return new long[size]; // a huge text once: not kept for the thread's life
      }
      if (seen.length < size) {
        seen = new long[size];
      }
      return seen; // a power of two at least that big: the caller masks with its length
    }

    int[] used(int size) {
      if (size > KEPT) {
        return new int[size];
      }
      if (used.length < size) {
        used = new int[size];
      }
      return used;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  int outcomes() {
    return outcomes;
  }
}
