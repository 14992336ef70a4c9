package io.isthmus.broker.infrastructure.persistence;

import static io.isthmus.broker.infrastructure.persistence.StoredReservations.T0;
import static io.isthmus.broker.infrastructure.persistence.StoredReservations.committed;
import static io.isthmus.broker.infrastructure.persistence.StoredReservations.held;
import static io.isthmus.broker.infrastructure.persistence.StoredReservations.provisioned;
import static io.isthmus.broker.infrastructure.persistence.StoredReservations.terminated;
import static io.isthmus.broker.infrastructure.persistence.StoredReservations.windowed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.LifecycleState;
import io.isthmus.broker.domain.reservation.ProvisionState;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.domain.reservation.ReservationState;
import io.isthmus.broker.testsupport.TestDatabase;
import io.isthmus.broker.testsupport.ViBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationRepositoryQueriesTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NOW = T0.plus(HOUR.multipliedBy(10));

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

    private <T> T withRepository(Function<JpaReservationRepository, T> work) {
        return db.inTransaction(em -> work.apply(repository(em)));
    }

    private static JpaReservationRepository repository(EntityManager em) {
        JpaReservationRepository repository = new JpaReservationRepository();
        repository.em = em;
        return repository;
    }

    private void store(Reservation... reservations) {
        db.run(em -> List.of(reservations).forEach(repository(em)::add));
    }

    private static Set<ReservationId> ids(Reservation... reservations) {
        return Set.of(reservations).stream().map(Reservation::id).collect(Collectors.toSet());
    }

    @Test
    void aRequestIsFoundByRequesterAndCorrelationId() {
        Reservation first = StoredReservations.of("requester-1", "corr-1", NOW, NOW.plus(HOUR));
        Reservation second = StoredReservations.of("requester-1", "corr-2", NOW, NOW.plus(HOUR));
        Reservation otherRequester = StoredReservations.of("requester-2", "corr-1", NOW, NOW.plus(HOUR));
        store(first, second, otherRequester);

        assertEquals(Optional.of(second.id()),
                withRepository(r -> r.findByRequest("requester-1", "corr-2")).map(Reservation::id));
        assertEquals(Optional.of(otherRequester.id()),
                withRepository(r -> r.findByRequest("requester-2", "corr-1")).map(Reservation::id));
        assertEquals(Optional.empty(), withRepository(r -> r.findByRequest("requester-2", "corr-2")));
    }

    @Test
    void theSameRequestCannotBeStoredTwice() {
        store(StoredReservations.of("requester-1", "corr-1", NOW, NOW.plus(HOUR)));
        assertThrows(PersistenceException.class,
                () -> store(StoredReservations.of("requester-1", "corr-1", NOW, NOW.plus(HOUR))));
    }

    @Test
    void aRequesterListsItsReservationsInWindowOrderOptionallyByTenant() {
        Reservation later = StoredReservations.of("requester-1", "corr-1", NOW.plus(HOUR),
                NOW.plus(HOUR.multipliedBy(2)));
        Reservation earlier = StoredReservations.of("requester-1", "corr-2", NOW, NOW.plus(HOUR));
        Reservation otherTenant = new Reservation(ReservationId.random(), "requester-1", "corr-3",
                ViBuilder.valid().tenant("globex").window(NOW.minus(HOUR), NOW).build(), T0);
        Reservation someoneElse = StoredReservations.of("requester-2", "corr-1", NOW, NOW.plus(HOUR));
        store(later, earlier, otherTenant, someoneElse);

        assertEquals(List.of(otherTenant.id(), earlier.id(), later.id()),
                withRepository(r -> r.findByRequester("requester-1", null)).stream().map(Reservation::id).toList());
        assertEquals(List.of(earlier.id(), later.id()),
                withRepository(r -> r.findByRequester("requester-1", "acme")).stream().map(Reservation::id).toList());
    }

    @Test
    void expiredHoldsAreOnlyHeldReservationsPastTheirHold() {
        Reservation expired = held(windowed(NOW, NOW.plus(HOUR)), NOW.minusSeconds(1));
        Reservation stillHeld = held(windowed(NOW, NOW.plus(HOUR)), NOW.plusSeconds(30));
        Reservation timedOut = held(windowed(NOW, NOW.plus(HOUR)), NOW.minusSeconds(60));
        timedOut.moveTo(ReservationState.ReserveTimeout, NOW);
        Reservation committed = committed(windowed(NOW, NOW.plus(HOUR)));
        Reservation checking = windowed(NOW, NOW.plus(HOUR));
        checking.moveTo(ReservationState.ReserveChecking, T0);
        checking.beginHold("tx-1", NOW.minusSeconds(60));
        store(expired, stillHeld, timedOut, committed, checking);

        assertEquals(ids(expired), Set.copyOf(withRepository(r -> r.expiredHolds(NOW))));
    }

    @Test
    void dueToActivateIsCommittedProvisionedLiveInsideTheWindowAndNotYetActive() {
        Reservation due = provisioned(committed(windowed(NOW, NOW.plus(HOUR))));
        Reservation running = provisioned(committed(windowed(NOW.minus(HOUR), NOW.plus(HOUR))));
        running.markDataPlane(true, T0);
        Reservation notCommitted = provisioned(windowed(NOW.minus(HOUR), NOW.plus(HOUR)));
        Reservation notProvisioned = committed(windowed(NOW.minus(HOUR), NOW.plus(HOUR)));
        Reservation notStarted = provisioned(committed(windowed(NOW.plusSeconds(1), NOW.plus(HOUR))));
        Reservation ended = provisioned(committed(windowed(NOW.minus(HOUR), NOW)));
        Reservation gone = terminated(provisioned(committed(windowed(NOW.minus(HOUR), NOW.plus(HOUR)))));
        store(due, running, notCommitted, notProvisioned, notStarted, ended, gone);

        assertEquals(ids(due), Set.copyOf(withRepository(r -> r.dueToActivate(NOW))));
    }

    @Test
    void pastEndTimeIsLiveReservationsWhoseWindowHasEnded() {
        Reservation endsNow = windowed(NOW.minus(HOUR), NOW);
        Reservation endedEarlier = committed(windowed(NOW.minus(HOUR.multipliedBy(2)), NOW.minus(HOUR)));
        Reservation stillRunning = windowed(NOW.minus(HOUR), NOW.plusSeconds(1));
        Reservation alreadyTerminated = terminated(windowed(NOW.minus(HOUR), NOW.minusSeconds(1)));
        Reservation alreadyPassed = windowed(NOW.minus(HOUR), NOW.minusSeconds(1));
        alreadyPassed.moveTo(LifecycleState.PassedEndTime, NOW);
        store(endsNow, endedEarlier, stillRunning, alreadyTerminated, alreadyPassed);

        assertEquals(ids(endsNow, endedEarlier), Set.copyOf(withRepository(r -> r.pastEndTime(NOW))));
    }

    @Test
    void reservationsLeftInATransientStateBeforeTheCutOffAreStuck() {
        Instant cutOff = T0.plusSeconds(30);
        Reservation checking = windowed(NOW, NOW.plus(HOUR));
        checking.moveTo(ReservationState.ReserveChecking, T0);
        Reservation provisioning = committed(windowed(NOW, NOW.plus(HOUR)));
        provisioning.moveTo(ProvisionState.Provisioning, T0);
        Reservation terminating = windowed(NOW, NOW.plus(HOUR));
        terminating.moveTo(LifecycleState.Terminating, T0);
        Reservation checkingJustNow = windowed(NOW, NOW.plus(HOUR));
        checkingJustNow.moveTo(ReservationState.ReserveChecking, cutOff);
        Reservation settled = held(windowed(NOW, NOW.plus(HOUR)), NOW);
        store(checking, provisioning, terminating, checkingJustNow, settled);

        assertEquals(ids(checking, provisioning, terminating),
                Set.copyOf(withRepository(r -> r.stuckInTransition(cutOff))));
        assertTrue(withRepository(r -> r.lock(settled.id())).isPresent());
    }
}
