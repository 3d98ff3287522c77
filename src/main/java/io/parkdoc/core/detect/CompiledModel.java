package io.parkdoc.core.detect;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The language model in the form {@link NgramScorer} evaluates, as bytes that load in tens of
 * milliseconds: OpenNLP's own reading of {@code langdetect-183.bin} (a zipped maxent model whose
 * 146,000 predicates are parsed from text into a hash map of strings) took about 0.6 s of CPU in a
 * fresh JVM, on every run that detected anything.
 *
 * <p>The build writes it ({@code io.parkdoc.core.detect.CompiledModel <path>...}, Maven's
 * process-classes phase) next to this class as {@value #RESOURCE}, and a copy next to the jar
 * (which the jar would hold compressed), from the OpenNLP model on the classpath and nothing else,
 * so the same model always gives the same bytes. It holds the model's SHA-256, which a test
 * compares with the model's, and {@link DetectorModel} falls back to OpenNLP's reading when it is
 * absent or unreadable.
 *
 * <p>Layout, big-endian: magic {@code PDNG}, format version, the source model's SHA-256 (32 bytes),
 * the number of outcomes and their labels (modified UTF-8), the number of predicates P and of
 * weights W; then P n-gram keys (long), P weight counts (unsigned byte), W outcome ids (unsigned
 * byte) and W weights (double, exactly the model's: floats would move the probabilities).
 */
final class CompiledModel {
  /** The resource's name, next to this class. */
  static final String RESOURCE = "langdetect-183.ngrams";

  private static final int MAGIC = 0x50444e47; // "PDNG"

  /** Bump when the layout, or what {@link NgramScorer#of(LanguageDetectorModel)} keeps, changes. */
  static final int VERSION = 2;

  private static final int CHUNK = 1 << 16;

  /** The outcome labels, in the model's order. */
  final String[] labels;

  final NgramScorer scorer;

  /** SHA-256 of the OpenNLP model this was compiled from. */
  final byte[] sourceSha256;

  CompiledModel(String[] labels, NgramScorer scorer, byte[] sourceSha256) {
    this.labels = labels;
    this.scorer = scorer;
    this.sourceSha256 = sourceSha256;
  }

  /**
   * The compiled form of the OpenNLP model in {@code modelBytes}, or null if it cannot have one.
   */
  static CompiledModel compile(byte[] modelBytes) throws IOException {
    LanguageDetectorModel model = new LanguageDetectorModel(new ByteArrayInputStream(modelBytes));
    NgramScorer scorer = NgramScorer.of(model);
    if (scorer == null) {
      return null;
    }
    return new CompiledModel(
        new LanguageDetectorME(model).getSupportedLanguages(), scorer, sha256(modelBytes));
  }

  /**
   * The model the build compiled, or null when it wrote none: from the uncompressed copy it left
   * next to the jar when that copy's header (format, source model's checksum) is the jar's own
   * resource's, else from that resource. Inflating the resource out of the jar took about 45 ms of
   * CPU, more than the rest of the reading; the copy is read as it lies.
   */
  static CompiledModel fromClasspath() throws IOException {
    try (InputStream in = CompiledModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      return read(in, besideTheJar());
    }
  }

  /**
   * The model in {@code resource}, read from {@code copy} instead when that file (may be null)
   * starts with the same header.
   */
  static CompiledModel read(InputStream resource, Path copy) throws IOException {
    if (copy == null) {
      return read(resource);
    }
    byte[] header = resource.readNBytes(HEADER);
    try (InputStream in = Files.newInputStream(copy)) {
      if (Arrays.equals(header, in.readNBytes(HEADER))) {
        return read(new SequenceInputStream(new ByteArrayInputStream(header), in));
      }
    } catch (IOException e) {
      // unreadable (another user's build, say): the resource is the truth anyway
    }
    return read(new SequenceInputStream(new ByteArrayInputStream(header), resource));
  }

  /** Magic, version and the source model's SHA-256. */
  private static final int HEADER = 4 + 4 + 32;

  /** Where the build leaves the uncompressed copy: next to the jar this class came from. */
  private static Path besideTheJar() {
    try {
      var source = CompiledModel.class.getProtectionDomain().getCodeSource();
      if (source == null || !"file".equals(source.getLocation().getProtocol())) {
        return null;
      }
      Path jar = Path.of(source.getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        return null; // a classes folder: the resource is a plain file there
      }
      Path beside = jar.resolveSibling(RESOURCE);
      return Files.isRegularFile(beside) ? beside : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  static CompiledModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, CHUNK));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a compiled language model");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("compiled language model version " + version + ", not " + VERSION);
    }
    byte[] sha = new byte[32];
    in.readFully(sha);
    int outcomes = in.readInt();
    if (outcomes <= 0 || outcomes > 256) {
      throw new IOException("compiled language model with " + outcomes + " outcomes");
    }
    String[] labels = new String[outcomes];
    for (int i = 0; i < outcomes; i++) {
      labels[i] = in.readUTF();
    }
    int predicates = in.readInt();
    int total = in.readInt();
    if (predicates < 0 || total < 0 || (long) predicates * outcomes < total) {
      throw new IOException("compiled language model with bad sizes");
    }
    byte[] buffer = new byte[CHUNK];
    long[] grams = new long[predicates];
    for (int at = 0; at < predicates; ) {
      int n = Math.min(predicates - at, CHUNK / Long.BYTES);
      in.readFully(buffer, 0, n * Long.BYTES);
      ByteBuffer.wrap(buffer, 0, n * Long.BYTES).asLongBuffer().get(grams, at, n);
      at += n;
    }
    int[] starts = new int[predicates + 1];
    for (int at = 0; at <= predicates; ) {
      int n = Math.min(predicates + 1 - at, CHUNK / Integer.BYTES);
      in.readFully(buffer, 0, n * Integer.BYTES);
      ByteBuffer.wrap(buffer, 0, n * Integer.BYTES).asIntBuffer().get(starts, at, n);
      at += n;
    }
    byte[] outcomeIds = new byte[total];
    in.readFully(outcomeIds);
    double[] weights = new double[total];
    for (int at = 0; at < total; ) {
      int n = Math.min(total - at, CHUNK / Double.BYTES);
      in.readFully(buffer, 0, n * Double.BYTES);
      ByteBuffer.wrap(buffer, 0, n * Double.BYTES).asDoubleBuffer().get(weights, at, n);
      at += n;
    }
    if (in.read() != -1) {
      throw new IOException("compiled language model: bytes after the weights");
    }
    try {
      return new CompiledModel(
          labels, NgramScorer.of(outcomes, grams, starts, outcomeIds, weights), sha);
    } catch (IllegalArgumentException e) {
      throw new IOException("compiled language model: " + e.getMessage(), e);
    }
  }

  void write(OutputStream raw) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, CHUNK));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.write(sourceSha256);
    out.writeInt(labels.length);
    for (String label : labels) {
      out.writeUTF(label);
    }
    long[] grams = scorer.grams();
    int[] starts = scorer.starts();
    byte[] outcomeIds = scorer.outcomeIds();
    double[] weights = scorer.weights();
    out.writeInt(grams.length);
    out.writeInt(outcomeIds.length);
    for (long g : grams) {
      out.writeLong(g);
    }
    for (int start : starts) {
      out.writeInt(start);
    }
    out.write(outcomeIds);
    for (double w : weights) {
      out.writeDouble(w);
    }
    out.flush();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The OpenNLP model's bytes, from the classpath. */
  static byte[] sourceModel() throws IOException {
    try (InputStream in =
        CompiledModel.class.getClassLoader().getResourceAsStream(LanguageDetector.MODEL_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            LanguageDetector.MODEL_RESOURCE
                + " is not on the classpath (opennlp-models-langdetect)");
      }
      return in.readAllBytes();
    }
  }

  /**
   * Writes the compiled model of the classpath's OpenNLP model to each path in {@code args} (the
   * resource in the classes folder, the copy next to the jar), unless the file there already is
   * that model's, in this version. Run by the build.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: CompiledModel OUTPUT...");
      System.exit(2);
    }
    byte[] model = sourceModel();
    byte[] sha = sha256(model);
    CompiledModel compiled = null;
    for (String arg : args) {
      Path target = Path.of(arg).toAbsolutePath();
      if (Files.isRegularFile(target) && Arrays.equals(headerSha(target), sha)) {
        continue; // current: compiling takes a second or two of every build
      }
      if (compiled == null) {
        compiled = compile(model);
      }
      if (compiled == null) {
        Files.deleteIfExists(target);
        System.err.println(
            "CompiledModel: the model's features are not OpenNLP's defaults; not compiled");
        continue;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), RESOURCE, ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        compiled.write(out);
      }
      try {
        // readable as the jar is (a temporary file is its owner's only)
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its default
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.err.println(
          "CompiledModel: wrote "
              + target
              + " from "
              + LanguageDetector.MODEL_RESOURCE
              + " (SHA-256 "
              + HexFormat.of().formatHex(sha)
              + ")");
    }
  }

  /** The source SHA-256 in the header of the file at {@code path} in this version, else null. */
  private static byte[] headerSha(Path path) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return null;
      }
      byte[] sha = new byte[32];
      in.readFully(sha);
      return sha;
    } catch (EOFException e) {
      return null;
    }
  }
}
