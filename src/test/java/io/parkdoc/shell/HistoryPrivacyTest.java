package io.parkdoc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's history holds every query typed: only its owner may read it (issue 17). */
class HistoryPrivacyTest {
  @Test
  void theHistoryIsCreatedPrivateInPrivateFolders(@TempDir Path tmp) throws Exception {
    Path history = tmp.resolve("state/parkdoc/history");
    assertNull(Shell.preparePrivate(history));
    assertEquals("rw-------", perms(history));
    assertEquals("rwx------", perms(history.getParent()));
    assertEquals("rwx------", perms(history.getParent().getParent()));
  }

  @Test
  void aHistoryLeftReadableByAllIsMadePrivate(@TempDir Path tmp) throws Exception {
    Path history = tmp.resolve("history");
    Files.writeString(history, "laser\n");
    Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
    assertNull(Shell.preparePrivate(history));
    assertEquals("rw-------", perms(history));
    assertEquals("laser\n", Files.readString(history), "what it held is kept");
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
