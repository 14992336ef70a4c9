package io.isthmus.broker.application.reservation;

import io.isthmus.broker.application.coallocation.ActivationFailedException;
import io.isthmus.broker.application.coallocation.CoAllocator;
import io.isthmus.broker.application.coallocation.StepFailure;
import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.domain.segment.AddressAllocator;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.infrastructure.config.RecoverySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The second halves of the transitions: what happens at the participants once a decision is recorded, and the
 * state that follows. Callers ({@link ReservationService}) and the timers ({@link ReservationTimekeeper}) take the
 * same steps, so a step a stopped broker left half-done is finished exactly as it would have been (docs/recovery.md).
 */
@ApplicationScoped
public class TransitionSteps {
    /** Participants keep their holds a little longer than the broker, so a commit at the deadline still lands. */
    static final Duration PARTICIPANT_GRACE = Duration.ofSeconds(30);
    /** How often in a row the broker tries to start a reservation at its window's start before it gives up. */
    static final int MAX_ACTIVATION_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(TransitionSteps.class.getName());

    @Inject
    ReservationStore store;
    @Inject
    CoAllocator coAllocator;
    @Inject
    BrokerSettings settings;
    @Inject
    RecoverySettings recovery;
    @Inject
    Clock clock;

    Reservation finishCommit(Reservation r, Requester who) {
        List<StepFailure> failures = coAllocator.commitAll(r, tx(r, who));
        List<StepFailure> refusals = failures.stream().filter(StepFailure::refused).toList();
        if (!refusals.isEmpty()) {
            return rollBackCommit(r, who, refusals);
        }
        if (!failures.isEmpty()) {
            throw unfinished(r, "commit is decided and recorded, but ", failures);
        }
        LOG.info(() -> "reservation " + r.id() + " committed at every participant");
        return store.update(r.id(), res -> res.markCommitted(clock.instant()));
    }

    /**
     * A participant answered that it cannot commit (its hold lapsed before the commit reached it, or it holds the
     * reservation for another transaction): the commit can never finish, so it is undone at every participant and
     * the reservation ends, with the reason for the requester.
     */
    private Reservation rollBackCommit(Reservation r, Requester who, List<StepFailure> refusals) {
        String reason = "the commit could not finish: " + String.join("; ",
                refusals.stream().map(StepFailure::describe).toList())
                + ". It was undone at every participant and nothing is held; reserve again";
        LOG.warning(() -> "reservation " + r.id() + ": " + reason);
        Reservation aborting = store.update(r.id(), res -> {
            res.recordError(FaultKind.CONFLICT, reason, clock.instant());
            res.rollBackCommit(clock.instant());
        });
        finishAbort(aborting, who);
        throw new BrokerException(FaultKind.CONFLICT, "reservation " + r.id() + ": " + reason);
    }

