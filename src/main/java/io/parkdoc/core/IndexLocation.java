package io.parkdoc.core;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where an index lives: a local folder (one Lucene index per language) or, for a backend that is a
 * server, a URL such as {@code solr://host:8983/docs}.
 *
 * @param folder the index folder for a local index, else null
 * @param uri the server's address for a remote index, else null
 */
public record IndexLocation(Path folder, URI uri) {
  /**
   * The location {@code text} names: a URL with a scheme a backend serves ({@code solr://}, {@code
   * solrs://}), else a folder resolved against {@code cwd}.
   *
   * @throws ParkdocException when {@code text} is neither
   */
  public static IndexLocation parse(String text, Path cwd) {
    if (text.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      try {
        return new IndexLocation(null, new URI(text));
      } catch (java.net.URISyntaxException e) {
        throw new ParkdocException("not a valid index address: " + text, e);
      }
    }
    try {
      return new IndexLocation(cwd.resolve(text).normalize(), null);
    } catch (InvalidPathException e) {
      throw new ParkdocException("not a valid index folder: " + text, e);
    }
  }

  /** A local index in {@code folder}. */
  public static IndexLocation of(Path folder) {
    return new IndexLocation(folder, null);
  }

  /** True for an index in a local folder. */
  public boolean isLocal() {
    return folder != null;
  }

  @Override
  public String toString() {
    return isLocal() ? folder.toString() : uri.toString();
  }
}
