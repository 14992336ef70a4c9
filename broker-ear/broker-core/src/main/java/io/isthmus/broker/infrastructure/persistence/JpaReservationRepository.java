package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationRepository;
import io.isthmus.broker.domain.reservation.ReservationState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reservations in the broker's database (H2 by default, PostgreSQL in production). */
@ApplicationScoped
public class JpaReservationRepository implements ReservationRepository {
    @PersistenceContext(unitName = "isthmus")
    EntityManager em;

    @Override
    public Optional<Reservation> find(ReservationId id) {
        return Optional.ofNullable(em.find(Reservation.class, id.value()));
    }

    @Override
    public Optional<Reservation> lock(ReservationId id) {
        return Optional.ofNullable(em.find(Reservation.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<Reservation> findByRequest(String requesterId, String correlationId) {
        return em.createQuery("select r from Reservation r where r.requesterId = :req and r.correlationId = :corr",
                        Reservation.class)
                .setParameter("req", requesterId).setParameter("corr", correlationId)
                .getResultStream().findFirst();
    }

    @Override
    public List<Reservation> findByRequester(String requesterId, String tenant) {
        return em.createQuery("select r from Reservation r where r.requesterId = :req"
                        + " and (:tenant is null or r.tenant = :tenant) order by r.windowStart, r.id", Reservation.class)
                .setParameter("req", requesterId).setParameter("tenant", tenant)
                .getResultList();
    }

    @Override
    public List<ReservationId> expiredHolds(Instant now) {
        return ids(em.createQuery("select r.id from Reservation r where r.reservationState = :held"
                        + " and r.holdExpires < :now", String.class)
                .setParameter("held", ReservationState.ReserveHeld).setParameter("now", now).getResultList());
    }

    @Override
    public List<ReservationId> stuckInTransition(Instant before) {
        return ids(em.createQuery("select r.id from Reservation r where r.updatedAt < :before"
                        + " and r.lifecycleState <> :terminated and ("
                        + " r.reservationState in :rs or r.provisionState in :ps or r.lifecycleState = :terminating"
                        + " or (r.reservationState in :ended and r.lifecycleState = :created))", String.class)
                .setParameter("before", before)
                .setParameter("terminated", LifecycleState.Terminated)
                .setParameter("rs", List.of(ReservationState.ReserveChecking, ReservationState.ReserveCommitting,
                        ReservationState.ReserveAborting))
                .setParameter("ps", List.of(ProvisionState.Provisioning, ProvisionState.Releasing))
                .setParameter("terminating", LifecycleState.Terminating)
                .setParameter("ended", List.of(ReservationState.ReserveTimeout, ReservationState.ReserveFailed))
                .setParameter("created", LifecycleState.Created)
                .getResultList());
    }

    @Override
    public List<ReservationId> dueToActivate(Instant now) {
        return ids(em.createQuery("select r.id from Reservation r where r.committed = true"
                        + " and r.lifecycleState = :created and r.provisionState = :provisioned"
                        + " and r.dataPlaneActive = false and r.windowStart <= :now and r.windowEnd > :now",
                        String.class)
                .setParameter("created", LifecycleState.Created).setParameter("provisioned", ProvisionState.Provisioned)
                .setParameter("now", now).getResultList());
    }

    @Override
    public List<ReservationId> pastEndTime(Instant now) {
        return ids(em.createQuery("select r.id from Reservation r where r.lifecycleState = :created"
                        + " and r.windowEnd <= :now", String.class)
                .setParameter("created", LifecycleState.Created).setParameter("now", now).getResultList());
    }

    @Override
    public void add(Reservation reservation) {
        em.persist(reservation);
    }

    @Override
    public void remove(Reservation reservation) {
        em.remove(reservation);
    }

    private static List<ReservationId> ids(List<String> raw) {
        return raw.stream().map(ReservationId::new).toList();
    }
}
