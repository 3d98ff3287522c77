package io.parkdoc.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, or SIGTERM) into a clean stop: a shutdown hook runs {@code stop}, then
 * holds the JVM until the command has committed and reported ({@link #close}), for at most a
 * minute.
 *
 * <p>Only {@code Main} calls {@code System.exit}; this merely delays the exit the signal started.
 * Closing it normally removes the hook, so in-process callers (tests, the shell) leave none behind.
 *
 * <p>In the shell, Ctrl-C reaches no shutdown hook (the JVM goes on): the shell calls {@link
 * #stopAll} instead, which runs the {@code stop} of every command running now.
 */
final class StopOnInterrupt implements AutoCloseable {
  private static final long GRACE_SECONDS = 60;
  private final Thread hook;
  private static final Set<Runnable> RUNNING = ConcurrentHashMap.newKeySet();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Runnable stop;

  StopOnInterrupt(Runnable stop) {
    this.stop = stop;
    RUNNING.add(stop);
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

  /**
   * Stops every command of this process that would stop on Ctrl-C, as Ctrl-C would; true when one
   * was running.
   */
  static boolean stopAll() {
    boolean any = false;
    for (Runnable r : RUNNING) {
      r.run();
      any = true;
    }
    return any;
  }

  @Override
  public void close() {
    RUNNING.remove(stop);
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that the command has finished
    }
  }
}
