package io.parkdoc.cli;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.term.StatusReport;
import io.parkdoc.term.TextLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc status}: what is indexed, per language. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Show what the index holds, per language.",
    description = "Show what the index holds, per language.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Option(
      names = "--json",
      description = "Print one JSON object: documents, languages, bytes, index.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    IndexStatus s;
    try (SearchBackend searcher = Backends.search(parent.location())) {
      s = searcher.status();
    }
    if (json) {
      out.println(StatusReport.json(s));
    } else {
      // by words at the terminal's width (a pipe's lines are left whole)
      StringWriter text = new StringWriter();
      StatusReport.print(new PrintWriter(text), s, parent.paths());
      out.print(TextLayout.wrapBlock(text.toString(), Math.max(0, parent.width() - 1)));
    }
    out.flush();
    return ExitCodes.FOUND;
  }
}
