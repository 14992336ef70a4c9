package io.isthmus.broker.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Creates the VNI and MAC counters at deployment, in one transaction before any request runs, so that concurrent
 * first reservations never race to create the same counter row.
 */
@Singleton
@Startup
public class AllocationCounterSeeder {
    @Inject
    JpaAddressAllocator allocator;

    @PostConstruct
    void seed() {
        allocator.seedCounters();
    }
}
