package io.parkdoc.core.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a folder walk enters and what it passes over without a word, shared by the indexer's walk
 * and the watcher: hidden folders and files, version-control metadata, node_modules, editors'
 * backups, and parkdoc indices (each holds its lock file, {@link #INDEX_MARKER}). Stateless.
 */
public final class FolderWalk {
  /**
   * The file every local parkdoc index holds (its write lock), by which a walk knows an index
   * folder.
   */
  public static final String INDEX_MARKER = "parkdoc.lock";

  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules");

  private FolderWalk() {}

  /**
   * True for a folder a walk does not enter: hidden ones and version-control metadata (.git, .svn),
   * node_modules, and parkdoc indices ({@code indexFolder}, or any holding a parkdoc lock file).
   *
   * @param indexFolder the folder of the index being written, or null when it has none here
   */
  public static boolean skipsFolder(Path dir, Path indexFolder) {
    return dir.equals(indexFolder) || isSkippedName(dir) || Files.exists(dir.resolve(INDEX_MARKER));
  }

  /**
   * True for files a walk passes over without a word, as it does hidden folders: hidden files
   * (.bashrc, an editor's .swp) and editors' backups (notes.txt~, #notes.txt#), copies of documents
   * that are indexed already.
   */
  public static boolean isHiddenOrBackup(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String n = name.toString();
    return n.startsWith(".") || n.endsWith("~") || n.startsWith("#") && n.endsWith("#");
  }

  private static boolean isSkippedName(Path dir) {
    Path name = dir.getFileName();
    return name != null
        && (SKIPPED_DIRS.contains(name.toString()) || name.toString().startsWith("."));
  }
}
