package io.parkdoc.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain copy of smartcn's dictionaries holds exactly smartcn's own arrays. */
class SmartcnDictionariesTest {
  @Test
  void theCopyHoldsSmartcnsOwnTables(@TempDir Path root) throws Exception {
    assertFalse(
        SmartcnDictionaries.install(root),
        "the first process writes the copy (smartcn loads itself)");
    Path file = root.resolve("zh/smartcn.bin");
    assertTrue(Files.isRegularFile(file));
    SmartcnDictionaries.Tables copy = SmartcnDictionaries.parse(file);
    SmartcnDictionaries.Tables own = SmartcnDictionaries.loadedBySmartcn();
    assertNotNull(copy);
    assertArrayEquals(own.wordIndex(), copy.wordIndex());
    assertArrayEquals(own.charIndex(), copy.charIndex());
    assertTrue(Arrays.deepEquals(own.words(), copy.words()), "words");
    assertTrue(Arrays.deepEquals(own.frequencies(), copy.frequencies()), "frequencies");
    assertArrayEquals(own.hashes(), copy.hashes());
    assertArrayEquals(own.bigramFrequencies(), copy.bigramFrequencies());
    assertFalse(
        SmartcnDictionaries.install(root),
        "smartcn has its dictionaries already: nothing is replaced");
  }

  @Test
  void aTruncatedCopyIsNotRead(@TempDir Path root) throws Exception {
    SmartcnDictionaries.install(root);
    Path file = root.resolve("zh/smartcn.bin");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 100));
    assertNull(SmartcnDictionaries.parse(file));
    assertEquals(false, SmartcnDictionaries.install(root));
  }
}
