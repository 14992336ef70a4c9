package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers a reserve repeated with the same requester and correlation id: the same answer as the first one, once
 * the first has one. A reused correlation id with a different request is a CONFLICT.
 */
@ApplicationScoped
class Replays {
    private static final Duration POLL = Duration.ofMillis(100);

    @Inject
    ReservationStore store;
    @Inject
    BrokerSettings settings;

    Reservation replay(Reservation earlier, String digest) {
        if (earlier.requestDigest().isPresent() && !earlier.requestDigest().get().equals(digest)) {
            throw new BrokerException(FaultKind.CONFLICT, "correlation id " + earlier.correlationId()
                    + " was already used for a different request (reservation " + earlier.id()
                    + "); send each new request with a new correlation id");
        }
        Reservation settled = awaitChecked(earlier);
        if (settled.reservationState() == ReservationState.ReserveFailed && settled.lastError().isPresent()) {
            throw new BrokerException(settled.lastErrorKind().orElse(FaultKind.INTERNAL), settled.lastError().get());
        }
        return settled;
    }

    /** Waits while the first call is still preparing the participants, at most one call timeout per participant. */
    private Reservation awaitChecked(Reservation earlier) {
        Instant deadline = Instant.now().plus(settings.callTimeout().multipliedBy(
                Math.max(1, earlier.participants().size())));
        Reservation current = earlier;
        while (current.reservationState() == ReservationState.ReserveChecking) {
            if (Instant.now().isAfter(deadline)) {
                throw new BrokerException(FaultKind.UNAVAILABLE, "an identical reserve (correlation id "
                        + earlier.correlationId() + ") is still being prepared as reservation " + earlier.id()
                        + "; ask again with the same correlation id in a moment");
            }
            pause();
            current = store.read(repo -> repo.find(earlier.id())).orElse(current);
        }
        return current;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(FaultKind.UNAVAILABLE, "interrupted while waiting for an identical reserve", e);
        }
    }
}
