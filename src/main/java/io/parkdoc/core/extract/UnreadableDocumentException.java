package io.parkdoc.core.extract;

/**
 * Why a document gave no text: one short reason for the index summary ("encrypted", "timed out
 * after 30 s"), and optionally what the parser said, for {@code --verbose}.
 */
public final class UnreadableDocumentException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String detail;

  public UnreadableDocumentException(String reason, String detail) {
    super(reason, null, false, false);
    this.detail = detail;
  }

  public UnreadableDocumentException(String reason) {
    this(reason, null);
  }

  /** The one-line reason shown in the summary. */
  public String reason() {
    return getMessage();
  }

  /** What the parser said, or null. */
  public String detail() {
    return detail;
  }
}
