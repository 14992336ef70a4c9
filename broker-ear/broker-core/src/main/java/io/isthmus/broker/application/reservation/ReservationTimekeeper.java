package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.infrastructure.fault.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What happens without a caller: holds expire, windows start and end, and transitions a stopped broker left
 * half-done are finished or undone. Every step re-checks the state under a row lock, so it is safe to run
 * while callers act on the same reservation.
 */
@ApplicationScoped
public class ReservationTimekeeper {
    private static final Logger LOG = Logger.getLogger(ReservationTimekeeper.class.getName());

    @Inject
    ReservationService service;
    @Inject
    TransitionSteps steps;
    @Inject
    ReservationStore store;
    @Inject
    Clock clock;
    @Inject
    KillSwitch killSwitch;

    /** Held past its hold time: ReserveTimeout, and every hold released. */
    public void expireHold(ReservationId id) {
        Instant now = clock.instant();
        Optional<Reservation> expired = store.updateIf(id,
                res -> res.reservationState() == ReservationState.ReserveHeld
                        && res.holdExpires().map(now::isAfter).orElse(false),
                res -> res.moveTo(ReservationState.ReserveTimeout, now));
        if (expired.isEmpty()) {
            return;
        }
        Reservation r = expired.get();
        LOG.info(() -> "reservation " + id + " was not committed by " + r.holdExpires().orElse(null)
                + ": ReserveTimeout, releasing its holds everywhere");
        killSwitch.reached("expiry.timedOut");
        steps.releaseHolds(r, system(r));
    }

    /** A provisioned reservation whose window has started: start its L1 nodes and stitch its segments. */
    public void activate(ReservationId id) {
        Reservation r = store.read(repo -> repo.find(id)).orElseThrow();
        steps.activateNow(r, system(r));
    }

    /** The window has ended: free everything; the reservation becomes PassedEndTime. */
    public void endWindow(ReservationId id) {
        Reservation r = store.read(repo -> repo.find(id)).orElseThrow();
        LOG.info(() -> "reservation " + id + " reached the end of its window " + r.window().end());
        steps.finishTerminate(r, system(r), LifecycleState.PassedEndTime);
    }

    /** Finishes or undoes a transition that a stopped broker (or an unreachable participant) left half-done. */
    public void recover(ReservationId id) {
        Reservation r = store.read(repo -> repo.find(id)).orElseThrow();
        Requester who = system(r);
        LOG.info(() -> "reservation " + id + ": resuming " + r.reservationState() + "/" + r.provisionState() + "/"
                + r.lifecycleState());
        switch (r.reservationState()) {
            case ReserveChecking -> {
                steps.failChecking(r, who, "the broker stopped while preparing this reservation; nothing is held:"
                        + " reserve again with a new correlation id");
                return;
            }
            case ReserveCommitting -> steps.finishCommit(r, who);
            case ReserveAborting -> steps.finishAbort(r, who);
            case ReserveTimeout, ReserveFailed -> steps.releaseHolds(r, who);
            default -> { }
        }
        Reservation now = store.read(repo -> repo.find(id)).orElseThrow();
        if (now.lifecycleState() == LifecycleState.Terminating) {
            steps.finishTerminate(now, who, LifecycleState.Terminated);
        } else if (now.provisionState() == ProvisionState.Releasing) {
            steps.finishRelease(now, who);
        } else if (now.provisionState() == ProvisionState.Provisioning) {
            service.provision(who, id);
        }
    }

    /** Runs one step, logging a failure so the next sweep tries again. */
    public void attempt(String what, ReservationId id, Consumer<ReservationId> step) {
        try {
            step.accept(id);
        } catch (BrokerException e) {
            LOG.warning(() -> what + " of reservation " + id + " did not finish, retrying at the next sweep: "
                    + e.getMessage());
        }
    }

    private static Requester system(Reservation r) {
        return new Requester(r.requesterId(), UUID.randomUUID().toString());
    }
}
