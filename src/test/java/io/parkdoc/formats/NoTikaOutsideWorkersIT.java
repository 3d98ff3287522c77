package io.parkdoc.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.ParkdocProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user runs it, with the JVM's class-loading log: {@code index} reads
 * PDF and Word files without loading a Tika (or extraction worker) class in its own JVM, and {@code
 * search} and {@code status} load none either. Tika lives in the worker processes only.
 */
class NoTikaOutsideWorkersIT {
  @TempDir static Path dir;
  static Path docs;

  record Run(int code, String out, String err, List<String> loaded) {}

  static Run parkdoc(String name, String... args) throws IOException, InterruptedException {
    Path log = dir.resolve(name + ".classes");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                ParkdocProcess.jar().toString(),
                "--index",
                dir.resolve("index").toString()));
    cmd.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    assertTrue(
        p.waitFor(300, TimeUnit.SECONDS), "parkdoc " + String.join(" ", args) + " did not finish");
    List<String> loaded =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
            .map(l -> l.split(" ", 2)[0])
            .toList();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err), loaded);
  }

  static List<String> forbidden(Run r) {
    return r.loaded().stream()
        .filter(
            c ->
                c.startsWith("org.apache.tika.")
                    || c.startsWith("org.apache.pdfbox.")
                    || c.startsWith("org.apache.poi.")
                    || c.startsWith("io.parkdoc.formats."))
        .toList();
  }

  @BeforeAll
  static void documents() throws IOException {
    docs = Files.createDirectories(dir.resolve("docs"));
    for (String name : List.of("ko.pdf", "en.docx", "ja.odt")) {
      Files.copy(FormatFixturesTest.FIXTURES.resolve(name), docs.resolve(name));
    }
  }

  @Test
  void indexReadsDocumentsInWorkersAndSearchLoadsNoParser() throws Exception {
    Run index = parkdoc("index", "index", docs.toString());
    assertEquals(0, index.code(), index.err());
    assertTrue(index.out().contains("3 added"), index.out());
    assertTrue(
        index.loaded().size() > 1000, "the class-loading log is read: " + index.loaded().size());
    assertEquals(List.of(), forbidden(index), "parser classes in the indexing JVM");

    Run search = parkdoc("search", "search", "데이터 베이스를");
    assertEquals(0, search.code(), search.err());
    assertTrue(search.out().contains("ko.pdf") && search.out().contains("p. 2"), search.out());
    assertEquals(List.of(), forbidden(search), "parser classes in a search");
    assertTrue(
        search.loaded().stream()
            .noneMatch(c -> c.startsWith("io.parkdoc.core.extract.DocumentExtractor")),
        "a search does not even load the extraction client");

    Run status = parkdoc("status", "status");
    assertEquals(List.of(), forbidden(status), "parser classes in status");
  }
}
