package io.parkdoc.core;

import java.util.List;

/**
 * What a {@link DocumentStore} remembers of a file it holds: enough to tell, without reading the
 * file, whether it changed since.
 *
 * @param path the file's key ({@code FileKeys})
 * @param indexLangs the index languages of its parts, as stored
 * @param size the file's size in bytes
 * @param mtime its modification time in milliseconds, or -1 when not to be trusted
 * @param hash the SHA-256 of its bytes, hex
 * @param intact false when its parts disagree (a crash between two language indices' commits left a
 *     part of another version, or one part too many or too few): it is indexed again
 */
public record StoredDocument(
    String path, List<String> indexLangs, long size, long mtime, String hash, boolean intact) {}
