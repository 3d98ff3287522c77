package io.parkdoc.core.extract;

/** Why a file's bytes are not indexable text: the reason is the message the index summary shows. */
public final class NotTextException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotTextException(String reason) {
    super(reason, null, false, false);
  }
}
