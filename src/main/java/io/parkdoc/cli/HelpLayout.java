package io.parkdoc.cli;

import io.parkdoc.term.TextLayout;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help}'s prose laid out by words at the help's width (the terminal's, on a terminal): the
 * description and footer of every command, where picocli's own wrapping breaks inside a word or a
 * path ({@code ~/.} then {@code local/state/...} on the next line) and does not indent the
 * continuation of a table row. Stateless.
 */
final class HelpLayout {
  private HelpLayout() {}

  /** Installs the layout on {@code cl} and every command under it. */
  static void install(CommandLine cl) {
    cl.getHelpSectionMap()
        .put(
            UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            help -> layout(help.commandSpec().usageMessage().description(), help));
    cl.getHelpSectionMap()
        .put(
            UsageMessageSpec.SECTION_KEY_FOOTER,
            help -> layout(help.commandSpec().usageMessage().footer(), help));
    for (CommandLine sub : cl.getSubcommands().values()) {
      install(sub);
    }
  }

  private static String layout(String[] paragraphs, CommandLine.Help help) {
    if (paragraphs.length == 0) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String p : paragraphs) {
      text.append(String.format(p)).append('\n');
    }
    // one column short of the edge, as picocli leaves it: a line that fills the last column
    // makes some terminals wrap before its newline
    int width = help.commandSpec().usageMessage().width() - 1;
    String laid = TextLayout.wrapBlock(text.toString(), width);
    return laid.replace("\n", System.lineSeparator());
  }
}
