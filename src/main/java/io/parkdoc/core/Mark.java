package io.parkdoc.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a page, slide or sheet of a document begins in its extracted text.
 *
 * @param kind what begins there
 * @param offset the char offset into the text of its first character
 * @param label the page or slide number ("12"), or the sheet's name
 */
public record Mark(Kind kind, int offset, String label) {

  /** What a mark begins. */
  public enum Kind {
    PAGE("p. "),
    SLIDE("slide "),
    SHEET("sheet ");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** How a reader names it: "p. 12", "slide 3", "sheet Budget". */
    public String name(String label) {
      return prefix + label;
    }
  }

  /** How a reader names this place: "p. 12", "slide 3", "sheet Budget". */
  public String describe() {
    return kind.name(label);
  }

  /**
   * The mark that {@code offset} lies under: the last one starting at or before it, or null when
   * the text has no marks or the offset comes before the first.
   */
  public static Mark at(List<Mark> marks, int offset) {
    Mark found = null;
    for (Mark m : marks) {
      if (m.offset > offset) {
        break;
      }
      found = m;
    }
    return found;
  }

  /** {@code marks} as one string to store: a line per mark, kind, offset and label by tabs. */
  public static String encode(List<Mark> marks) {
    StringBuilder sb = new StringBuilder();
    for (Mark m : marks) {
      sb.append(m.kind.name())
          .append('\t')
          .append(m.offset)
          .append('\t')
          .append(m.label.replace('\t', ' ').replace('\n', ' '))
          .append('\n');
    }
    return sb.toString();
  }

  /** The marks {@link #encode} stored; an empty list for null or text it did not write. */
  public static List<Mark> decode(String stored) {
    List<Mark> out = new ArrayList<>();
    if (stored == null) {
      return out;
    }
    for (String line : stored.split("\n")) {
      String[] f = line.split("\t", 3);
      if (f.length == 3) {
        try {
          out.add(new Mark(Kind.valueOf(f[0]), Integer.parseInt(f[1]), f[2]));
        } catch (IllegalArgumentException e) {
          // a mark of a later version: leave it out
        }
      }
    }
    return out;
  }
}
