package io.parkdoc.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner may read, whatever the umask: an index holds the text of every
 * document it indexed, and the shell's history every query typed, so neither may be readable by the
 * other users of the machine (0700 folders, 0600 files). On a file system without POSIX permissions
 * the calls fall back to the plain ones. Stateless.
 */
public final class PrivateFiles {
  /** rwx------ */
  public static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  /** rw------- */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and any missing parents as private folders; a folder that exists already is
   * left as it is.
   */
  public static void createFolders(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      createFolders(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    // the umask may have taken bits away, never added any; set them exactly
    Files.setPosixFilePermissions(dir, FOLDER);
  }

  /**
   * Makes the existing folder or file {@code p} private (0700 or 0600) when this user owns it; one
   * another user owns (an index folder root made for everyone) keeps its permissions, which only
   * its owner may change.
   */
  public static void restrict(Path p) throws IOException {
    if (posix(p) && Files.exists(p) && ownedByMe(p)) {
      Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
    }
  }

  private static boolean ownedByMe(Path p) throws IOException {
    return Files.getOwner(p).getName().equals(System.getProperty("user.name"));
  }

  /** Creates {@code file} empty and private when it does not exist, else makes it private. */
  public static void createFile(Path file) throws IOException {
    if (!posix(file)) {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      return;
    }
    try {
      Files.createFile(file, fileAttribute());
    } catch (FileAlreadyExistsException e) {
      restrict(file); // kept, made private when it is this user's
      return;
    }
    Files.setPosixFilePermissions(file, FILE);
  }

  /** The attribute that creates a file private (0600), for {@link Files#createFile} and kin. */
  public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** True when the file system holding {@code p} has POSIX permissions. */
  public static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
