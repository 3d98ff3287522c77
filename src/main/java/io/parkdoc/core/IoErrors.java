package io.parkdoc.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The cause of an I/O error in the words a user acts on: "permission denied", "read-only file
 * system", "is a file, not a folder", rather than the bare path a {@link FileSystemException}
 * carries as its message. Stateless.
 */
public final class IoErrors {
  private IoErrors() {}

  /** Why {@code e} happened, without the file name (the caller's message names the file). */
  public static String reason(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "symbolic link loop";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException
        || e instanceof FileAlreadyExistsException && isFile(((FileSystemException) e).getFile())) {
      return "is a file, not a folder";
    }
    String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    if (reason != null) {
      String r = reason.toLowerCase(Locale.ROOT);
      if (r.contains("read-only file system")) {
        return "read-only file system";
      }
      if (r.contains("permission denied")) {
        return "permission denied";
      }
      if (r.contains("no space left")) {
        return "no space left on the device";
      }
      if (r.contains("not a directory")) {
        return "is a file, not a folder";
      }
      if (e instanceof FileSystemException) {
        return reason;
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean isFile(String path) {
    return path != null && Files.isRegularFile(Path.of(path));
  }
}
