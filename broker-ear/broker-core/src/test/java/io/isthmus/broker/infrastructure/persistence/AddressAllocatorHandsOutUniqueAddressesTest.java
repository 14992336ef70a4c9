package io.isthmus.broker.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.testsupport.TestDatabase;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressAllocatorHandsOutUniqueAddressesTest {
    private static final long LAST_MAC_SUFFIX = 0xFFFFFF;

    @TempDir
    Path dir;
    private TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private <T> T withAllocator(Function<JpaAddressAllocator, T> work) {
        return db.inTransaction(em -> work.apply(allocator(em)));
    }

    private static JpaAddressAllocator allocator(EntityManager em) {
        JpaAddressAllocator allocator = new JpaAddressAllocator();
        allocator.em = em;
        return allocator;
    }

    @Test
    void aThousandVnisAndMacsOverTenReservationsAreAllDistinct() {
        Set<Integer> vnis = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (int r = 0; r < 10; r++) {
            ReservationId owner = ReservationId.random();
            withAllocator(a -> {
                for (int i = 0; i < 100; i++) {
                    vnis.add(a.allocateVni(owner));
                    macs.add(a.allocateMac(owner));
                }
                return null;
            });
        }
        assertEquals(1000, vnis.size());
        assertEquals(1000, macs.size());
        assertTrue(vnis.stream().allMatch(v -> v >= 5000 && v <= 16_777_215), "VNIs from 5000 up: " + vnis);
        for (String mac : macs) {
            assertTrue(mac.matches("02:49:53:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), mac);
            int first = Integer.parseInt(mac.substring(0, 2), 16);
            assertTrue((first & 0b10) != 0 && (first & 0b01) == 0, mac + " is locally administered unicast");
        }
    }

    @Test
    void aRestartedBrokerThatSeedsAgainDoesNotHandOutWhatItGaveBefore() {
        db.run(em -> allocator(em).seedCounters());
        ReservationId owner = ReservationId.random();
        Integer vniBefore = withAllocator(a -> a.allocateVni(owner));
        String macBefore = withAllocator(a -> a.allocateMac(owner));
        db.close();
        db = TestDatabase.open(dir);
        db.run(em -> allocator(em).seedCounters());

        ReservationId later = ReservationId.random();
        assertNotEquals(vniBefore, withAllocator(a -> a.allocateVni(later)));
        assertNotEquals(macBefore, withAllocator(a -> a.allocateMac(later)));
    }

    @Test
    void releasedVnisAndMacsAreReusedWhenTheCounterComesRound() {
        ReservationId first = ReservationId.random();
        assertEquals(Integer.valueOf(5000), withAllocator(a -> a.allocateVni(first)));
        assertEquals("02:49:53:00:00:01", withAllocator(a -> a.allocateMac(first)));
        withAllocator(a -> {
            a.releaseAll(first);
            return null;
        });
        moveCounter("vni", JpaAddressAllocator.LAST_VNI);
        moveCounter("mac", LAST_MAC_SUFFIX);

        ReservationId second = ReservationId.random();
        List<Object> got = withAllocator(a -> List.of(a.allocateVni(second), a.allocateVni(second),
                a.allocateMac(second), a.allocateMac(second)));
        assertEquals(List.of(16_777_215, 5000, "02:49:53:ff:ff:ff", "02:49:53:00:00:01"), got);
    }

    @Test
    void valuesStillHeldAreSkippedWhenTheCounterComesRound() {
        ReservationId holder = ReservationId.random();
        withAllocator(a -> List.of(a.allocateVni(holder), a.allocateMac(holder)));
        moveCounter("vni", JpaAddressAllocator.LAST_VNI);
        moveCounter("mac", LAST_MAC_SUFFIX);

        ReservationId second = ReservationId.random();
        List<Object> got = withAllocator(a -> List.of(a.allocateVni(second), a.allocateVni(second),
                a.allocateMac(second), a.allocateMac(second)));
        assertEquals(List.of(16_777_215, 5001, "02:49:53:ff:ff:ff", "02:49:53:00:00:02"), got);
    }

    @Test
    void aMacFixedByAnotherReservationIsAConflictNamingTheOwner() {
        ReservationId owner = ReservationId.random();
        ReservationId other = ReservationId.random();
        withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", owner);
            return null;
        });
        withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", owner);
            return null;
        });

        var e = assertThrows(BrokerException.class, () -> withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", other);
            return null;
        }));
        assertEquals(FaultKind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("02:00:00:00:00:01") && e.getMessage().contains(owner.value()),
                e.getMessage());
    }

    @Test
    void aReleasedFixedMacCanBeClaimedByAnotherReservation() {
        ReservationId owner = ReservationId.random();
        ReservationId other = ReservationId.random();
        withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", owner);
            return null;
        });
        withAllocator(a -> {
            a.releaseAll(owner);
            return null;
        });
        withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", other);
            return null;
        });
        var e = assertThrows(BrokerException.class, () -> withAllocator(a -> {
            a.claimMac("02:00:00:00:00:01", owner);
            return null;
        }));
        assertTrue(e.getMessage().contains(other.value()), e.getMessage());
    }

    @Test
    void aFixedMacInsideTheBrokersRangeIsNeverAllocatedToAnother() {
        ReservationId owner = ReservationId.random();
        withAllocator(a -> {
            a.claimMac("02:49:53:00:00:01", owner);
            return null;
        });
        List<String> macs = new ArrayList<>();
        ReservationId other = ReservationId.random();
        withAllocator(a -> macs.add(a.allocateMac(other)));
        assertEquals(List.of("02:49:53:00:00:02"), macs);
    }

    private void moveCounter(String space, long next) {
        int updated = db.inTransaction(em -> em.createQuery(
                        "update AllocationCounter c set c.nextValue = :v where c.name = :n")
                .setParameter("v", next).setParameter("n", space).executeUpdate());
        if (updated == 0) {
            db.run(em -> em.persist(new AllocationCounter(space, next)));
        }
    }
}
