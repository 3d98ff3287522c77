package io.parkdoc.core;

import java.util.Map;

/**
 * What an index holds.
 *
 * @param index where the index is
 * @param documents documents in all languages
 * @param languages documents per recorded language (zh-Hans and zh-Hant apart), largest first
 * @param bytes the size of the index on disk
 * @param sourceBytes the size of the indexed files
 * @param textLanguages documents holding text in each language (a Korean manual with English
 *     paragraphs counts under both), largest first
 */
public record IndexStatus(
    IndexLocation index,
    long documents,
    Map<String, Long> languages,
    long bytes,
    long sourceBytes,
    Map<String, Long> textLanguages) {}
