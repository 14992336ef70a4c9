package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.site.SiteException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Releases holds that were never committed, every {@code interval}, on one daemon thread. */
public final class HoldReaper implements AutoCloseable {

    private static final Logger LOG = System.getLogger(HoldReaper.class.getName());

    private final ScheduledExecutorService scheduler;

    private HoldReaper(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static HoldReaper start(HoldService holds, Duration interval, String siteId) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hold-reaper-" + siteId);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> reap(holds, siteId), millis, millis, TimeUnit.MILLISECONDS);
        return new HoldReaper(scheduler);
    }

    private static void reap(HoldService holds, String siteId) {
        try {
            int released = holds.reapExpiredHolds();
            if (released > 0) {
                LOG.log(Level.INFO, "reaper released {0} expired hold(s) at {1}", released, siteId);
            }
        } catch (SiteException e) {
            // The next run retries; a reaper that dies silently would leave holds blocking capacity.
            LOG.log(Level.ERROR, "reaper could not release expired holds at " + siteId + "; retrying next run", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
