package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.core.detect.LanguageDetector.Evidence;
import io.parkdoc.core.detect.LanguageDetector.Script;
import io.parkdoc.core.detect.LanguageDetector.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled language model the build writes is OpenNLP's model, exactly: the same bytes from the
 * same model, and the same evidence and verdicts on real text in many languages as the model
 * OpenNLP parses.
 */
class CompiledModelTest {
  private static byte[] source;
  private static CompiledModel shipped;

  @BeforeAll
  static void load() throws IOException {
    source = CompiledModel.sourceModel();
    shipped = CompiledModel.fromClasspath();
    assertNotNull(
        shipped, CompiledModel.RESOURCE + " next to CompiledModel (written by the build)");
  }

  private static byte[] bytes(CompiledModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    return out.toByteArray();
  }

  @Test
  void theShippedResourceIsTheClasspathModelCompiledAgain() throws IOException {
    assertArrayEquals(
        CompiledModel.sha256(source), shipped.sourceSha256, "compiled from this model");
    byte[] resource;
    try (InputStream in = CompiledModel.class.getResourceAsStream(CompiledModel.RESOURCE)) {
      resource = in.readAllBytes();
    }
    CompiledModel again = CompiledModel.compile(source);
    assertNotNull(again);
    assertArrayEquals(resource, bytes(again), "compiling is reproducible and the resource current");
    assertArrayEquals(resource, bytes(shipped), "reading and writing keep every byte");
  }

  @Test
  void theTablesAreTheOnesOpenNlpsModelGives() throws IOException {
    DetectorModel reference = DetectorModel.loadOpenNlp();
    assertTrue(reference.fast(), "the bundled model uses OpenNLP's default features");
    NgramScorer parsed =
        NgramScorer.of(
            new opennlp.tools.langdetect.LanguageDetectorModel(new ByteArrayInputStream(source)));
    assertEquals(parsed.outcomes(), shipped.scorer.outcomes());
    assertArrayEquals(parsed.grams(), shipped.scorer.grams());
    assertArrayEquals(parsed.starts(), shipped.scorer.starts());
    assertArrayEquals(parsed.outcomeIds(), shipped.scorer.outcomeIds());
    assertArrayEquals(parsed.weights(), shipped.scorer.weights(), 0.0);
    assertTrue(shipped.scorer.grams().length > 100_000, "the model's 146k n-grams");
  }

  /**
   * Paragraphs of the Universal Declaration in every language of the corpus (hundreds, most
   * scripts), and the seeds: each read by both models gives the same evidence, bit for bit, and the
   * same verdict in each script; and the compiled model's best label is OpenNLP's own.
   */
  @Test
  void sameEvidenceAndVerdictsAsTheModelOpenNlpParses() throws IOException {
    DetectorModel fastLoaded = DetectorModel.of(shipped);
    DetectorModel reference = DetectorModel.loadOpenNlp();
    assertEquals(reference.labelCount(), fastLoaded.labelCount());
    List<String> samples = samples();
    List<Script> scripts = Arrays.stream(Script.values()).filter(Script::statistical).toList();
    int openNlpCompared = 0;
    for (int s = 0; s < samples.size(); s++) {
      String text = samples.get(s);
      Evidence a = fastLoaded.read(text);
      Evidence b = reference.read(text);
      assertArrayEquals(b.logProbabilities, a.logProbabilities, 0.0, abbreviate(text));
      for (Script script : scripts) {
        Verdict va = fastLoaded.decide(script, a);
        Verdict vb = reference.decide(script, b);
        assertEquals(vb, va, script + " verdict on " + abbreviate(text));
      }
      if (s % 10 == 0) { // OpenNLP's own evaluation is ten times slower: a sample of the samples
        Evidence own = new Evidence(reference.labelCount());
        reference.readWithOpenNlp(text, own);
        assertEquals(argmax(own.logProbabilities), argmax(a.logProbabilities), abbreviate(text));
        openNlpCompared++;
      }
    }
    assertTrue(samples.size() > 1000, samples.size() + " samples");
    assertTrue(openNlpCompared > 100, openNlpCompared + " compared with OpenNLP's evaluation");
  }

  @Test
  void aDamagedResourceIsRefused() throws IOException {
    byte[] good = bytes(shipped);
    byte[] truncated = Arrays.copyOf(good, good.length - 8);
    assertThrows(IOException.class, () -> CompiledModel.read(new ByteArrayInputStream(truncated)));
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(IOException.class, () -> CompiledModel.read(new ByteArrayInputStream(longer)));
    byte[] otherVersion = good.clone();
    otherVersion[7]++;
    IOException e =
        assertThrows(
            IOException.class, () -> CompiledModel.read(new ByteArrayInputStream(otherVersion)));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  /**
   * The copy next to the jar is read when its header is the resource's (shown by a copy whose last
   * weight differs), and ignored when it is another model's or missing.
   */
  @Test
  void theCopyBesideTheJarIsReadOnlyWhenItIsTheSameModel(@TempDir Path tmp) throws IOException {
    byte[] good = bytes(shipped);
    byte[] marked = good.clone();
    marked[marked.length - 1] ^= 1; // the last weight's lowest bit
    Path copy = Files.write(tmp.resolve(CompiledModel.RESOURCE), marked);
    double[] weights = shipped.scorer.weights();
    double last = weights[weights.length - 1];

    CompiledModel fromCopy = CompiledModel.read(new ByteArrayInputStream(good), copy);
    double[] read = fromCopy.scorer.weights();
    assertTrue(read[read.length - 1] != last, "read from the copy");

    byte[] otherModel = marked.clone();
    otherModel[8] ^= 1; // the source model's checksum
    Files.write(copy, otherModel);
    CompiledModel fromResource = CompiledModel.read(new ByteArrayInputStream(good), copy);
    assertArrayEquals(weights, fromResource.scorer.weights(), 0.0, "another model's copy ignored");

    Files.delete(copy);
    assertArrayEquals(
        weights,
        CompiledModel.read(new ByteArrayInputStream(good), copy).scorer.weights(),
        0.0,
        "a missing copy ignored");
  }

  private static int argmax(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Up to 4 paragraphs (at most 1,024 chars each) of each UDHR translation, and the seeds. */
  private static List<String> samples() throws IOException {
    List<String> samples = new ArrayList<>();
    Path seeds = Path.of("seeds");
    if (Files.isDirectory(seeds)) {
      try (Stream<Path> s = Files.list(seeds)) {
        for (Path p : s.sorted().toList()) {
          samples.add(Files.readString(p));
        }
      }
    }
    Path udhr = SharedCorpora.unpack("udhr").resolve("udhr");
    List<Path> files;
    try (Stream<Path> s = Files.walk(udhr)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String text = Files.readString(f);
      int taken = 0;
      for (String paragraph : text.split("\n\\s*\n")) {
        String p = paragraph.strip();
        if (p.length() >= 40 && taken < 4) {
          samples.add(p.length() > 1024 ? p.substring(0, 1024) : p);
          taken++;
        }
      }
    }
    return samples;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
