package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.infrastructure.config.BrokerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Creates the VNI and MAC counters and records the configured inter-site links at deployment, in one transaction
 * before any request runs, so that concurrent first reservations never race to create the same row.
 */
@Singleton
@Startup
public class AllocationCounterSeeder {
    @Inject
    JpaAddressAllocator allocator;
    @Inject
    JpaInterSiteBookings links;
    @Inject
    BrokerSettings settings;

    @PostConstruct
    void seed() {
        allocator.seedCounters();
        links.seed(settings.links());
    }
}
