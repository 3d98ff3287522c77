package io.parkdoc.solr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ResourceLoader;
import org.apache.lucene.util.ResourceLoaderAware;

/**
 * parkdoc's Solr plugin: folds characters one for one inside each term, by a table from the
 * configset ({@code mapping}: lines of two characters separated by a tab; # starts a comment).
 *
 * <p>Stock Solr folds characters only before tokenization ({@code MappingCharFilterFactory}); parkdoc
 * folds Han variants in Japanese and Korean after kuromoji and nori have segmented the text as written
 * (they know the forms their languages write), so the configset parkdoc generates needs this filter
 * there. Its SPI name is {@code parkdocTermFold}.
 */
public final class TermFoldFilterFactory extends TokenFilterFactory implements ResourceLoaderAware {
  public static final String NAME = "parkdocTermFold";

  private final String mapping;
  private char[] fold = new char[0];

  public TermFoldFilterFactory(Map<String, String> args) {
    super(args);
    mapping = require(args, "mapping");
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("Unknown parameters: " + args);
    }
  }

  /** Default constructor for SPI. */
  public TermFoldFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public void inform(ResourceLoader loader) throws IOException {
    char[] table = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c < table.length; c++) table[c] = (char) c;
    try (InputStream in = loader.openResource(mapping)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        String[] parts = line.split("\t");
        if (parts.length != 2 || parts[0].length() != 1 || parts[1].length() != 1) {
          throw new IllegalArgumentException(mapping + ": not two characters and a tab: " + line);
        }
        table[parts[0].charAt(0)] = parts[1].charAt(0);
      }
    }
    fold = table;
  }

  @Override
  public TokenStream create(TokenStream input) {
    char[] table = fold;
    return new TokenFilter(input) {
      private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

      @Override
      public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        char[] b = term.buffer();
        for (int i = 0, n = term.length(); i < n; i++) b[i] = table[b[i]];
        return true;
      }
    };
  }

  @Override
  public TokenStream normalize(TokenStream input) {
    return create(input);
  }
}
