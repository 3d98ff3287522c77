package io.parkdoc.core;

import java.util.List;

/**
 * The hits of one search.
 *
 * @param total how many documents matched
 * @param totalIsExact false when {@code total} is a lower bound
 * @param hits the requested page of hits
 * @param languages the index languages that were searched
 */
public record SearchResults(long total, boolean totalIsExact, List<Hit> hits, List<String> languages) {}
