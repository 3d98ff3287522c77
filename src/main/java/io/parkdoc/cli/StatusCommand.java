package io.parkdoc.cli;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.term.StatusReport;
import java.io.PrintWriter;
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
      StatusReport.print(out, s, parent.paths());
    }
    out.flush();
    return ExitCodes.FOUND;
  }
}
