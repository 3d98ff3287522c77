package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkdoc.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parkdoc completion bash|zsh|fish}: the bash script, run by bash as its completion would
 * run it, completes commands, options, {@code --lang} codes and paths.
 */
class CompletionTest {
  @TempDir static Path work;
  private static Path bashScript;

  static String completion(String shell) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code =
          Main.run(
              o,
              e,
              Environment.of(Map.of(), new ByteArrayInputStream(new byte[0]), work),
              "completion",
              shell);
    }
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  @BeforeAll
  static void writeScript() throws IOException {
    bashScript = Files.writeString(work.resolve("parkdoc.bash"), completion("bash"));
    Files.writeString(work.resolve("notes-one.txt"), "x");
    Files.writeString(work.resolve("notes-two.md"), "x");
  }

  /**
   * The words bash's completion offers for the command line {@code words} (the last one being
   * completed), found by calling the script's function as bash's {@code complete -F} would.
   */
  static List<String> complete(String... words) throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/bin/bash")), "skipped: bash is not installed (/bin/bash)");
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w.replace("'", "'\\''")).append("'");
    }
    String program =
        "source '"
            + bashScript
            + "'\n"
            + "COMP_WORDS=("
            + array
            + ")\n"
            + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
            + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
            + "_complete_parkdoc parkdoc \"${COMP_WORDS[COMP_CWORD]}\""
            + " \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process p =
        new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", program)
            .directory(work.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void commandsComplete() throws Exception {
    assertEquals(
        List.of("search", "shell", "solr", "status"),
        complete("parkdoc", "s").stream().sorted().toList());
    assertEquals(List.of("completion"), complete("parkdoc", "comp"));
  }

  @Test
  void optionsComplete() throws Exception {
    assertEquals(List.of("--lang"), complete("parkdoc", "search", "--la"));
    assertTrue(complete("parkdoc", "index", "--").contains("--follow"));
  }

  @Test
  void languageCodesComplete() throws Exception {
    assertEquals(
        List.of("zh", "zh-Hans", "zh-Hant"), complete("parkdoc", "search", "--lang", "zh"));
    assertTrue(complete("parkdoc", "index", "--lang", "").contains("ko"));
    assertEquals(
        List.of("always", "auto"), complete("parkdoc", "--color", "a").stream().sorted().toList());
  }

  @Test
  void pathsComplete() throws Exception {
    assertEquals(
        List.of("notes-one.txt", "notes-two.md"),
        complete("parkdoc", "index", "notes").stream().sorted().toList());
  }

  @Test
  void zshAndFishScripts() {
    String zsh = completion("zsh");
    assertTrue(zsh.startsWith("#compdef parkdoc"), zsh);
    assertTrue(zsh.contains("bashcompinit") && zsh.contains("_complete_parkdoc"));
    String fish = completion("fish");
    assertTrue(fish.contains("complete -c parkdoc -n '__fish_use_subcommand' -a 'search'"), fish);
    assertTrue(fish.matches("(?s).*-l lang -x -a '[^']*\\bzh-Hant\\b.*"), fish);
    assertTrue(fish.contains("__fish_seen_subcommand_from index' -F"), fish);
  }
}
