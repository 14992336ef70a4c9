package io.isthmus.broker.application.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.infrastructure.config.RecoverySettings;
import io.isthmus.broker.infrastructure.persistence.BrokerInstances;
import io.isthmus.broker.infrastructure.persistence.PersistenceParts;
import io.isthmus.broker.testsupport.TestDatabase;
import io.isthmus.broker.testsupport.ViBuilder;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, items 4, 5 and 18, and scale-out: which broker instance may work on a reservation is decided in the
 * shared database. A reservation owned by an instance whose lease still runs (a reserve still preparing, however
 * slow its participants; another broker beside this one; a second deployment in the same server) is left alone;
 * one whose owner's lease ran out (a killed broker) is taken over; one nobody owns is taken. Real H2 database,
 * the broker's own repository and instance registry.
 */
class InstanceLeasesDecideWhoWorksOnAReservationTest {
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private TestDatabase db;
    private final BrokerInstances me = instance(NOW);

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aReservationOfAnotherLiveInstanceIsLeftToIt() {
        BrokerInstances other = instance(NOW.minusSeconds(1));
        inTransaction(em -> renew(other, em));
        ReservationId id = checkingOwnedBy(other.me());

        assertFalse(claim(id), "another instance is still preparing it: no sweeper may abort it");
        assertEquals(Optional.of(other.me()), owner(id));
    }

    @Test
    void aReservationOfAnInstanceWhoseLeaseRanOutIsTakenOver() {
        BrokerInstances killed = instance(NOW.minus(LEASE).minusSeconds(1));
        inTransaction(em -> renew(killed, em));
        ReservationId id = checkingOwnedBy(killed.me());

        assertTrue(claim(id), "the killed instance's work is taken over once its lease ran out");
        assertEquals(Optional.of(me.me()), owner(id));
    }

    @Test
    void aWithdrawnInstanceIsTakenOverAtOnce() {
        BrokerInstances stopped = instance(NOW);
        inTransaction(em -> renew(stopped, em));
        ReservationId id = checkingOwnedBy(stopped.me());
        inTransaction(em -> {
            PersistenceParts.on(stopped, em).withdraw();
            return null;
        });

        assertTrue(claim(id), "a cleanly stopped instance withdrew its lease: no need to wait for it");
    }

    @Test
    void ownReservationsAndUnownedOnesAreTaken() {
        ReservationId mine = checkingOwnedBy(me.me());
        ReservationId nobodys = checkingOwnedBy(null);

        assertTrue(claim(mine));
        assertTrue(claim(nobodys));
        assertEquals(Optional.of(me.me()), owner(nobodys));
    }

    private boolean claim(ReservationId id) {
        return inTransaction(em -> {
            renew(me, em);
            return store(em).claim(id);
        });
    }

    private ReservationId checkingOwnedBy(String owner) {
        Reservation r = new Reservation(ReservationId.random(), "requester-1", UUID.randomUUID().toString(),
                ViBuilder.valid().build(), NOW);
        r.moveTo(ReservationState.ReserveChecking, NOW);
        r.ownedBy(owner);
        db.run(em -> em.persist(r));
        return r.id();
    }

    private Optional<String> owner(ReservationId id) {
        return inTransaction(em -> em.find(Reservation.class, id.value()).owner());
    }

    private ReservationStore store(EntityManager em) {
        ReservationStore store = new ReservationStore();
        store.repository = PersistenceParts.repository(em);
        store.instances = PersistenceParts.on(me, em);
        return store;
    }

    private static Void renew(BrokerInstances instance, EntityManager em) {
        PersistenceParts.on(instance, em).renew();
        return null;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return db.inTransaction(work);
    }

    /** An instance whose clock says {@code at}: it renews its lease then. */
    private static BrokerInstances instance(Instant at) {
        return PersistenceParts.instance(Clock.fixed(at, ZoneOffset.UTC), new RecoverySettings(60, LEASE.toSeconds(), 8));
    }
}
