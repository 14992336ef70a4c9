package io.isthmus.broker.domain.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where reservations are kept. Each method runs in the caller's transaction. */
public interface ReservationRepository {
    Optional<Reservation> find(ReservationId id);

    /** The reservation locked for update, for a state transition. */
    Optional<Reservation> lock(ReservationId id);

    Optional<Reservation> findByRequest(String requesterId, String correlationId);

    List<Reservation> findByRequester(String requesterId, String tenant);

    /** Held reservations whose hold expired before {@code now}. */
    List<ReservationId> expiredHolds(Instant now);

    /** Reservations left in a transient state (a broker stopped mid-way) last changed before {@code before}. */
    List<ReservationId> stuckInTransition(Instant before);

    /** Committed, live reservations whose window has started but whose data plane is not active yet. */
    List<ReservationId> dueToActivate(Instant now);

    /** Live reservations whose window has ended. */
    List<ReservationId> pastEndTime(Instant now);

    void add(Reservation reservation);

    void remove(Reservation reservation);
}
