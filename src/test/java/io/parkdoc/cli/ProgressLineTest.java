package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.index.Progress;
import org.junit.jupiter.api.Test;

/**
 * The progress line's ETA and layout, on counters set by the test and a fake clock (the elapsed
 * seconds and each file's worker time are given, not measured).
 */
class ProgressLineTest {
  private static final long MB = 1_000_000;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void filesFoundUnchangedDoNotMakeTheRunLookFaster() {
    // issue 17: 'ETA 32s' with two minutes to go. 100 MB found; 50 MB unchanged (handled at once);
    // 10 MB of English indexed in 10 worker-seconds; 10 s elapsed, one worker.
    Progress p = new Progress();
    p.found(100 * MB);
    p.handled(50 * MB);
    p.indexed("en", 10 * MB, 10 * SECOND);
    p.handled(10 * MB);
    p.walked();
    // 40 MB left at 1 MB/s: 40 s (the old estimate, 60 MB handled in 10 s, said 7 s)
    assertEquals(40.0, ProgressLine.etaSeconds(p, 10, 1), 0.01);
    assertTrue(ProgressLine.line(p, 10).contains("ETA 40s"), ProgressLine.line(p, 10));
  }

  @Test
  void aSlowLanguageCountsByItsOwnSpeed() {
    Progress p = new Progress();
    p.found(30 * MB);
    // English at 4 MB/s, Japanese (kuromoji) at 0.5 MB/s, each over 4 worker-seconds
    p.indexed("en", 16 * MB, 4 * SECOND);
    p.indexed("ja", 2 * MB, 4 * SECOND);
    p.handled(18 * MB);
    p.walked();
    // 12 MB left in the same mix (16:2): 12*16/18 MB at 4 MB/s + 12*2/18 MB at 0.5 MB/s
    double expected = 12.0 * 16 / 18 / 4 + 12.0 * 2 / 18 / 0.5;
    assertEquals(expected, ProgressLine.etaSeconds(p, 8, 1), 0.01);
    // two workers busy all along (8 worker-seconds in 4 s): half the time
    assertEquals(expected / 2, ProgressLine.etaSeconds(p, 4, 2), 0.01);
    // never more workers than the run has
    assertEquals(expected / 2, ProgressLine.etaSeconds(p, 1, 2), 0.01);
  }

  @Test
  void noEtaWhileWalkingOrBeforeAnyFileWasIndexed() {
    Progress p = new Progress();
    p.found(10 * MB);
    assertNull(ProgressLine.etaSeconds(p, 5, 1), "still walking");
    p.walked();
    assertNull(ProgressLine.etaSeconds(p, 5, 1), "no speed seen yet");
    p.handled(10 * MB);
    assertEquals(0.0, ProgressLine.etaSeconds(p, 5, 1));
  }

  @Test
  void theLineFitsTheWidthByWholeParts() {
    Progress p = new Progress();
    p.found(100 * MB);
    p.indexed("en", 10 * MB, 10 * SECOND);
    p.indexed("ko", 5 * MB, 10 * SECOND);
    p.indexed("ko", 5 * MB, 10 * SECOND);
    p.handled(20 * MB);
    p.walked();
    String full = ProgressLine.line(p, 10, 1, Integer.MAX_VALUE);
    assertTrue(full.endsWith("  ko 2 en 1"), full);
    for (int width = 20; width <= full.length(); width++) {
      String fitted = ProgressLine.line(p, 10, 1, width);
      assertTrue(fitted.length() <= width, width + ": " + fitted);
      assertTrue(full.startsWith(fitted), width + ": " + fitted);
      // ends at the end of a part, never inside one
      String rest = full.substring(fitted.length());
      assertTrue(rest.isEmpty() || rest.startsWith(" "), width + ": " + fitted);
    }
  }
}
