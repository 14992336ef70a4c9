package io.isthmus.rms.application.reservation;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Runs the site's own clean-up sweeps every {@code interval}, on one daemon thread: releasing holds that were
 * never committed and tearing down bookings the broker left past their window. A sweep that fails is logged
 * with its cause and tried again next run; it never stops the reaper.
 */
public final class HoldReaper implements AutoCloseable {

    private static final Logger LOG = System.getLogger(HoldReaper.class.getName());

    private final ScheduledExecutorService scheduler;

    private HoldReaper(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * One sweep of the reaper: {@code work} returns how many bookings it released or tore down, {@code done}
     * says what in the log ("{0}" is the count, "{1}" the site).
     */
    public record Sweep(String done, IntSupplier work) {

        public Sweep {
            Objects.requireNonNull(done, "done");
            Objects.requireNonNull(work, "work");
        }
    }

    public static HoldReaper start(Duration interval, String siteId, List<Sweep> sweeps) {
        List<Sweep> all = List.copyOf(sweeps);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hold-reaper-" + siteId);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> all.forEach(sweep -> run(sweep, siteId)), millis, millis,
                TimeUnit.MILLISECONDS);
        return new HoldReaper(scheduler);
    }

    private static void run(Sweep sweep, String siteId) {
        try {
            int count = sweep.work().getAsInt();
            if (count > 0) {
                LOG.log(Level.INFO, sweep.done(), count, siteId);
            }
        } catch (RuntimeException e) {
            // Any exception that escaped would cancel the scheduled task for good: holds would block capacity
            // and ended bookings keep running. Log it with its cause; the next run tries again.
            LOG.log(Level.ERROR, "reaper sweep \"" + sweep.done() + "\" failed at " + siteId + "; retrying next run",
                    e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
