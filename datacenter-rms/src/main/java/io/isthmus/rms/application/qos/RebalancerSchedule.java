package io.isthmus.rms.application.qos;

import io.isthmus.rms.domain.site.SiteException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs {@link BandwidthRebalancer#tick()} every period (default 1 s, as in DBA-VM) on one daemon thread. */
public final class RebalancerSchedule implements AutoCloseable {

    /** The paper finds periods near 1 s balance adaptation time against the allocator's own cost. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = System.getLogger(RebalancerSchedule.class.getName());

    private final ScheduledExecutorService scheduler;

    private RebalancerSchedule(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static RebalancerSchedule start(BandwidthRebalancer rebalancer, Duration period, String hostName) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rebalancing period " + period + " must be positive, e.g. PT1S");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "qos-rebalancer-" + hostName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, period.toMillis());
        scheduler.scheduleWithFixedDelay(() -> runOnce(rebalancer, hostName), 0, millis, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "bandwidth rebalancing of host {0} every {1}", hostName, period);
        return new RebalancerSchedule(scheduler);
    }

    private static void runOnce(BandwidthRebalancer rebalancer, String hostName) {
        try {
            rebalancer.tick();
        } catch (SiteException | IllegalArgumentException e) {
            // A failed period (a tool that would not run, a bad contract) must not kill the timer: an exception
            // escaping a scheduled task cancels all its later runs.
            LOG.log(Level.WARNING, "bandwidth rebalancing of host " + hostName + " failed; retrying next period", e);
        }
    }

    public boolean isRunning() {
        return !scheduler.isShutdown();
    }

    /** Stops the timer and waits up to 5 s for a running period to finish. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
