package io.parkdoc.core;

import java.util.List;
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
 * @param cluster for an index on a server cluster, one line per part of it and its health (a
 *     SolrCloud shard and its replicas); empty for a local index
 */
public record IndexStatus(
    IndexLocation index,
    long documents,
    Map<String, Long> languages,
    long bytes,
    long sourceBytes,
    Map<String, Long> textLanguages,
    List<String> cluster) {
  /** The status of a local index. */
  public IndexStatus(
      IndexLocation index,
      long documents,
      Map<String, Long> languages,
      long bytes,
      long sourceBytes,
      Map<String, Long> textLanguages) {
    this(index, documents, languages, bytes, sourceBytes, textLanguages, List.of());
  }
}
