package io.parkdoc.core.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.backend.lucene.IndexAndSearchTest;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding: every file of {@code ../shared/corpora/encodings.tar.xz} exactly as its MANIFEST.tsv
 * says, short texts in legacy encodings, UTF-16 without a byte-order mark, and the index and
 * snippets built from them.
 */
class EncodingsTest {
  private final TextExtractor extractor = new TextExtractor();

  /** The manifest's encoding names as Java charsets, and the names parkdoc may record for each. */
  private static final Map<String, List<String>> MANIFEST_CHARSETS =
      Map.ofEntries(
          Map.entry("EUC-KR", List.of("EUC-KR", "EUC-KR", "x-windows-949", "UTF-8")),
          Map.entry("windows-949", List.of("x-windows-949", "EUC-KR", "x-windows-949")),
          Map.entry("Shift_JIS", List.of("Shift_JIS", "Shift_JIS", "windows-31j")),
          Map.entry("EUC-JP", List.of("EUC-JP", "EUC-JP")),
          Map.entry("ISO-2022-JP", List.of("ISO-2022-JP", "ISO-2022-JP")),
          Map.entry("GBK", List.of("GBK", "GBK", "GB18030")),
          Map.entry("GB18030", List.of("GB18030", "GBK", "GB18030")),
          Map.entry("Big5", List.of("Big5", "Big5", "x-windows-950", "Big5-HKSCS")),
          Map.entry("UTF-16 (BOM)", List.of("UTF-16", "UTF-16LE", "UTF-16BE")),
          Map.entry("UTF-16LE (no BOM)", List.of("UTF-16LE", "UTF-16LE")),
          Map.entry("UTF-8 (BOM)", List.of("UTF-8", "UTF-8")));

