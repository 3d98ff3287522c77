package io.parkdoc.core.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a folder walk enters and what it passes over without a word, shared by the indexer's walk
 * and the watcher: hidden folders and files, version-control metadata, node_modules, editors'
 * backups, and parkdoc indices (each holds its lock file, {@link #INDEX_MARKER}). Stateless.
 *
 * <p>Symbolic links are treated as grep -r, rg and find treat them, so that a link cannot carry
 * files from elsewhere (/etc) into an index other users might read: a link whose target lies inside
 * the indexed folder is followed, once; one that leads out of it is not, unless {@code index
 * --follow} asks for it ({@link #linkRefusal}).
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

  /** The reason a walk gives for a symbolic link it does not follow out of the indexed folder. */
  public static final String LINK_OUTSIDE =
      "symbolic link out of the indexed folder (index --follow follows it)";

  /** The reason a walk gives for a second symbolic link to a target it has followed already. */
  public static final String LINK_AGAIN = "symbolic link to a target indexed once already";

  /**
   * Why a walk does not follow the symbolic link {@code link}, or null when it does.
   *
   * @param boundary the real path (links resolved) of the indexed folder
   * @param follow true when links out of the indexed folder are followed too ({@code --follow})
   * @param followed the real paths of the link targets this walk followed so far, to which this
   *     link's target is added when it is followed; a target is followed once
   */
  public static String linkRefusal(Path link, Path boundary, boolean follow, Set<Path> followed) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      return null; // dangling or unreadable: the walk reports it as such
    }
    if (!follow && !target.startsWith(boundary)) {
      return LINK_OUTSIDE;
    }
    return followed.add(target) ? null : LINK_AGAIN;
  }

  /** The real path of {@code p} (links resolved), or {@code p} normalized when it has none. */
  public static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean isSkippedName(Path dir) {
    Path name = dir.getFileName();
    return name != null
        && (SKIPPED_DIRS.contains(name.toString()) || name.toString().startsWith("."));
  }
}
