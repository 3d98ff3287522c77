package io.parkdoc.core;

/**
 * What a {@link DocumentStore} remembers of a file it holds: enough to tell, without reading the
 * file, whether it changed since.
 *
 * @param path the file's key ({@code FileKeys})
 * @param indexLang the index language it is stored under
 * @param size the file's size in bytes
 * @param mtime its modification time in milliseconds, or -1 when not to be trusted
 * @param hash the SHA-256 of its bytes, hex
 * @param copies how many stored documents carry this path (more than one only after a crash)
 */
public record StoredDocument(
    String path, String indexLang, long size, long mtime, String hash, int copies) {}
