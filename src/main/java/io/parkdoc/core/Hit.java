package io.parkdoc.core;

import java.util.List;

/**
 * One search result.
 *
 * @param rank 1 for the best hit, counting from the first result of all pages
 * @param path the absolute path of the document: the key by which explain and open find it again
 * @param lang the document's main language, the one a reader sees most of (zh-Hans, ko, ...)
 * @param score the BM25 score of its best-matching part
 * @param title the document's title
 * @param snippets the best passages, in document order
 * @param languages every language the document holds text in, the main one first
 */
public record Hit(
    int rank,
    String path,
    String lang,
    float score,
    String title,
    List<Snippet> snippets,
    List<String> languages) {}