  /** One MANIFEST.tsv row. */
  record Entry(Path file, String encoding, String lang) {
    /** The text as the file's true encoding decodes it, without a byte-order mark. */
    String truth() throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, Charset.forName(MANIFEST_CHARSETS.get(encoding).get(0)));
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
  }

  static List<Entry> manifest(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("MANIFEST.tsv"))) {
      String[] f = line.split("\t");
      if (f[0].equals("file")) {
        continue;
      }
      assertTrue(MANIFEST_CHARSETS.containsKey(f[1]), "an encoding this test knows: " + line);
      entries.add(new Entry(dir.resolve(f[0]), f[1], f[2]));
    }
    return entries;
  }

  @Test
  void everyFileOfTheEncodingsSetDecodesExactly() throws Exception {
    Path dir = SharedCorpora.unpack("encodings").resolve("encodings");
    List<Entry> entries = manifest(dir);
    assertEquals(132, entries.size(), "MANIFEST.tsv rows");
    List<String> wrong = new ArrayList<>();
    for (Entry e : entries) {
      SourceText s = extractor.extract(e.file().toString(), Files.readAllBytes(e.file()), null);
      List<String> names = MANIFEST_CHARSETS.get(e.encoding());
      if (!s.text().equals(e.truth())) {
        wrong.add(e.file().getFileName() + " (" + e.encoding() + ") decoded as " + s.encoding());
      } else if (!names.subList(1, names.size()).contains(s.encoding())) {
        wrong.add(e.file().getFileName() + " (" + e.encoding() + ") recorded as " + s.encoding());
      }
      assertEquals(0, s.malformed(), e.file().toString());
      assertFalse(s.text().contains("\uFFFD"), e.file().toString());
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aozoraShiftJisFilesWithCrlfDecode() throws Exception {
    Path dir = SharedCorpora.unpack("encodings").resolve("encodings/aozora-shift_jis");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      SourceText s = extractor.extract(f.toString(), bytes, null);
      assertEquals("Shift_JIS", s.encoding(), f.toString());
      assertEquals(new String(bytes, Charset.forName("Shift_JIS")), s.text(), f.toString());
    }
  }

  /** Short texts hold little evidence; each must still come out right. */
  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource({
    "레이저 가공 기술, EUC-KR",
    "창춘 신구의 레이저 산업, x-windows-949",
    "長春新区のレーザー産業, Shift_JIS",
    "光電子の研究所, EUC-JP",
    "长春新区激光产业, GBK",
    "长春新区激光产业园, GB18030",
    "長春新區雷射產業, Big5",
    "About Layers: 레이어 정보, EUC-KR",
    "東京都, Shift_JIS",
    "Chaîne de caractères, windows-1252",
    "Größe und Übersicht, ISO-8859-1",
    "Настройка параметров, windows-1251",
    "Настройка параметров, KOI8-R",
    "Příliš žluťoučký kůň, windows-1250",
  })
  void shortLegacyTexts(String text, String charset) throws Exception {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    SourceText s = extractor.extract("short.txt", bytes, null);
    assertEquals(text, s.text(), "decoded as " + s.encoding());
  }

  @Test
  void iso2022JpIsNotMistakenForAscii() throws Exception {
    String text = "長春のレーザー産業\n光電子情報の研究所が新しい装置を発表した。\n";
    SourceText s =
        extractor.extract("mail.txt", text.getBytes(Charset.forName("ISO-2022-JP")), null);
    assertEquals("ISO-2022-JP", s.encoding());
    assertEquals(text, s.text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"UTF-16LE", "UTF-16BE"})
  void utf16WithoutByteOrderMark(String charset) throws Exception {
    for (String text :
        List.of(
            "Plain English text\nwith two lines.\n", "레이저 가공 기술의 발전\n장춘 신구\n", "激光产业在长春新区发展。\n")) {
      SourceText s = extractor.extract("u16.txt", text.getBytes(Charset.forName(charset)), null);
      assertEquals(text, s.text(), charset);
      assertEquals(charset, s.encoding());
    }
  }

  @Test
  void binaryWithNulsIsStillBinary() {
    byte[] random = new byte[4096];
    new java.util.Random(42).nextBytes(random);
    for (int i = 0; i < random.length; i += 7) {
      random[i] = 0;
    }
    assertNull(EncodingDetector.utf16WithoutBom(random));
    assertThrows(NotTextException.class, () -> extractor.extract("x.bin", random, null));
    // 16-bit little-endian integers: NULs on one side, but they read as control characters
    byte[] ints = new byte[2048];
    for (int i = 0; i < ints.length; i += 2) {
      ints[i] = (byte) (i % 23);
    }
    assertThrows(NotTextException.class, () -> extractor.extract("x.dat", ints, null));
  }

  @Test
  void invalidSequencesAreReplacedAndCounted() throws Exception {
    byte[] good = "레이저 가공 기술의 발전과 장춘 신구의 산업 ".repeat(4).getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[good.length + 2];
    System.arraycopy(good, 0, bad, 0, 20);
    bad[20] = (byte) 0xFF;
    bad[21] = (byte) 0xC0;
    System.arraycopy(good, 20, bad, 22, good.length - 20);
    SourceText s = extractor.extract("broken.txt", bad, null);
    assertEquals("UTF-8", s.encoding());
    assertEquals(2, s.malformed());
    assertTrue(s.text().contains("\uFFFD"));
    assertTrue(s.text().contains("장춘 신구의 산업"));
  }

  @Test
  void damagedBytesInEnglishAreReplacedNotReadAsACodePage() throws Exception {
    // issue 17: read as windows-1251 this was 'lab яюГ( and'
    String english = "The quick laser beam works well in the lab %s and the results were good.\n";
    byte[] bytes =
        String.format(english, "@@@@").getBytes(StandardCharsets.US_ASCII); // placeholder
    int at = new String(bytes, StandardCharsets.US_ASCII).indexOf("@@@@");
    bytes[at] = (byte) 0xFF;
    bytes[at + 1] = (byte) 0xFE;
    bytes[at + 2] = (byte) 0xC3;
    bytes[at + 3] = (byte) 0x28;
    SourceText s = extractor.extract("damaged.txt", bytes, null);
    assertEquals("UTF-8", s.encoding());
    assertEquals(3, s.malformed());
    assertTrue(s.text().contains("lab \uFFFD\uFFFD\uFFFD( and"), s.text());
  }

  @Test
  void aFewAccentsInsideWordsStillReadAsLatin1() throws Exception {
    byte[] bytes =
        "Le caf\u00e9 du coin ouvre t\u00f4t le matin et ferme tard le soir.\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    SourceText s = extractor.extract("latin1.txt", bytes, null);
    assertTrue(s.text().contains("caf\u00e9") && s.text().contains("t\u00f4t"), s.text());
    assertEquals(0, s.malformed());
  }

  @Test
  void forcedEncodingWins() throws Exception {
    byte[] bytes = "長春新区".getBytes(Charset.forName("EUC-JP"));
    SourceText forced = extractor.extract("f.txt", bytes, "EUC-JP");
    assertEquals("長春新区", forced.text());
    assertEquals("EUC-JP", forced.encoding());
  }

  /** The index and its snippets hold the decoded text: no mojibake, no replacement characters. */
  @Test
  void indexOfTheEncodingsSetHasNoMojibake(@TempDir Path tmp) throws Exception {
    Path dir = SharedCorpora.unpack("encodings").resolve("encodings");
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary summary = IndexAndSearchTest.index(layout, dir);
    assertEquals(
        132 + 12 + 1,
        summary.added() + summary.skipped().size(),
        "every file indexed (MANIFEST.tsv too): " + summary.skipped());
    assertFalse(summary.hadErrors(), summary.skipped().toString());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      for (Entry e : manifest(dir)) {
        // the longest run of letters of the text's first line
        String word = longestWord(e.truth());
        SearchResults r =
            searcher.search(new SearchRequest("\"" + word + "\"", Set.of(), 200, 0, 1, true));
        Hit hit =
            r.hits().stream()
                .filter(h -> h.path().equals(e.file().toString()))
                .findFirst()
                .orElse(null);
        assertTrue(
            hit != null,
            "searching " + word + " finds " + e.file().getFileName() + ": " + r.hits());
        for (Snippet s : hit.snippets()) {
          assertFalse(s.text().contains("\uFFFD"), s.text());
        }
      }
    }
  }

  private static String longestWord(String text) {
    String best = "";
    for (String w :
        text.split("[^\\p{IsHangul}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsLatin}]+")) {
      if (w.length() > best.length() && w.length() <= 6) {
        best = w;
      }
    }
    return best;
  }
}
