package io.parkdoc.core.analysis;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * smartcn's two dictionaries, loaded from a plain binary copy instead of Java serialization.
 *
 * <p>smartcn reads its word dictionary (85,000 words in 8,000 tables) and its bigram table from
 * serialized arrays: about 150 ms of a Chinese search's start-up, almost all of it in {@code
 * ObjectInputStream}. The first process writes the same arrays, read back from smartcn's own
 * loading, as plain numbers into the dictionary copy ({@link Dictionaries}); later processes read
 * them in bulk and hand them to smartcn before it loads: its dictionary classes keep their instance
 * in a non-final static field, which is set only while still empty, under the lock that smartcn's
 * {@code getInstance} takes. Any failure leaves smartcn to load itself as before. {@code
 * SmartcnDictionariesTest} checks the arrays are equal. Thread-safe.
 */
final class SmartcnDictionaries {
  private static final String PACKAGE = "org.apache.lucene.analysis.cn.smart.hhmm.";
  private static final int MAGIC = 0x50445a48; // "PDZH"
  private static final String FILE = "smartcn.bin";

  private SmartcnDictionaries() {}

  /** Installs smartcn's dictionaries from this process's copy, once; a no-op when it cannot. */
  static void install() {
    Installed.DONE.hashCode();
  }

  /** Class initialisation runs the installation once per process. */
  private static final class Installed {
    static final Boolean DONE = install(Dictionaries.cacheRoot());
  }

