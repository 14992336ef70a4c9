package io.isthmus.broker.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.broker.testsupport.TestDatabase;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations made at the same time by different threads, each in its own transaction, as the broker does, after
 * the counters were seeded at deployment ({@link AllocationCounterSeeder}).
 */
class ConcurrentAllocationsNeverCollideTest {
    private static final int THREADS = 4;
    private static final int TRANSACTIONS_PER_THREAD = 25;
    private static final int PER_TRANSACTION = 2;

    @TempDir
    Path dir;

    @Test
    void concurrentReservationsGetDistinctVnisAndMacsAndNoneFails() throws Exception {
        List<Object> all = new ArrayList<>();
        try (TestDatabase db = TestDatabase.open(dir)) {
            db.run(em -> allocator(em).seedCounters());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<Object>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> reserveRepeatedly(db)));
                }
                for (Future<List<Object>> result : results) {
                    all.addAll(result.get());
                }
            } finally {
                pool.shutdown();
            }
        }
        Set<Object> distinct = new HashSet<>(all);
        assertEquals(THREADS * TRANSACTIONS_PER_THREAD * PER_TRANSACTION * 2, all.size());
        assertEquals(all.size(), distinct.size(), "a VNI or MAC was handed out twice");
    }

    private static List<Object> reserveRepeatedly(TestDatabase db) {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
            ReservationId owner = ReservationId.random();
            got.addAll(db.inTransaction(em -> allocate(em, owner, PER_TRANSACTION)));
        }
        return got;
    }

    private static JpaAddressAllocator allocator(EntityManager em) {
        JpaAddressAllocator allocator = new JpaAddressAllocator();
        allocator.em = em;
        return allocator;
    }

    private static List<Object> allocate(EntityManager em, ReservationId owner, int pairs) {
        JpaAddressAllocator allocator = allocator(em);
        List<Object> values = new ArrayList<>();
        for (int n = 0; n < pairs; n++) {
            values.add(allocator.allocateVni(owner));
            values.add(allocator.allocateMac(owner));
        }
        return values;
    }
}
