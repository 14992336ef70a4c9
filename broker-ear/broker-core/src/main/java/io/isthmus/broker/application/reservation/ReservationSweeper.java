package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.infrastructure.config.RecoverySettings;
import io.isthmus.broker.infrastructure.persistence.BrokerInstances;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code isthmus.sweep.seconds}: renews this instance's lease, expires holds, starts and ends windows, and
 * resumes transitions left half-done (by a stopped broker, another instance whose lease ran out, or a participant
 * that could not be reached). Each reservation's step runs on its own managed thread, at most
 * {@code isthmus.recovery.threads} at once for timely steps and as many again for recoveries, so reservations stuck
 * on a dead site never delay hold expiry or window starts for the others. A reservation is worked on by one instance
 * at a time: the one that owns it, or any, once its owner's lease has run out.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReservationSweeper {
    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class.getName());

    @Resource
    TimerService timers;
    @Resource
    ManagedExecutorService executor;
    @Inject
    BrokerSettings settings;
    @Inject
    RecoverySettings recovery;
    @Inject
    ReservationStore store;
    @Inject
    ReservationTimekeeper keeper;
    @Inject
    BrokerInstances instances;
    @Inject
    InFlight inFlight;

    private final AtomicBoolean running = new AtomicBoolean();
    private Semaphore timely;
    private Semaphore resuming;

    @PostConstruct
    void schedule() {
        timely = new Semaphore(recovery.recoveryThreads());
        resuming = new Semaphore(recovery.recoveryThreads());
        instances.renew();
        long interval = settings.sweepInterval().toMillis();
        timers.createIntervalTimer(0, interval, new TimerConfig("isthmus-sweep", false));
        LOG.info(() -> "broker instance " + instances.me() + " sweeping holds and windows every "
                + settings.sweepInterval().toSeconds() + " s; hold time " + settings.holdTime().toSeconds()
                + " s; sites " + settings.sites().keySet());
    }

    @PreDestroy
    void stop() {
        try {
            instances.withdraw();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not withdraw this instance's lease; others wait for it to run out", e);
        }
    }

    @Timeout
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            instances.renew();
            Instant now = Instant.now();
            dispatch("hold expiry", () -> store.read(repo -> repo.expiredHolds(now)), keeper::expireHold, timely);
            dispatch("activation", () -> store.read(repo -> repo.dueToActivate(now)), keeper::activate, timely);
            dispatch("end of window", () -> store.read(repo -> repo.pastEndTime(now)), keeper::endWindow, timely);
            Instant stuckBefore = now.minus(settings.sweepInterval());
            dispatch("resuming", () -> store.read(repo -> repo.stuckInTransition(stuckBefore)), keeper::recover,
                    resuming);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweep failed; the next one, in " + settings.sweepInterval().toSeconds()
                    + " s, tries again", e);
        } finally {
            running.set(false);
        }
    }

    private void dispatch(String what, Supplier<List<ReservationId>> due, Consumer<ReservationId> step,
                          Semaphore permits) {
        for (ReservationId id : due.get()) {
            if (!permits.tryAcquire()) {
                LOG.fine(() -> what + ": every worker is busy; the rest waits for the next sweep");
                return;
            }
            if (!inFlight.enterAlone(id)) {
                permits.release();
                continue;
            }
            try {
                executor.execute(() -> runClaimed(what, id, step, permits));
            } catch (RejectedExecutionException e) {
                inFlight.leave(id);
                permits.release();
                LOG.log(Level.WARNING, what + " of reservation " + id + " could not be scheduled; next sweep", e);
            }
        }
    }

    private void runClaimed(String what, ReservationId id, Consumer<ReservationId> step, Semaphore permits) {
        try {
            if (store.claim(id)) {
                keeper.attempt(what, id, step);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, what + " of reservation " + id + " failed unexpectedly; retrying at the next sweep", e);
        } finally {
            inFlight.leave(id);
            permits.release();
        }
    }
}
