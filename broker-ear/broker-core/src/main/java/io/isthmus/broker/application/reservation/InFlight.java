package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.ReservationId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The reservations this broker instance is working on right now, by callers and by the sweeper. The sweeper leaves
 * alone what anyone here is already doing; callers may overlap each other (every step is idempotent).
 */
@ApplicationScoped
public class InFlight {
    private final ConcurrentHashMap<ReservationId, Integer> working = new ConcurrentHashMap<>();

    /** Runs a caller's work on {@code id}, marked as in flight. */
    public <T> T during(ReservationId id, Supplier<T> work) {
        working.merge(id, 1, Integer::sum);
        try {
            return work.get();
        } finally {
            leave(id);
        }
    }

    /** Marks {@code id} as in flight for the sweeper if nobody here works on it; false when somebody does. */
    boolean enterAlone(ReservationId id) {
        return working.putIfAbsent(id, 1) == null;
    }

    void leave(ReservationId id) {
        working.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
    }

    /** How many reservations are in flight (for logs and tests). */
    int size() {
        return working.size();
    }
}
