package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.NotFoundException;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationRepository;
import io.isthmus.broker.domain.segment.AddressAllocator;
import io.isthmus.broker.infrastructure.persistence.BrokerInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Each method is one database transaction of its own, so that the co-allocation records every decision before it
 * acts on it (DESIGN.md §4). The returned reservations are detached snapshots.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ReservationStore {
    @Inject
    ReservationRepository repository;
    @Inject
    AddressAllocator allocator;
    @Inject
    BrokerInstances instances;

    /** Locks the reservation, applies the change and commits; this instance becomes its owner. */
    public Reservation update(ReservationId id, Consumer<Reservation> change) {
        Reservation r = locked(id);
        change.accept(r);
        return r;
    }

    /** Locks the reservation and applies the change only if it still qualifies; empty when it did not. */
    public Optional<Reservation> updateIf(ReservationId id, Predicate<Reservation> qualifies, Consumer<Reservation> change) {
        Reservation r = repository.lock(id).orElseThrow(() -> new NotFoundException(id));
        if (!qualifies.test(r)) {
            return Optional.empty();
        }
        r.ownedBy(instances.me());
        change.accept(r);
        return Optional.of(r);
    }

    /** Like {@link #update} with access to the allocator (VNIs, MACs) in the same transaction. */
    public Reservation updateWithAllocator(ReservationId id, BiConsumer<Reservation, AddressAllocator> change) {
        Reservation r = locked(id);
        change.accept(r, allocator);
        return r;
    }

    /** Records a new reservation and applies its first change, both or neither. */
    public Reservation create(Reservation reservation, BiConsumer<Reservation, AddressAllocator> change) {
        reservation.ownedBy(instances.me());
        repository.add(reservation);
        change.accept(reservation, allocator);
        return reservation;
    }

    /**
     * Forgets an attempt that every participant has let go of: the reservation with its VNIs, MACs and inter-site
     * bookings, so that the same request can be placed again under the same id.
     */
    public void forget(ReservationId id) {
        Reservation r = repository.lock(id).orElseThrow(() -> new NotFoundException(id));
        allocator.releaseAll(id);
        repository.remove(r);
    }

    /**
     * Takes the reservation over for background work unless another broker instance whose lease still runs owns it
     * (that one finishes it itself); answers whether this instance may go on.
     */
    public boolean claim(ReservationId id) {
        Reservation r = repository.lock(id).orElseThrow(() -> new NotFoundException(id));
        Optional<String> owner = r.owner();
        if (owner.isPresent() && !owner.get().equals(instances.me()) && instances.isAlive(owner.get())) {
            return false;
        }
        r.ownedBy(instances.me());
        return true;
    }

    private Reservation locked(ReservationId id) {
        Reservation r = repository.lock(id).orElseThrow(() -> new NotFoundException(id));
        r.ownedBy(instances.me());
        return r;
    }

    public <T> T read(Function<ReservationRepository, T> query) {
        return query.apply(repository);
    }

    /** The reservation if {@code who} made it; another requester's answers like a missing one. */
    public Reservation ofRequester(Requester who, ReservationId id) {
        return repository.find(id).filter(r -> r.requesterId().equals(who.requesterId()))
                .orElseThrow(() -> new NotFoundException(id));
    }

    public List<Reservation> byRequester(String requesterId, String tenant) {
        return repository.findByRequester(requesterId, tenant);
    }
}
