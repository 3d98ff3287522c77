package io.parkdoc.cli;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.query.Analysis;
import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.QueryTranslation;
import io.parkdoc.core.query.translate.Translator;
import io.parkdoc.term.Json;
import io.parkdoc.term.Styles;
import io.parkdoc.term.TextLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.utils.AttributedStringBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc analyze TEXT...}: the tokens each language's analyzers make of a text. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Show the tokens each language's analyzers make of a text.",
    description = {
      "Show how parkdoc sees a text: the tokens each language's analyzer makes of it (term, position, "
          + "offsets, type), and for Korean, Japanese and Chinese the CJK bigrams beside them. "
          + "Without --lang, the languages a search for the text would use in the index (every one a search "
          + "could use, when there is no index). Offsets count characters (code points).",
    })
final class AnalyzeCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Parameters(
      paramLabel = "TEXT",
      arity = "1..*",
      description = "The text; several arguments are joined with spaces; '-' reads standard input.")
  List<String> text = new ArrayList<>();

  @Option(
      names = {"-l", "--lang"},
      completionCandidates = LanguageCodes.class,
      paramLabel = "LANG",
      split = ",",
      description = "Analyse as these languages (ko, ja, zh, zh-Hant, en, ...).")
  List<String> langs = new ArrayList<>();

  @Option(
      names = {"-a", "--attributes"},
      description =
          "Also show what else each analyzer says of a token (part of speech, reading, ...).")
  boolean attributes;

  @Option(
      names = "--json",
      description = "Print one JSON object per language field: lang, field, analyzer, tokens.")
  boolean json;

  @Override
  public Integer call() {
    String input = String.join(" ", text);
    if (input.equals("-")) {
      try {
        input = new String(parent.env().stdin().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ParkdocException("cannot read standard input: " + e.getMessage(), e);
      }
    }
    List<Analysis.FieldTokens> fields =
        Analysis.analyze(input, langs, Backends.languages(parent.location()));
    PrintWriter out = parent.spec.commandLine().getOut();
    for (Analysis.FieldTokens f : fields) {
      if (json) {
        out.println(Json.write(toJson(f, input)));
      } else {
        print(out, f, input);
      }
    }
    if (!json) {
      printTranslations(out, input);
    }
    out.flush();
    return ExitCodes.FOUND;
  }

  /**
   * The words a search would translate and their best candidates per language, before the index
   * keeps those it holds (a search shows what it kept above its hits).
   */
  private void printTranslations(PrintWriter out, String input) {
    QueryTranslation t =
        Translator.bundled()
            .translate(input, null, Set.copyOf(Translator.LANGUAGES), DocFrequencies.ANY);
    if (t.isEmpty()) {
      return;
    }
    boolean color = parent.color();
    out.println(
        Styles.render(
            new AttributedStringBuilder()
                .styled(Styles.LANG, "translation")
                .append("  ")
                .styled(Styles.DIM, "candidates; a search keeps those its index holds")
                .toAttributedString(),
            color));
    for (QueryTranslation.Term term : t.terms()) {
      AttributedStringBuilder line = new AttributedStringBuilder().append("      ");
      line.styled(Styles.MATCH, term.source()).append(" (" + term.sourceLang() + ")");
      term.targets()
          .forEach((lang, words) -> line.append("  " + lang + ": " + String.join(", ", words)));
      out.println(Styles.render(line.toAttributedString(), color));
    }
  }

  private void print(PrintWriter out, Analysis.FieldTokens f, String input) {
    boolean color = parent.color();
    AttributedStringBuilder head = new AttributedStringBuilder();
    head.styled(Styles.LANG, f.lang())
        .append("  ")
        .styled(Styles.PATH, f.field())
        .append("  ")
        .styled(Styles.DIM, f.analyzer());
    out.println(Styles.render(head.toAttributedString(), color));
    if (f.tokens().isEmpty()) {
      out.println(
          Styles.render(
              new AttributedStringBuilder()
                  .append("      ")
                  .styled(Styles.DIM, "(no tokens)")
                  .toAttributedString(),
              color));
    }
    int termWidth = f.tokens().stream().mapToInt(t -> TextLayout.width(t.term())).max().orElse(0);
    int offsetWidth = f.tokens().stream().mapToInt(t -> offsets(t, input).length()).max().orElse(0);
    for (Analysis.Token t : f.tokens()) {
      AttributedStringBuilder line = new AttributedStringBuilder();
      String pos =
          t.positionLength() > 1
              ? t.position() + "+" + t.positionLength()
              : String.valueOf(t.position());
      line.append(String.format(Locale.ROOT, "%6s  ", pos));
      line.styled(Styles.MATCH, t.term())
          .append(" ".repeat(termWidth - TextLayout.width(t.term()) + 2));
      String off = offsets(t, input);
      line.append(off).append(" ".repeat(offsetWidth - off.length() + 2));
      line.styled(Styles.DIM, t.type());
      if (attributes) {
        t.attributes().forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
      }
      out.println(Styles.render(line.toAttributedString(), color));
    }
  }

  private static String offsets(Analysis.Token t, String input) {
    return codePoints(input, t.start()) + "-" + codePoints(input, t.end());
  }

  private static int codePoints(String s, int utf16) {
    return s.codePointCount(0, Math.min(Math.max(0, utf16), s.length()));
  }

  private static Map<String, Object> toJson(Analysis.FieldTokens f, String input) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lang", f.lang());
    m.put("field", f.field());
    m.put("analyzer", f.analyzer());
    m.put(
        "tokens",
        f.tokens().stream()
            .map(
                t -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("term", t.term());
                  o.put("start", codePoints(input, t.start()));
                  o.put("end", codePoints(input, t.end()));
                  o.put("position", t.position());
                  o.put("positionLength", t.positionLength());
                  o.put("type", t.type());
                  o.put("attributes", t.attributes());
                  return o;
                })
            .toList());
    return m;
  }
}
