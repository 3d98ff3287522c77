package io.parkdoc.backend.lucene;

import io.parkdoc.core.IoErrors;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.PrivateFiles;
import io.parkdoc.core.Version;
import io.parkdoc.core.analysis.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * The on-disk layout of a parkdoc index: one Lucene index per language under {@code <root>/<lang>/}
 * and a manifest, {@code <root>/manifest.properties}, with the format version and each language's
 * analyzer and document count.
 *
 * <p>The index folder, its language folders and the manifest are private to their owner (0700 and
 * 0600, {@link PrivateFiles}) whatever the umask: they hold the text of every document indexed.
 *
 * <p>Immutable; the methods touch the file system and are safe to call from any thread.
 */
public final class IndexLayout {
  /**
   * Bumped whenever documents indexed by an older parkdoc can no longer be searched correctly (3: a
   * file is one document per language it holds text in; 4: each part's language and the file's main
   * language in doc values, which Lucene cannot add to a field that has none in older segments; 5:
   * what a hit shows (title, languages, marks) in doc values, stored fields with DEFLATE, CJK
   * bigrams without offsets).
   */
  public static final int FORMAT = 5;

  /**
   * The codec every language index is written with: Lucene's default with its stored fields in
   * {@code BEST_COMPRESSION} mode (DEFLATE). The stored text is read only for the passages of the
   * hits shown and by a verbatim scan; what every hit needs comes from doc values
   * (docs/indexing.md, "Index size").
   */
  public static Codec codec() {
    return new Lucene104Codec(Lucene104Codec.Mode.BEST_COMPRESSION);
  }

  private static final String MANIFEST = "manifest.properties";
  private final Path root;

  public IndexLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path languageDir(String indexLang) {
    return root.resolve(indexLang);
  }

  /**
   * Creates the index folder private, or makes the folder of an existing index private (an index
   * written by an older parkdoc with the umask's 0755), and likewise each language folder.
   */
  public void createPrivate() throws IOException {
    boolean existed = Files.isDirectory(root);
    PrivateFiles.createFolders(root);
    if (existed && (exists() || isEmpty(root))) {
      PrivateFiles.restrict(root);
      PrivateFiles.restrict(root.resolve(MANIFEST));
    }
    for (String lang : Languages.indexLanguages()) {
      if (Files.isDirectory(languageDir(lang))) {
        PrivateFiles.restrict(languageDir(lang));
      }
    }
  }

  /** Creates the folder of {@code indexLang}'s Lucene index, private. */
  public void createLanguageDir(String indexLang) throws IOException {
    PrivateFiles.createFolders(languageDir(indexLang));
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** True when a parkdoc index (its manifest) exists here. */
  public boolean exists() {
    return Files.isRegularFile(root.resolve(MANIFEST));
  }

  /**
   * Checks that the index's path is not a file (a mistyped {@code --index}).
   *
   * @throws ParkdocException saying the path is a file, not a folder
   */
  public void requireFolder() {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new ParkdocException(
          "the index " + root + " is a file, not a folder: --index names the index's folder");
    }
  }

  /**
   * Checks that the index exists and was written in this parkdoc's format.
   *
   * @throws ParkdocException with a message saying how to create or rebuild the index
   */
  public void requireSearchable() {
    requireFolder();
    if (!exists()) {
      throw new ParkdocException(
          "no index at "
              + root
              + ": create one with 'parkdoc index PATH' (or choose one with --index DIR)");
    }
    checkFormat(readManifest());
  }

  public void checkFormat(Properties manifest) {
    String format = manifest.getProperty("format", "?");
    if (!String.valueOf(FORMAT).equals(format)) {
      throw new ParkdocException(
          "the index at "
              + root
              + " has format "
              + format
              + " but this parkdoc reads format "
              + FORMAT
              + ": rebuild it with 'parkdoc index --rebuild PATH'");
    }
    for (String lang : languagesOnDisk()) {
      String recorded = manifest.getProperty("lang." + lang + ".analyzer");
      if (recorded != null && !recorded.equals(Languages.analyzerName(lang))) {
        throw new ParkdocException(
            "the "
                + lang
                + " index at "
                + root
                + " was built with another analyzer ("
                + recorded
                + "): rebuild it with 'parkdoc index --rebuild PATH'");
      }
    }
  }

  /** The index languages that have a Lucene index on disk, in {@link Languages} order. */
  public List<String> languagesOnDisk() {
    List<String> langs = new ArrayList<>();
    for (String lang : Languages.indexLanguages()) {
      if (Files.isDirectory(languageDir(lang)) && hasSegments(languageDir(lang))) {
        langs.add(lang);
      }
    }
    return langs;
  }

  private static boolean hasSegments(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "segments_*")) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** The manifest's properties, empty when there is none. */
  public Properties readManifest() {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(root.resolve(MANIFEST))) {
      p.load(in);
    } catch (NoSuchFileException e) {
      // no manifest yet: a new index
    } catch (IOException e) {
      throw new ParkdocException(
          "cannot read the index manifest in " + root + ": " + IoErrors.reason(e), e);
    }
    return p;
  }

  /** Writes the manifest atomically (a temporary file moved into place), keys sorted. */
  public void writeManifest(Map<String, Long> documentsPerLanguage) {
    Map<String, String> p = new TreeMap<>();
    p.put("format", String.valueOf(FORMAT));
    p.put("writer", "parkdoc " + Version.VERSION);
    for (var e : documentsPerLanguage.entrySet()) {
      p.put("lang." + e.getKey() + ".analyzer", Languages.analyzerName(e.getKey()));
      p.put("lang." + e.getKey() + ".documents", String.valueOf(e.getValue()));
    }
    StringBuilder text = new StringBuilder("# parkdoc index manifest\n");
    p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path tmp = root.resolve(MANIFEST + ".tmp");
    try {
      PrivateFiles.createFolders(root);
      Files.deleteIfExists(tmp);
      PrivateFiles.createFile(tmp);
      Files.writeString(tmp, text, java.nio.charset.StandardCharsets.ISO_8859_1);
      try {
        Files.move(
            tmp,
            root.resolve(MANIFEST),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, root.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ParkdocException(
          "cannot write the index manifest in " + root + ": " + IoErrors.reason(e), e);
    }
  }

  /** The bytes the index takes on disk. */
  public long diskBytes() {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
