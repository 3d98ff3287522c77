package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  @Test
  void lettersOnlySomeLanguagesWriteAddThoseLanguages() {
    // "se", "da", "ga" are Spanish, Galician or Catalan stop words too: without its letters (ć, š)
    // this Serbian sentence from GNOME's help went to the Romance indices alone.
    String serbian = "Ako se vaš računar pregreva, verovatno ćete morati da ga popravite.";
    var route = QueryRouting.languagesFor(serbian, true, List.of("en", "es", "gl", "ca", "sr"));
    assertTrue(route.contains("sr"), route::toString);
    assertTrue(route.contains("es"), () -> "letters add languages, never remove them: " + route);
    // A name in an English sentence keeps it English (and adds who writes ř).
    var english =
        QueryRouting.languagesFor(
            "the symphony that Dvořák wrote in America", true, List.of("en", "cs", "es"));
    assertTrue(english.contains("en"), english::toString);
    assertTrue(english.contains("cs"), english::toString);
    // Letters the stop-word languages write change nothing.
    var spanish =
        QueryRouting.languagesFor(
            "¿Cómo se cambia el tamaño de la página?", true, List.of("en", "es", "sr"));
    assertFalse(spanish.contains("sr"), spanish::toString);
    var polish =
        QueryRouting.languagesFor(
            "Kliknij przycisk, aby zmienić ustawienia i zamknąć okno.",
            true,
            List.of("en", "pl", "es"));
    assertTrue(polish.contains("pl"), polish::toString);
  }
}
