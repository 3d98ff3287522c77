package io.parkdoc.core;

/** parkdoc's version, as recorded in index manifests and printed by {@code --version}. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
