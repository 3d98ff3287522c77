package io.parkdoc.cli;

import io.parkdoc.backend.solr.Configset;
import io.parkdoc.backend.solr.SolrAdmin;
import io.parkdoc.backend.solr.SolrHttp;
import io.parkdoc.backend.solr.SolrLocation;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.ParkdocException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc solr}: parkdoc's collection on a SolrCloud cluster. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Create parkdoc's collection on a SolrCloud cluster.",
    description =
        "Create parkdoc's collection on a SolrCloud cluster (--index solr://HOST:PORT/COLLECTION), "
            + "or write the configset parkdoc generates from its analyzers.",
    subcommands = {SolrCommand.Init.class, SolrCommand.WriteConfigset.class})
final class SolrCommand implements Runnable {
  @ParentCommand ParkdocCommand parent;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        parent.spec.commandLine().getSubcommands().get("solr"),
        "a subcommand is needed: init or configset");
  }

  /** The Solr location --index (or PARKDOC_INDEX) names; an error when it names a folder. */
  static SolrLocation location(ParkdocCommand top) {
    IndexLocation where = top.location();
    if (where.isLocal() || !SolrLocation.isSolr(where.uri().toString())) {
      throw new ParkdocException(
          "'parkdoc solr' needs --index solr://HOST:PORT/COLLECTION (or PARKDOC_INDEX set so)");
    }
    return SolrLocation.parse(where.uri().toString(), top.env().get("PARKDOC_SOLR_AUTH"))
        .withTrustStore(top.env().get("PARKDOC_SOLR_TRUSTSTORE"));
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      header = "Upload parkdoc's configset and create the collection.",
      description =
          "Upload the configset parkdoc generates from its analyzers (Configsets API) and create "
              + "the collection (Collections API).")
  static final class Init implements java.util.concurrent.Callable<Integer> {
    @ParentCommand SolrCommand solr;

    @Option(
        names = "--shards",
        paramLabel = "N",
        defaultValue = "2",
        description = "Shards (default: 2).")
    int shards;

    @Option(
        names = "--replicas",
        paramLabel = "R",
        defaultValue = "2",
        description = "Replicas of each shard (default: 2, so that a node can fail).")
    int replicas;

    @Override
    public Integer call() {
      SolrLocation where = location(solr.parent);
      SolrAdmin.Created c = new SolrAdmin(new SolrHttp(where)).init(shards, replicas);
      PrintWriter out = solr.parent.spec.commandLine().getOut();
      out.println(
          "created collection "
              + c.collection()
              + " ("
              + c.shards()
              + " shards x "
              + c.replicas()
              + " replicas, configset "
              + c.configset()
              + ") on "
              + where.node());
      out.flush();
      return ExitCodes.FOUND;
    }
  }

  @Command(
      name = "configset",
      mixinStandardHelpOptions = true,
      header = "Write the configset parkdoc generates into a folder.",
      description =
          "Write the configset parkdoc generates from its analyzers into DIR, for a cluster whose "
              + "configsets are managed by hand (solr zk upconfig).")
  static final class WriteConfigset implements java.util.concurrent.Callable<Integer> {
    @ParentCommand SolrCommand solr;

    @Parameters(paramLabel = "DIR", description = "The folder to write (created).")
    Path dir;

    @Override
    public Integer call() {
      Path target = solr.parent.env().cwd().resolve(dir);
      try {
        Files.createDirectories(target);
        for (Map.Entry<String, byte[]> e : Configset.files().entrySet()) {
          Files.write(target.resolve(e.getKey()), e.getValue());
        }
      } catch (IOException e) {
        throw new ParkdocException(
            "cannot write the configset to " + target + ": " + e.getMessage(), e);
      }
      PrintWriter out = solr.parent.spec.commandLine().getOut();
      out.println("wrote " + Configset.files().size() + " files to " + target);
      out.flush();
      return ExitCodes.FOUND;
    }
  }
}
