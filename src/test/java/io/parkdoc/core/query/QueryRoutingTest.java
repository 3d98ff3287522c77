package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryRoutingTest {
  @Test
  void serbianIsWrittenInBothAlphabets() {
    // Croatian and Serbian Latin text is indexed as sr: a Latin query must reach it
    assertTrue(QueryRouting.languagesFor("ispisati papira", false).contains("sr"));
    assertTrue(QueryRouting.languagesFor("штампање", false).contains("sr"));
    assertFalse(
        QueryRouting.languagesFor("ispisati papira", false).contains("ru"),
        "Russian is Cyrillic only");
  }
}
