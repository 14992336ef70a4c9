package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.segment.AddressAllocator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.HexFormat;
import java.util.function.LongPredicate;

/**
 * VNIs from 5000 up and MACs under the locally administered prefix 02:49:53 ("IS"), handed out round-robin
 * under a row lock on their counter; the allocation tables' primary keys forbid duplicates outright.
 */
@ApplicationScoped
public class JpaAddressAllocator implements AddressAllocator {
    static final long FIRST_VNI = 5000;
    static final long LAST_VNI = 16_777_215;
    static final String MAC_PREFIX = "02:49:53";
    private static final long LAST_MAC_SUFFIX = 0xFFFFFF;

    @PersistenceContext(unitName = "isthmus")
    EntityManager em;

    @Override
    public int allocateVni(ReservationId owner) {
        long vni = next("vni", FIRST_VNI, LAST_VNI, v -> em.find(VniAllocation.class, (int) v) == null);
        em.persist(new VniAllocation((int) vni, owner.value()));
        return (int) vni;
    }

    @Override
    public String allocateMac(ReservationId owner) {
        long suffix = next("mac", 1, LAST_MAC_SUFFIX, v -> em.find(MacAllocation.class, mac(v)) == null);
        String mac = mac(suffix);
        em.persist(new MacAllocation(mac, owner.value()));
        return mac;
    }

    @Override
    public void claimMac(String mac, ReservationId owner) {
        MacAllocation existing = em.find(MacAllocation.class, mac);
        if (existing != null && !existing.reservationId().equals(owner.value())) {
            throw new BrokerException(FaultKind.CONFLICT, "MAC " + mac + " is already used by reservation "
                    + existing.reservationId() + "; leave mac out to get a free one");
        }
        if (existing == null) {
            em.persist(new MacAllocation(mac, owner.value()));
        }
    }

    @Override
    public void releaseAll(ReservationId owner) {
        em.createQuery("delete from VniAllocation a where a.reservationId = :r").setParameter("r", owner.value())
                .executeUpdate();
        em.createQuery("delete from MacAllocation a where a.reservationId = :r").setParameter("r", owner.value())
                .executeUpdate();
        JpaInterSiteBookings.release(em, owner);
    }

    private long next(String space, long first, long last, LongPredicate free) {
        AllocationCounter counter = em.find(AllocationCounter.class, space, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = create(space, first);
        }
        for (long tries = 0; tries <= last - first; tries++) {
            long candidate = counter.take(first, last);
            if (free.test(candidate)) {
                return candidate;
            }
        }
        throw new BrokerException(FaultKind.CAPACITY, "every " + space + " of the federation is in use");
    }

    /** Creates the counters that do not exist yet; run once at deployment, before any request allocates. */
    public void seedCounters() {
        if (em.find(AllocationCounter.class, "vni") == null) {
            create("vni", FIRST_VNI);
        }
        if (em.find(AllocationCounter.class, "mac") == null) {
            create("mac", 1);
        }
    }

    /** Flushed at once, so that a locking find later in the same transaction reads it back from the database. */
    private AllocationCounter create(String space, long first) {
        AllocationCounter counter = new AllocationCounter(space, first);
        em.persist(counter);
        em.flush();
        return counter;
    }

    static String mac(long suffix) {
        String hex = HexFormat.of().toHexDigits(suffix).substring(10);
        return MAC_PREFIX + ":" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
    }
}
