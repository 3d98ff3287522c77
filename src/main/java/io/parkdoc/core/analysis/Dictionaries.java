package io.parkdoc.core.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;

/**
 * The nori (Korean) and kuromoji (Japanese) dictionaries, loaded fast from an unpacked copy.
 *
 * <p>Lucene reads them from compressed entries of the jar and decodes the connection-cost matrix
 * (10 million numbers for nori) one variable-length integer at a time: about half a second of a
 * search's start-up. The first process that needs a dictionary therefore writes, next to the jar
 * ({@code target/parkdoc-cache/}, or the folder in system property {@code parkdoc.cache}), the
 * dictionary files uncompressed and the matrix already decoded; later processes read the files
 * through Lucene's public file constructors and map the matrix into memory. The copy is keyed by
 * the jar (size and time) and the Lucene version, written to temporary names and renamed into
 * place, and checked before use; whatever goes wrong (no folder, a partial copy, a JDK that refuses
 * the mapping) falls back to Lucene's own loading, never to an error.
 *
 * <p>Mapping the matrix sets two private final fields of Lucene's {@code ConnectionCosts}, a class
 * with no constructor that takes decoded data. That is done only on JDK 25 and older: JDK 26 warns
 * about such writes (JEP 500), so there the matrix is decoded from the unpacked file.
 *
 * <p>The analyzers built here are token for token those of {@link KoreanAnalyzer} and {@link
 * JapaneseAnalyzer} with their defaults ({@code DictionariesTest} checks it). The dictionaries are
 * loaded once per process, on first use; thread-safe.
 *
 * <p>Why this file is longer than 500 lines: Korean and Japanese share every step (find the
 * unpacked copy, read or decode the connection costs, build the analyzer), and the two
 * JDK-dependent ways of decoding the matrix belong beside each other; split, each half would repeat
 * the other.
 */
public final class Dictionaries {
  private static final String KO = "org/apache/lucene/analysis/ko/dict/";
  private static final String JA = "org/apache/lucene/analysis/ja/dict/";
  private static final String[] TOKEN_INFO = {
    "$targetMap.dat", "$posDict.dat", "$buffer.dat", "$fst.dat"
  };
  private static final String COSTS = "ConnectionCosts.dat";
  private static final String DECODED_COSTS = "ConnectionCosts.decoded";
  private static final int MAGIC = 0x50444343; // "PDCC"
  private static final String COMPLETE = "complete";

  private Dictionaries() {}

  /** A new analyzer equal to {@code new KoreanAnalyzer()}, on the fast-loaded dictionaries. */
  public static Analyzer korean() {
    return korean(null);
  }