    Reservation finishAbort(Reservation r, Requester who) {
        requireDone(r, "abort is recorded, but ", coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            res.settleReservationState(clock.instant());
            endLifecycle(res, allocator, clock.instant());
        });
    }

    /**
     * A teardown step is done when every participant did it, or when those that could not be reached have certainly
     * dropped the reservation on their own (their lease ran out); otherwise it stays recorded and is retried.
     */
    private void requireDone(Reservation r, String prefix, List<StepFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        if (!participantLeasesLapsed(r)) {
            throw unfinished(r, prefix, failures);
        }
        LOG.warning(() -> "reservation " + r.id() + ": " + prefix + String.join("; ",
                failures.stream().map(StepFailure::describe).toList()) + "; each of them has dropped it by itself,"
                + " its own lease having run out");
    }

    /**
     * Whether every participant has dropped the reservation on its own by now: a hold lapses at the broker's hold
     * time plus {@link #PARTICIPANT_GRACE}; a commit at the window's end plus the participants' teardown grace.
     */
    boolean participantLeasesLapsed(Reservation r) {
        Instant now = clock.instant();
        Instant lapse = r.holdExpires().map(h -> h.plus(PARTICIPANT_GRACE))
                .orElse(r.window().end().plus(recovery.participantTeardownGrace()));
        return !now.isBefore(lapse);
    }

    /**
     * Holds that ended without a commit (timed out, or refused at prepare while a participant could not be told):
     * released everywhere; the reservation keeps its ReserveTimeout or ReserveFailed and ends.
     */
    Reservation releaseHolds(Reservation r, Requester who) {
        requireDone(r, "releasing the holds failed: ", coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> endLifecycle(res, allocator, clock.instant()));
    }

    /** A reserve that did not finish preparing (its broker stopped): released everywhere, and failed with the reason. */
    Reservation failChecking(Reservation r, Requester who, String reason) {
        requireDone(r, "the reserve did not finish, and releasing its holds failed: ",
                coAllocator.abortAll(r, tx(r, who)));
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            res.recordError(FaultKind.UNAVAILABLE, reason, clock.instant());
            res.moveTo(ReservationState.ReserveFailed, clock.instant());
            endLifecycle(res, allocator, clock.instant());
        });
    }

    Reservation finishRelease(Reservation r, Requester who) {
        requireDone(r, "release is recorded, but ", coAllocator.deactivateAll(r, tx(r, who)));
        return store.update(r.id(), res -> {
            res.moveTo(ProvisionState.Released, clock.instant());
            res.markDataPlane(false, clock.instant());
        });
    }

    Reservation finishTerminate(Reservation r, Requester who, LifecycleState end) {
        requireDone(r, "termination is recorded, but ", coAllocator.terminateAll(r, tx(r, who)));
        LOG.info(() -> "reservation " + r.id() + " ended (" + end + "): nothing is left at any participant");
        return store.updateWithAllocator(r.id(), (res, allocator) -> {
            Instant now = clock.instant();
            if (res.provisionState() == ProvisionState.Provisioned) {
                res.moveTo(ProvisionState.Releasing, now);
            }
            if (res.provisionState() != ProvisionState.Released) {
                res.moveTo(ProvisionState.Released, now);
            }
            res.markDataPlane(false, now);
            res.settleReservationState(now);
            if (end != LifecycleState.PassedEndTime) {
                endLifecycle(res, allocator, now);
            } else if (res.lifecycleState() == LifecycleState.Created) {
                res.moveTo(LifecycleState.PassedEndTime, now);
                allocator.releaseAll(res.id());
            }
        });
    }

    /** Starts a provisioned reservation whose window has begun (called by the timekeeper). */
    void activateNow(Reservation r, Requester who) {
        if (!r.committed() || r.provisionState() != ProvisionState.Provisioned || r.dataPlaneActive()
                || !r.window().hasStarted(clock.instant())) {
            return;
        }
        try {
            coAllocator.activate(r, tx(r, who));
        } catch (ActivationFailedException failed) {
            store.update(r.id(), res -> {
                Instant now = clock.instant();
                int attempts = res.countActivation(false, now);
                boolean giveUp = attempts >= MAX_ACTIVATION_ATTEMPTS;
                res.recordError(failed.kind(), "starting the L1 nodes at the window's start failed (attempt "
                        + attempts + " of " + MAX_ACTIVATION_ATTEMPTS + "): " + failed.getMessage()
                        + (giveUp ? ". The broker stopped trying: provision again to retry" : ". Retrying"), now);
                if (giveUp || !failed.undone()) {
                    // Released once nothing is left anywhere; the sweeper finishes what the undo could not.
                    res.moveTo(ProvisionState.Releasing, now);
                }
                if (giveUp && failed.undone()) {
                    res.moveTo(ProvisionState.Released, now);
                }
            });
            throw failed;
        }
        LOG.info(() -> "reservation " + r.id() + ": window started, L1 nodes running and segments stitched");
        store.update(r.id(), res -> {
            res.markDataPlane(true, clock.instant());
            res.countActivation(true, clock.instant());
        });
    }

    static TxContext tx(Reservation r, Requester who) {
        return new TxContext(r.id(), r.transactionId(), who.correlationId(), who.requesterId());
    }

    private BrokerException unfinished(Reservation r, String prefix, List<StepFailure> failures) {
        String message = prefix + String.join("; ", failures.stream().map(StepFailure::describe).toList())
                + ". The broker retries every "
                + settings.sweepInterval().toSeconds() + " s until every participant has done it.";
        store.update(r.id(), res -> res.recordError(FaultKind.UNAVAILABLE, message, clock.instant()));
        return new BrokerException(FaultKind.UNAVAILABLE, "reservation " + r.id() + ": " + message);
    }

    /** Terminated, with its VNIs and MACs free again; ending an ended reservation changes nothing. */
    static void endLifecycle(Reservation r, AddressAllocator allocator, Instant now) {
        if (r.lifecycleState() == LifecycleState.Terminated) {
            return;
        }
        if (r.lifecycleState() != LifecycleState.Terminating) {
            r.moveTo(LifecycleState.Terminating, now);
        }
        r.moveTo(LifecycleState.Terminated, now);
        allocator.releaseAll(r.id());
    }
}
