package io.parkdoc.core.extract;

/**
 * Bytes to text: the one seam between a file and the indexing pipeline. It decides once, from a
 * file's first bytes, whether the file is worth reading at all (text in some encoding, or a
 * document format this extractor reads), and then makes its text. Document formats (PDF, Word, ...)
 * plug in here, behind this interface, so that nothing else knows how they are read.
 * Implementations are thread-safe.
 */
public interface Extractor {
  /**
   * Bytes read first from a file of unknown kind: enough to tell text and known formats from the
   * rest.
   */
  int HEAD = 8192;

  /**
   * True when a file whose first bytes are {@code head} (up to {@link #HEAD}) should be read whole.
   */
  boolean accepts(byte[] head);

  /**
   * Extracts the text of a file named {@code fileName} with content {@code bytes}.
   *
   * @param forcedEncoding a charset name to decode text with, or null to detect it
   * @throws NotTextException when the bytes are not text (binary, or no charset fits), with the
   *     reason
   */
  SourceText extract(String fileName, byte[] bytes, String forcedEncoding) throws NotTextException;
}