  /** As {@link #korean()}, on {@code dictionaries} (null: this process's, loaded on first use). */
  static Analyzer korean(Korean dictionaries) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Korean d = dictionaries != null ? dictionaries : LoadedKorean.INSTANCE;
        KoreanTokenizer tokenizer =
            new KoreanTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                d.tokenInfo,
                d.unknown,
                d.costs,
                null,
                KoreanTokenizer.DEFAULT_DECOMPOUND,
                false,
                true);
        TokenStream stream =
            new KoreanPartOfSpeechStopFilter(
                tokenizer, KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS);
        stream = new KoreanReadingFormFilter(stream);
        stream = new LowerCaseFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  /** A new analyzer equal to {@code new JapaneseAnalyzer()}, on the fast-loaded dictionaries. */
  public static Analyzer japanese() {
    return japanese(null);
  }

  /**
   * As {@link #japanese()}, on {@code dictionaries} (null: this process's, loaded on first use).
   */
  static Analyzer japanese(Japanese dictionaries) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Japanese d = dictionaries != null ? dictionaries : LoadedJapanese.INSTANCE;
        JapaneseTokenizer tokenizer =
            new JapaneseTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                d.tokenInfo,
                d.unknown,
                d.costs,
                null,
                true,
                true,
                JapaneseTokenizer.DEFAULT_MODE);
        TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
        stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
        stream = new StopFilter(stream, JapaneseStopWords.SET);
        stream = new JapaneseKatakanaStemFilter(stream);
        stream = new LowerCaseFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }

      @Override
      protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        return new CJKWidthCharFilter(reader);
      }

      @Override
      protected java.io.Reader initReaderForNormalization(String fieldName, java.io.Reader reader) {
        return new CJKWidthCharFilter(reader);
      }
    };
  }

  /**
   * Loads the Korean dictionaries now, when not loaded yet ({@link Warmup} calls it on a thread of
   * its own).
   */
  static void loadKorean() {
    LoadedKorean.INSTANCE.hashCode();
  }

  /** Loads the Japanese dictionaries now, when not loaded yet. */
  static void loadJapanese() {
    LoadedJapanese.INSTANCE.hashCode();
  }

  /**
   * This process's Korean dictionaries, loaded on first use, once (class initialisation is the
   * lock).
   */
  private static final class LoadedKorean {
    static final Korean INSTANCE = new Korean(cacheRoot());
  }

  /** This process's Japanese dictionaries, loaded on first use, once. */
  private static final class LoadedJapanese {
    static final Japanese INSTANCE = new Japanese(cacheRoot());
  }

  /** The Korean dictionaries. */
  static final class Korean {
    final org.apache.lucene.analysis.ko.dict.TokenInfoDictionary tokenInfo;
    final org.apache.lucene.analysis.ko.dict.UnknownDictionary unknown;
    final org.apache.lucene.analysis.ko.dict.ConnectionCosts costs;

    /** Where the costs came from: "mapped", "file" or "jar" (for tests). */
    final String costsFrom;

    /**
     * Loads the dictionaries, from (and into) the unpacked copy under {@code root} when not null.
     */
    Korean(Path root) {
      Path dir = unpacked(root, KO, org.apache.lucene.analysis.ko.dict.ConnectionCosts::new);
      tokenInfo =
          tokenInfo(
              dir,
              org.apache.lucene.analysis.ko.dict.TokenInfoDictionary::new,
              org.apache.lucene.analysis.ko.dict.TokenInfoDictionary::getInstance);
      unknown = org.apache.lucene.analysis.ko.dict.UnknownDictionary.getInstance();
      Object[] from = new Object[1];
      costs =
          costs(
              org.apache.lucene.analysis.ko.dict.ConnectionCosts.class,
              dir,
              org.apache.lucene.analysis.ko.dict.ConnectionCosts::new,
              org.apache.lucene.analysis.ko.dict.ConnectionCosts::getInstance,
              from);
      costsFrom = (String) from[0];
    }
  }

  /** The Japanese dictionaries. */
  static final class Japanese {
    final org.apache.lucene.analysis.ja.dict.TokenInfoDictionary tokenInfo;
    final org.apache.lucene.analysis.ja.dict.UnknownDictionary unknown;
    final org.apache.lucene.analysis.ja.dict.ConnectionCosts costs;

    /** Where the costs came from: "mapped", "file" or "jar" (for tests). */
    final String costsFrom;

    /**
     * Loads the dictionaries, from (and into) the unpacked copy under {@code root} when not null.
     */
    Japanese(Path root) {
      Path dir = unpacked(root, JA, org.apache.lucene.analysis.ja.dict.ConnectionCosts::new);
      tokenInfo =
          tokenInfo(
              dir,
              org.apache.lucene.analysis.ja.dict.TokenInfoDictionary::new,
              org.apache.lucene.analysis.ja.dict.TokenInfoDictionary::getInstance);
      unknown = org.apache.lucene.analysis.ja.dict.UnknownDictionary.getInstance();
      Object[] from = new Object[1];
      costs =
          costs(
              org.apache.lucene.analysis.ja.dict.ConnectionCosts.class,
              dir,
              org.apache.lucene.analysis.ja.dict.ConnectionCosts::new,
              org.apache.lucene.analysis.ja.dict.ConnectionCosts::getInstance,
              from);
      costsFrom = (String) from[0];
    }
  }

  /** A token-info dictionary's constructor from its four files (Lucene's public one). */
  private interface TokenInfoFiles<T> {
    T load(Path targetMap, Path posDict, Path dict, Path fst) throws IOException;
  }

  /**
   * The token-info dictionary from the unpacked copy in {@code dir}, else (none, damaged) the
   * jar's.
   */
  private static <T> T tokenInfo(
      Path dir, TokenInfoFiles<T> files, java.util.function.Supplier<T> fromJar) {
    if (dir != null) {
      try {
        String p = dir.resolve("TokenInfoDictionary").toString();
        return files.load(
            Path.of(p + TOKEN_INFO[0]),
            Path.of(p + TOKEN_INFO[1]),
            Path.of(p + TOKEN_INFO[2]),
            Path.of(p + TOKEN_INFO[3]));
      } catch (IOException | RuntimeException e) {
        damaged(dir);
      }
    }
    return fromJar.get();
  }

  /** JapaneseAnalyzer's default stop words (its holder class is private). */
  private static final class JapaneseStopWords {
    static final CharArraySet SET = JapaneseAnalyzer.getDefaultStopSet();
  }

  /** Reads a file into a value; {@link IOException} allowed. */
  @FunctionalInterface
  private interface FromFile<T> {
    T read(Path file) throws IOException;
  }

  /**
   * The connection costs: mapped when possible, else decoded from the unpacked file, else Lucene's
   * own.
   */
  private static <T extends org.apache.lucene.analysis.morph.ConnectionCosts> T costs(
      Class<T> type,
      Path dir,
      FromFile<T> fromFile,
      java.util.function.Supplier<T> fromJar,
      Object[] from) {
    if (dir != null) {
      T mapped = mapped(type, dir.resolve(DECODED_COSTS));
      if (mapped != null) {
        from[0] = "mapped";
        return mapped;
      }
      try {
        T decoded = fromFile.read(dir.resolve(COSTS));
        from[0] = "file";
        return decoded;
      } catch (IOException | RuntimeException e) {
        damaged(dir);
      }
    }
    from[0] = "jar";
    return fromJar.get();
  }

  // ---- the unpacked copy ----

  /** Marks the copy in {@code dir} incomplete, so that the next process writes it again. */
  private static void damaged(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(COMPLETE));
    } catch (IOException e) {
      // then it stays slow, never wrong
    }
  }

  /**
   * The complete unpacked copy of the dictionary under resource folder {@code resources}, or null.
   *
   * @param costs Lucene's decoder of a connection-costs file
   */
  private static Path unpacked(
      Path root,
      String resources,
      FromFile<? extends org.apache.lucene.analysis.morph.ConnectionCosts> costs) {
    if (root == null) {
      return null;
    }
    Path dir = root.resolve(resources.contains("/ko/") ? "ko" : "ja");
    if (Files.isRegularFile(dir.resolve(COMPLETE))) {
      return dir;
    }
    try {
      unpack(resources, dir, costs);
      return dir;
    } catch (IOException | RuntimeException e) {
      return null; // read-only folder, full disk, ...: Lucene's own loading this time
    }
  }

  /**
   * The folder of this jar's unpacked dictionaries ({@code parkdoc-cache/dict-<lucene>-<jar>} next
   * to the jar), or null when parkdoc does not run from a jar and {@code parkdoc.cache} is not set.
   * Copies for other jars are deleted when a new one is made.
   */
  static Path cacheRoot() {
    try {
      Path jar =
          Path.of(Dictionaries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String configured = System.getProperty("parkdoc.cache");
      Path base;
      String id;
      if (Files.isRegularFile(jar)) {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        id = Long.toHexString(a.size()) + "-" + Long.toHexString(a.lastModifiedTime().toMillis());
        base = configured != null ? Path.of(configured) : jar.resolveSibling("parkdoc-cache");
      } else if (configured != null) {
        id = "classes";
        base = Path.of(configured);
      } else {
        return null;
      }
      return base.resolve("dict-" + org.apache.lucene.util.Version.LATEST + "-" + id);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** Writes the unpacked copy of {@code resources} into {@code dir}: every file, then the mark. */
  private static void unpack(
      String resources,
      Path dir,
      FromFile<? extends org.apache.lucene.analysis.morph.ConnectionCosts> decoder)
      throws IOException {
    Files.createDirectories(dir);
    deleteOtherCopies(dir.getParent());
    for (String suffix : TOKEN_INFO) {
      copyResource(
          resources + "TokenInfoDictionary" + suffix, dir.resolve("TokenInfoDictionary" + suffix));
    }
    copyResource(resources + COSTS, dir.resolve(COSTS));
    writeDecodedCosts(
        decoder.read(dir.resolve(COSTS)),
        matrixSizes(dir.resolve(COSTS)),
        dir.resolve(DECODED_COSTS));
    atomicWrite(
        dir.resolve(COMPLETE),
        ByteBuffer.wrap(
            org.apache.lucene.util.Version.LATEST
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private static void deleteOtherCopies(Path root) {
    Path parent = root.getParent();
    try (DirectoryStream<Path> copies = Files.newDirectoryStream(parent, "dict-*")) {
      for (Path copy : copies) {
        if (!copy.equals(root)) {
          try (Stream<Path> walk = Files.walk(copy)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // an old copy left behind costs only disk space
    }
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = Dictionaries.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      atomicWrite(target, ByteBuffer.wrap(in.readAllBytes()));
    }
  }

  private static void atomicWrite(Path target, ByteBuffer... content) throws IOException {
    // A name of its own (not createTempFile, whose files only their owner may read).
    Path tmp =
        target.resolveSibling(
            target.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "."
                + Long.toHexString(System.nanoTime())
                + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (ByteBuffer b : content) {
          while (b.hasRemaining()) {
            ch.write(b);
          }
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---- the decoded connection costs ----

  /*
   * Format of ConnectionCosts.decoded: a 32-byte header of big-endian ints (magic, version 1,
   * forward size, backward size, the first and last cost, and the byte length of the matrix
   * twice), then the matrix as Lucene holds it in memory: big-endian shorts, backward id major.
   */
  private static final int HEADER = 32;

  /**
   * Writes {@code costs} (decoded by Lucene's own code, read back through the public {@code get})
   * in the format above.
   */
  private static void writeDecodedCosts(
      org.apache.lucene.analysis.morph.ConnectionCosts costs, int[] sizes, Path target)
      throws IOException {
    int forward = sizes[0];
    int backward = sizes[1];
    ByteBuffer matrix = ByteBuffer.allocate(forward * backward * 2).order(ByteOrder.BIG_ENDIAN);
    for (int b = 0; b < backward; b++) {
      for (int f = 0; f < forward; f++) {
        matrix.putShort((short) costs.get(f, b));
      }
    }
    matrix.flip();
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
    header
        .putInt(MAGIC)
        .putInt(1)
        .putInt(forward)
        .putInt(backward)
        .putInt(costs.get(0, 0))
        .putInt(costs.get(forward - 1, backward - 1))
        .putInt(matrix.remaining())
        .putInt(matrix.remaining())
        .flip();
    atomicWrite(target, header, matrix);
  }

  /** The forward and backward sizes in the header of a Lucene connection-costs file. */
  private static int[] matrixSizes(Path source) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(source))) {
      org.apache.lucene.store.DataInput data = new org.apache.lucene.store.InputStreamDataInput(in);
      if (org.apache.lucene.codecs.CodecUtil.readBEInt(data)
          != org.apache.lucene.codecs.CodecUtil.CODEC_MAGIC) {
        throw new IOException("not a connection-costs file: " + source);
      }
      data.readString(); // codec name
      org.apache.lucene.codecs.CodecUtil.readBEInt(data); // version
      return new int[] {data.readVInt(), data.readVInt()};
    }
  }

  /** The costs in {@code file} mapped into memory, or null when that cannot be done safely. */
  private static <T extends org.apache.lucene.analysis.morph.ConnectionCosts> T mapped(
      Class<T> type, Path file) {
    if (Runtime.version().feature() > 25) {
      return null; // see the class comment: JDK 26 warns about writing final fields
    }
    try (FileChannel ch = FileChannel.open(file)) {
      long size = ch.size();
      if (size < HEADER) {
        return null;
      }
      ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.BIG_ENDIAN);
      int forward = all.getInt(8);
      int backward = all.getInt(12);
      int length = all.getInt(24);
      if (all.getInt(0) != MAGIC
          || all.getInt(4) != 1
          || forward <= 0
          || backward <= 0
          || length != all.getInt(28)
          || (long) forward * backward * 2 != length
          || size != HEADER + (long) length) {
        return null;
      }
      ByteBuffer matrix = all.slice(HEADER, length).order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
      T costs = allocate(type);
      Field buffer =
          org.apache.lucene.analysis.morph.ConnectionCosts.class.getDeclaredField("buffer");
      Field forwardSize =
          org.apache.lucene.analysis.morph.ConnectionCosts.class.getDeclaredField("forwardSize");
      if (buffer.getType() != ByteBuffer.class || forwardSize.getType() != int.class) {
        return null;
      }
      buffer.setAccessible(true);
      forwardSize.setAccessible(true);
      buffer.set(costs, matrix);
      forwardSize.setInt(costs, forward);
      // The layout is Lucene's (get reads backward-major shorts): check both ends.
      if (costs.get(0, 0) != all.getInt(16)
          || costs.get(forward - 1, backward - 1) != all.getInt(20)) {
        return null;
      }
      return costs;
    } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * An instance of {@code type} made without running its constructor (which would decode the jar's
   * copy).
   */
  private static <T> T allocate(Class<T> type) throws ReflectiveOperationException {
    Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
    Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
    Method forSerialization =
        factoryClass.getMethod("newConstructorForSerialization", Class.class, Constructor.class);
    Constructor<?> constructor =
        (Constructor<?>)
            forSerialization.invoke(factory, type, Object.class.getDeclaredConstructor());
    return type.cast(constructor.newInstance());
  }
}
