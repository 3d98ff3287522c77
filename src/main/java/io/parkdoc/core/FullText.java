package io.parkdoc.core;

import java.util.List;

/**
 * A whole document with the places a search matched in it, kept as data until a front end renders
 * it.
 *
 * @param path the absolute path of the document
 * @param lang its recorded language
 * @param title its title
 * @param text its whole text, as indexed
 * @param highlights matched spans as UTF-16 offsets into {@code text}, ascending, not overlapping
 */
public record FullText(
    String path, String lang, String title, String text, List<Snippet.Span> highlights) {}
