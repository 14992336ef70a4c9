package io.isthmus.gateway.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the benchmark created, closed in reverse order exactly once: at the end of a run, or by the shutdown
 * hook on failure or Ctrl-C. What is registered after closing began is closed at once. One failing close does not
 * keep the rest from being removed: the failures are thrown together at the end.
 */
final class Cleanup {

    private static final long WORKER_WAIT_MILLIS = 20_000;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closing;

    /**
     * Installs the hook that closes everything when the JVM stops (normal end, exception, SIGINT, SIGTERM). It first
     * interrupts {@code worker} and waits for it (bounded), so that nothing is being created while it removes.
     */
    static Cleanup withShutdownHook(Thread worker) {
        Cleanup cleanup = new Cleanup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (worker.isAlive()) {
                System.err.println("bench: stopped before the end; removing what it created");
            }
            worker.interrupt();
            try {
                worker.join(WORKER_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cleanup.closeAll();
        }, "bench-cleanup"));
        return cleanup;
    }

    <T extends AutoCloseable> T register(T resource) {
        boolean late;
        synchronized (this) {
            late = closing;
            if (!late) {
                resources.push(resource);
            }
        }
        if (late) {
            closeOrThrow(resource);
        }
        return resource;
    }

    /** Closes {@code resource} now, if still registered, and forgets it. */
    void close(AutoCloseable resource) {
        boolean registered;
        synchronized (this) {
            registered = resources.remove(resource);
        }
        if (registered) {
            closeOrThrow(resource);
        }
    }

    void closeAll() {
        IllegalStateException failures = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                closing = true;
                next = resources.poll();
            }
            if (next == null) {
                break;
            }
            try {
                closeOrThrow(next);
            } catch (IllegalStateException e) {
                failures = failures == null ? new IllegalStateException("bench cleanup left something behind") : failures;
                failures.addSuppressed(e);
            }
        }
        if (failures != null) {
            throw failures;
        }
    }

    private static void closeOrThrow(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove " + resource + ": " + e.getMessage()
                    + " (remove it by hand: ip netns list | grep isbench-)", e);
        }
    }
}
