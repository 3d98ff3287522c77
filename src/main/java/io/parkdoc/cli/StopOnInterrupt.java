package io.parkdoc.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, or SIGTERM) into a clean stop: a shutdown hook runs {@code stop}, then
 * holds the JVM until the command has committed and reported ({@link #close}), for at most a
 * minute.
 *
 * <p>Only {@code Main} calls {@code System.exit}; this merely delays the exit the signal started.
 * Closing it normally removes the hook, so in-process callers (tests, the shell) leave none behind.
 */
final class StopOnInterrupt implements AutoCloseable {
  private static final long GRACE_SECONDS = 60;
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);

  StopOnInterrupt(Runnable stop) {
    hook =
        new Thread(
            () -> {
              stop.run();
              try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "parkdoc-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that the command has finished
    }
  }
}
