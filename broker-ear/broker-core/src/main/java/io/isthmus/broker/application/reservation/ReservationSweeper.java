package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Every {@code isthmus.sweep.seconds}: expires holds, starts and ends windows, and resumes transitions left
 * half-done. At start-up it resumes at once every transition a stopped broker left behind.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReservationSweeper {
    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class.getName());

    @Resource
    TimerService timers;
    @Inject
    BrokerSettings settings;
    @Inject
    ReservationStore store;
    @Inject
    ReservationTimekeeper keeper;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean startedUp;

    @PostConstruct
    void schedule() {
        long interval = settings.sweepInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("isthmus-sweep", false));
        LOG.info(() -> "broker sweeping holds and windows every " + settings.sweepInterval().toSeconds()
                + " s; hold time " + settings.holdTime().toSeconds() + " s; sites " + settings.sites().keySet());
    }

    @Timeout
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            Instant stuckBefore = startedUp ? now.minus(settings.callTimeout().multipliedBy(2)) : now;
            startedUp = true;
            run("resuming", store.read(repo -> repo.stuckInTransition(stuckBefore)), keeper::recover);
            run("hold expiry", store.read(repo -> repo.expiredHolds(now)), keeper::expireHold);
            run("activation", store.read(repo -> repo.dueToActivate(now)), keeper::activate);
            run("end of window", store.read(repo -> repo.pastEndTime(now)), keeper::endWindow);
        } finally {
            running.set(false);
        }
    }

    private void run(String what, List<ReservationId> ids, Consumer<ReservationId> step) {
        ids.forEach(id -> keeper.attempt(what, id, step));
    }
}
