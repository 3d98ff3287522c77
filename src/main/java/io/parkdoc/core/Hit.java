package io.parkdoc.core;

import java.util.List;

/**
 * One search result.
 *
 * @param rank 1 for the best hit, counting from the first result of all pages
 * @param path the absolute path of the document: the key by which explain and open find it again
 * @param lang the recorded language of the document (zh-Hans, zh-Hant, ko, ...)
 * @param score the BM25 score
 * @param title the document's title
 * @param snippets the best passages, in document order
 */
public record Hit(
    int rank, String path, String lang, float score, String title, List<Snippet> snippets) {}
