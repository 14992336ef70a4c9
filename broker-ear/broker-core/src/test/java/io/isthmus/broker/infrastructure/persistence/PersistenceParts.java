package io.isthmus.broker.infrastructure.persistence;

import io.isthmus.broker.infrastructure.config.RecoverySettings;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** The persistence beans wired by hand on a test's entity manager, for tests outside this package. */
public final class PersistenceParts {
    private PersistenceParts() {
    }

    public static JpaReservationRepository repository(EntityManager em) {
        JpaReservationRepository repository = new JpaReservationRepository();
        repository.em = em;
        return repository;
    }

    /** A broker instance whose clock is {@code clock}; {@link #on} gives it the entity manager of a transaction. */
    public static BrokerInstances instance(Clock clock, RecoverySettings settings) {
        BrokerInstances instance = new BrokerInstances();
        instance.clock = clock;
        instance.settings = settings;
        return instance;
    }

    public static BrokerInstances on(BrokerInstances instance, EntityManager em) {
        instance.em = em;
        return instance;
    }
}
