package io.parkdoc.cli;

import io.parkdoc.core.analysis.Languages;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The codes {@code --lang} takes, for shell completion: every index language ({@code und} too) and
 * the two Chinese scripts ({@code zh-Hans}, {@code zh-Hant}).
 */
final class LanguageCodes implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    List<String> codes = new ArrayList<>(Languages.indexLanguages());
    int zh = codes.indexOf(Languages.CHINESE);
    codes.add(zh + 1, Languages.SIMPLIFIED_CHINESE);
    codes.add(zh + 2, Languages.TRADITIONAL_CHINESE);
    return codes.iterator();
  }
}
