package io.parkdoc.core.extract;

/**
 * The text of one file as parkdoc indexes it.
 *
 * @param text the decoded text, markup removed
 * @param title the document's title: an HTML {@code <title>} or its first non-empty line
 * @param encoding the character encoding the bytes were decoded from
 * @param malformed how many invalid byte sequences were replaced by U+FFFD
 */
public record SourceText(String text, String title, String encoding, int malformed) {}