  /**
   * Installs the dictionaries from the copy under {@code root} (writing the copy first when it is
   * missing); returns whether smartcn now uses them. False when smartcn loaded them already.
   */
  static boolean install(Path root) {
    if (root == null) {
      return false;
    }
    try {
      Path file = root.resolve("zh").resolve(FILE);
      if (!Files.isRegularFile(file)) {
        write(file);
        return false; // loaded the slow way to write the copy; it is in place now
      }
      return read(file);
    } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Class<?> word() throws ClassNotFoundException {
    return Class.forName(PACKAGE + "WordDictionary");
  }

  private static Class<?> bigram() throws ClassNotFoundException {
    return Class.forName(PACKAGE + "BigramDictionary");
  }

  private static Field field(Class<?> c, String name) throws NoSuchFieldException {
    Field f = c.getDeclaredField(name);
    if (Modifier.isFinal(f.getModifiers())) {
      throw new NoSuchFieldException(name + " is final in this Lucene: not set");
    }
    f.setAccessible(true);
    return f;
  }

  /** Loads the dictionaries smartcn's way and writes their arrays to {@code file}. */
  private static void write(Path file) throws IOException, ReflectiveOperationException {
    Tables t = loadedBySmartcn();
    Files.createDirectories(file.getParent());
    Path tmp =
        file.resolveSibling(
            FILE
                + "."
                + ProcessHandle.current().pid()
                + "."
                + Long.toHexString(System.nanoTime())
                + ".tmp");
    try {
      try (DataOutputStream out =
          new DataOutputStream(
              new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(1);
        writeShorts(out, t.wordIndex());
        writeChars(out, t.charIndex());
        char[][][] words = t.words();
        int[][] frequencies = t.frequencies();
        out.writeInt(words.length);
        for (char[][] table : words) {
          out.writeInt(table == null ? -1 : table.length);
          if (table != null) {
            for (char[] word : table) {
              writeChars(out, word);
            }
          }
        }
        out.writeInt(frequencies.length);
        for (int[] table : frequencies) {
          writeInts(out, table);
        }
        long[] hashes = t.hashes();
        out.writeInt(hashes.length);
        for (long h : hashes) {
          out.writeLong(h);
        }
        writeInts(out, t.bigramFrequencies());
        out.writeInt(MAGIC); // the end: a truncated file is not read
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeShorts(DataOutputStream out, short[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (short v : a) {
        out.writeShort(v);
      }
    }
  }

  private static void writeChars(DataOutputStream out, char[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (char v : a) {
        out.writeChar(v);
      }
    }
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (int v : a) {
        out.writeInt(v);
      }
    }
  }

  /** The arrays of both dictionaries, as smartcn's fields hold them. */
  record Tables(
      short[] wordIndex,
      char[] charIndex,
      char[][][] words,
      int[][] frequencies,
      long[] hashes,
      int[] bigramFrequencies) {}

  /**
   * Reads {@code file} and gives smartcn its dictionaries; false when it is unreadable or too late.
   */
  private static boolean read(Path file) throws IOException, ReflectiveOperationException {
    Tables t = parse(file);
    if (t == null) {
      return false;
    }
    Class<?> wordClass = word();
    Class<?> bigramClass = bigram();
    Object w = newInstance(wordClass);
    field(wordClass, "wordIndexTable").set(w, t.wordIndex());
    field(wordClass, "charIndexTable").set(w, t.charIndex());
    field(wordClass, "wordItem_charArrayTable").set(w, t.words());
    field(wordClass, "wordItem_frequencyTable").set(w, t.frequencies());
    Object b = newInstance(bigramClass);
    field(bigramClass, "bigramHashTable").set(b, t.hashes());
    field(bigramClass, "frequencyTable").set(b, t.bigramFrequencies());
    Field wordSingleton = field(wordClass, "singleInstance");
    Field bigramSingleton = field(bigramClass, "singleInstance");
    boolean both;
    // getInstance() is static synchronized: holding the class's lock, nobody loads meanwhile.
    synchronized (wordClass) {
      both = wordSingleton.get(null) == null;
      if (both) {
        wordSingleton.set(null, w);
      }
    }
    synchronized (bigramClass) {
      if (bigramSingleton.get(null) == null) {
        bigramSingleton.set(null, b);
      } else {
        both = false;
      }
    }
    return both;
  }

  /** The tables in {@code file}, or null when it is not a whole copy. */
  static Tables parse(Path file) throws IOException {
    ByteBuffer in;
    try (FileChannel ch = FileChannel.open(file)) {
      in = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    if (in.remaining() < 12
        || in.getInt() != MAGIC
        || in.getInt() != 1
        || in.getInt(in.limit() - 4) != MAGIC) {
      return null;
    }
    short[] wordIndex = readShorts(in);
    char[] charIndex = readChars(in);
    char[][][] words = new char[in.getInt()][][];
    for (int i = 0; i < words.length; i++) {
      int n = in.getInt();
      if (n >= 0) {
        words[i] = new char[n][];
        for (int j = 0; j < n; j++) {
          words[i][j] = readChars(in);
        }
      }
    }
    int[][] frequencies = new int[in.getInt()][];
    for (int i = 0; i < frequencies.length; i++) {
      frequencies[i] = readInts(in);
    }
    long[] hashes = new long[in.getInt()];
    in.asLongBuffer().get(hashes);
    in.position(in.position() + hashes.length * 8);
    int[] bigramFrequencies = readInts(in);
    if (in.remaining() != 4) {
      return null;
    }
    return new Tables(wordIndex, charIndex, words, frequencies, hashes, bigramFrequencies);
  }

  /** smartcn's own tables, loaded its own way (for the test). */
  static Tables loadedBySmartcn() throws ReflectiveOperationException {
    Method wordInstance = word().getDeclaredMethod("getInstance");
    Method bigramInstance = bigram().getDeclaredMethod("getInstance");
    wordInstance.setAccessible(true);
    bigramInstance.setAccessible(true);
    Object w = wordInstance.invoke(null);
    Object b = bigramInstance.invoke(null);
    return new Tables(
        (short[]) field(word(), "wordIndexTable").get(w),
        (char[]) field(word(), "charIndexTable").get(w),
        (char[][][]) field(word(), "wordItem_charArrayTable").get(w),
        (int[][]) field(word(), "wordItem_frequencyTable").get(w),
        (long[]) field(bigram(), "bigramHashTable").get(b),
        (int[]) field(bigram(), "frequencyTable").get(b));
  }

  private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
    Constructor<?> k = c.getDeclaredConstructor();
    k.setAccessible(true);
    return k.newInstance();
  }

  private static short[] readShorts(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    short[] a = new short[n];
    in.asShortBuffer().get(a);
    in.position(in.position() + n * 2);
    return a;
  }

  private static char[] readChars(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    char[] a = new char[n];
    in.asCharBuffer().get(a);
    in.position(in.position() + n * 2);
    return a;
  }

  private static int[] readInts(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    int[] a = new int[n];
    in.asIntBuffer().get(a);
    in.position(in.position() + n * 4);
    return a;
  }
}
