package io.parkdoc.bench;

import io.parkdoc.backend.lucene.IndexLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.SlowCodecReaderWrapper;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFieldDataInput;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What each field of an index costs on disk (not a unit test; {@code bench/index-size} runs it).
 * Lucene has no per-field size API, so each field is copied alone, with the index's own codec, into
 * a new one-segment index ({@link IndexWriter#addIndexes(CodecReader...)} over a reader that shows
 * only that field), and that copy's files are split by extension: terms ({@code .tim .tip .tmd}),
 * postings ({@code .doc .pos .pay .psm}), stored fields ({@code .fdt .fdx .fdm}), doc values
 * ({@code .dvd .dvm}), norms ({@code .nvd .nvm}). The offsets' share of a field's postings is the
 * difference to a second copy indexed with positions only. Nothing is re-analysed.
 *
 * <p>Arguments: {@code INDEX_DIR [TEXT_BYTES]}: a parkdoc index folder (one Lucene index per
 * language below it) or a single Lucene index, and the size of the text it was built from, for the
 * "× text" column. Prints Markdown tables.
 */
public final class IndexSizeBench {
  /** Bytes of one field, by kind of file. */
  record Cost(long terms, long postings, long offsets, long stored, long docValues, long norms) {
    long total() {
      return terms + postings + stored + docValues + norms;
    }

    Cost plus(Cost o) {
      return new Cost(
          terms + o.terms,
          postings + o.postings,
          offsets + o.offsets,
          stored + o.stored,
          docValues + o.docValues,
          norms + o.norms);
    }
  }

  static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0);

  private IndexSizeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: IndexSizeBench INDEX_DIR [TEXT_BYTES]");
      System.exit(2);
    }
    Path index = Path.of(args[0]);
    long text = args.length > 1 ? Long.parseLong(args[1]) : 0;
    List<Path> indices = luceneIndices(index);
    if (indices.isEmpty()) {
      System.err.println("index-size: no Lucene index under " + index);
      System.exit(2);
    }
    Path scratch = Files.createTempDirectory("parkdoc-index-size-");
    try {
      Map<String, Long> byExt = new TreeMap<>();
      Map<String, Cost> byField = new TreeMap<>();
      for (Path dir : indices) {
        bytesByExtension(dir).forEach((k, v) -> byExt.merge(k, v, Long::sum));
        fieldCosts(dir, scratch).forEach((k, v) -> byField.merge(k, v, Cost::plus));
      }
      print(index, text, byExt, byField);
    } finally {
      deleteTree(scratch);
    }
  }

  /** The Lucene indices at or below {@code root}: folders that hold a segments_N file. */
  static List<Path> luceneIndices(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isDirectory)
          .filter(
              d -> {
                try (Stream<Path> files = Files.list(d)) {
                  return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
                } catch (IOException e) {
                  return false;
                }
              })
          .sorted()
          .toList();
    }
  }

  /** Bytes of the files directly in {@code dir}, by extension ("segments" for segments_N). */
  static Map<String, Long> bytesByExtension(Path dir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext =
            name.startsWith("segments") ? "segments" : dot < 0 ? name : name.substring(dot + 1);
        sizes.merge(ext, Files.size(f), Long::sum);
      }
    }
    return sizes;
  }

  /** What each field of the Lucene index in {@code dir} costs, each copied alone into scratch. */
  static Map<String, Cost> fieldCosts(Path dir, Path scratch) throws IOException {
    Map<String, Cost> costs = new LinkedHashMap<>();
    try (Directory source = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(source)) {
      FieldInfos all = FieldInfos.getMergedFieldInfos(reader);
      // A copy of no field still has empty stored-fields files and segment metadata: subtracted.
      Map<String, Long> empty = copySize(reader, "\u0000none", false, scratch);
      for (FieldInfo fi : all) {
        Map<String, Long> full = minus(copySize(reader, fi.name, false, scratch), empty);
        long offsets = 0;
        if (fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS)
            >= 0) {
          Map<String, Long> lean = minus(copySize(reader, fi.name, true, scratch), empty);
          offsets =
              sum(full, "tim", "tip", "tmd", "doc", "pos", "pay", "psm")
                  - sum(lean, "tim", "tip", "tmd", "doc", "pos", "pay", "psm");
        }
        costs.put(
            fi.name,
            new Cost(
                sum(full, "tim", "tip", "tmd"),
                sum(full, "doc", "pos", "pay", "psm"),
                offsets,
                sum(full, "fdt", "fdx", "fdm"),
                sum(full, "dvd", "dvm"),
                sum(full, "nvd", "nvm")));
      }
    }
    return costs;
  }

  private static Map<String, Long> minus(Map<String, Long> sizes, Map<String, Long> base) {
    Map<String, Long> out = new TreeMap<>();
    sizes.forEach((k, v) -> out.put(k, Math.max(0, v - base.getOrDefault(k, 0L))));
    return out;
  }

  private static long sum(Map<String, Long> sizes, String... exts) {
    long n = 0;
    for (String e : exts) {
      n += sizes.getOrDefault(e, 0L);
    }
    return n;
  }

  /**
   * The codec {@code reader}'s segments were written with, as far as sizes go: parkdoc's (stored
   * fields with DEFLATE) unless they are in Lucene's default mode (an index of format 4 or older).
   */
  static Codec codecOf(DirectoryReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader() instanceof SegmentReader sr
          && "BEST_SPEED".equals(sr.getSegmentInfo().info.getAttribute(STORED_MODE))) {
        return Codec.getDefault();
      }
    }
    return IndexLayout.codec();
  }

  private static final String STORED_MODE = "Lucene90StoredFieldsFormat.mode";

  /**
   * Copies the one field of {@code reader} into a new one-segment index (compound files off) and
   * returns its bytes by extension; positions only when {@code dropOffsets}.
   */
  static Map<String, Long> copySize(
      DirectoryReader reader, String field, boolean dropOffsets, Path scratch) throws IOException {
    Path target = Files.createTempDirectory(scratch, "field-");
    try {
      TieredMergePolicy mp = new TieredMergePolicy();
      mp.setNoCFSRatio(0.0);
      IndexWriterConfig config = new IndexWriterConfig(null).setMergePolicy(mp);
      config.setCodec(codecOf(reader));
      config.setUseCompoundFile(false);
      List<CodecReader> leaves = new ArrayList<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        leaves.add(SlowCodecReaderWrapper.wrap(new OneField(leaf.reader(), field, dropOffsets)));
      }
      try (Directory out = FSDirectory.open(target);
          IndexWriter w = new IndexWriter(out, config)) {
        w.addIndexes(leaves.toArray(CodecReader[]::new));
        w.commit();
      }
      return bytesByExtension(target);
    } finally {
      deleteTree(target);
    }
  }

  /** A reader that shows one field only (and that field with positions only, if asked). */
  static final class OneField extends FilterLeafReader {
    private final String field;
    private final FieldInfos infos;

    OneField(LeafReader in, String field, boolean dropOffsets) {
      super(in);
      this.field = field;
      List<FieldInfo> kept = new ArrayList<>();
      for (FieldInfo fi : in.getFieldInfos()) {
        if (fi.name.equals(field)) {
          kept.add(dropOffsets ? withoutOffsets(fi) : fi);
        }
      }
      this.infos = new FieldInfos(kept.toArray(FieldInfo[]::new));
    }

    private static FieldInfo withoutOffsets(FieldInfo fi) {
      IndexOptions options = fi.getIndexOptions();
      if (options.compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) > 0) {
        options = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS;
      }
      return new FieldInfo(
          fi.name,
          fi.number,
          fi.hasTermVectors(),
          fi.omitsNorms(),
          fi.hasPayloads(),
          options,
          fi.getDocValuesType(),
          fi.docValuesSkipIndexType(),
          fi.getDocValuesGen(),
          new HashMap<>(fi.attributes()),
          fi.getPointDimensionCount(),
          fi.getPointIndexDimensionCount(),
          fi.getPointNumBytes(),
          fi.getVectorDimension(),
          fi.getVectorEncoding(),
          fi.getVectorSimilarityFunction(),
          fi.isSoftDeletesField(),
          fi.isParentField());
    }

    private boolean kept(String f) {
      return field.equals(f);
    }

    @Override
    public FieldInfos getFieldInfos() {
      return infos;
    }

    @Override
    public Terms terms(String f) throws IOException {
      return kept(f) ? super.terms(f) : null;
    }

    @Override
    public NumericDocValues getNumericDocValues(String f) throws IOException {
      return kept(f) ? super.getNumericDocValues(f) : null;
    }

    @Override
    public BinaryDocValues getBinaryDocValues(String f) throws IOException {
      return kept(f) ? super.getBinaryDocValues(f) : null;
    }

    @Override
    public SortedDocValues getSortedDocValues(String f) throws IOException {
      return kept(f) ? super.getSortedDocValues(f) : null;
    }

    @Override
    public SortedNumericDocValues getSortedNumericDocValues(String f) throws IOException {
      return kept(f) ? super.getSortedNumericDocValues(f) : null;
    }

    @Override
    public SortedSetDocValues getSortedSetDocValues(String f) throws IOException {
      return kept(f) ? super.getSortedSetDocValues(f) : null;
    }

    @Override
    public NumericDocValues getNormValues(String f) throws IOException {
      return kept(f) ? super.getNormValues(f) : null;
    }

    @Override
    public PointValues getPointValues(String f) throws IOException {
      return kept(f) ? super.getPointValues(f) : null;
    }

    @Override
    public StoredFields storedFields() throws IOException {
      StoredFields inner = super.storedFields();
      return new StoredFields() {
        @Override
        public void document(int docID, StoredFieldVisitor visitor) throws IOException {
          inner.document(docID, new OneFieldVisitor(visitor));
        }
      };
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return null;
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return null;
    }

    /** Passes the kept field's stored values on and skips every other field's. */
    private final class OneFieldVisitor extends StoredFieldVisitor {
      private final StoredFieldVisitor out;

      OneFieldVisitor(StoredFieldVisitor out) {
        this.out = out;
      }

      @Override
      public Status needsField(FieldInfo fi) throws IOException {
        return kept(fi.name) ? out.needsField(fi) : Status.NO;
      }

      @Override
      public void binaryField(FieldInfo fi, StoredFieldDataInput value) throws IOException {
        out.binaryField(fi, value);
      }

      @Override
      public void binaryField(FieldInfo fi, byte[] value) throws IOException {
        out.binaryField(fi, value);
      }

      @Override
      public void stringField(FieldInfo fi, String value) throws IOException {
        out.stringField(fi, value);
      }

      @Override
      public void intField(FieldInfo fi, int value) throws IOException {
        out.intField(fi, value);
      }

      @Override
      public void longField(FieldInfo fi, long value) throws IOException {
        out.longField(fi, value);
      }

      @Override
      public void floatField(FieldInfo fi, float value) throws IOException {
        out.floatField(fi, value);
      }

      @Override
      public void doubleField(FieldInfo fi, double value) throws IOException {
        out.doubleField(fi, value);
      }
    }
  }

  /** Field names grouped across languages: text_ko, text_ja, ... become text_*. */
  static String group(String field) {
    int u = field.indexOf('_');
    return u > 0 ? field.substring(0, u + 1) + "*" : field;
  }

  private static void print(
      Path index, long text, Map<String, Long> byExt, Map<String, Cost> byField) {
    long total = byExt.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        Locale.ROOT,
        "Index %s: %s on disk for %s of text (%s).%n%n",
        index.getFileName(),
        mb(total),
        text > 0 ? mb(text) : "?",
        times(total, text));
    System.out.println("| files | what | bytes | × text | share |");
    System.out.println("|---|---|---:|---:|---:|");
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("fdt fdx fdm", "stored fields");
    kinds.put("tim tip tmd", "terms dictionary");
    kinds.put("doc", "postings: documents and freqs");
    kinds.put("pos", "postings: positions (and offsets of short lists)");
    kinds.put("pay", "postings: offsets of long lists (and payloads)");
    kinds.put("psm", "postings: metadata");
    kinds.put("dvd dvm", "doc values");
    kinds.put("nvd nvm", "norms");
    kinds.put("kdd kdi kdm", "points");
    kinds.put("cfs cfe", "compound files (not split)");
    Map<String, Long> left = new TreeMap<>(byExt);
    for (Map.Entry<String, String> k : kinds.entrySet()) {
      long n = 0;
      for (String e : k.getKey().split(" ")) {
        Long v = left.remove(e);
        n += v == null ? 0 : v;
      }
      if (n > 0) {
        extRow("." + k.getKey().replace(" ", " ."), k.getValue(), n, text, total);
      }
    }
    long rest = left.values().stream().mapToLong(Long::longValue).sum();
    if (rest > 0) {
      extRow(
          "." + String.join(" .", left.keySet()),
          "segment info, field infos, live docs",
          rest,
          text,
          total);
    }
    System.out.println();
    Map<String, Cost> groups = new TreeMap<>();
    byField.forEach((f, c) -> groups.merge(group(f), c, Cost::plus));
    List<Map.Entry<String, Cost>> rows = new ArrayList<>(groups.entrySet());
    rows.sort(
        Comparator.comparingLong((Map.Entry<String, Cost> e) -> e.getValue().total()).reversed());
    System.out.println(
        "| field (every language) | terms | postings | of which offsets | stored | doc values | norms"
            + " | total | × text |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    Cost sum = ZERO;
    for (Map.Entry<String, Cost> e : rows) {
      Cost c = e.getValue();
      sum = sum.plus(c);
      System.out.printf(
          Locale.ROOT,
          "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          e.getKey(),
          mb(c.terms()),
          mb(c.postings()),
          mb(c.offsets()),
          mb(c.stored()),
          mb(c.docValues()),
          mb(c.norms()),
          mb(c.total()),
          times(c.total(), text));
    }
    System.out.printf(
        Locale.ROOT,
        "| all fields, each copied alone | %s | %s | %s | %s | %s | %s | %s | %s |%n",
        mb(sum.terms()),
        mb(sum.postings()),
        mb(sum.offsets()),
        mb(sum.stored()),
        mb(sum.docValues()),
        mb(sum.norms()),
        mb(sum.total()),
        times(sum.total(), text));
    System.out.println();
    System.out.println(
        "Each field copied alone into one segment with the index's codec (no re-analysis); offsets are");
    System.out.println(
        "the field's terms and postings minus a copy with positions only. Fields copied alone compress a");
    System.out.println(
        "little differently than together (stored fields share blocks), so the sum differs slightly from the index.");
  }

  private static void extRow(String files, String what, long n, long text, long total) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %s | %s | %.0f%% |%n",
        files,
        what,
        mb(n),
        times(n, text),
        100.0 * n / Math.max(1, total));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String times(long bytes, long text) {
    return text > 0 ? String.format(Locale.ROOT, "%.2f×", (double) bytes / text) : "?";
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
