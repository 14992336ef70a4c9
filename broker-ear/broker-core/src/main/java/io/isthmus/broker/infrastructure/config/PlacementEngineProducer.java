package io.isthmus.broker.infrastructure.config;

import io.isthmus.broker.domain.placement.PartitioningPlacementEngine;
import io.isthmus.broker.domain.placement.PlacementEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the placement engine the broker uses. */
@ApplicationScoped
public class PlacementEngineProducer {
    @Produces
    @ApplicationScoped
    PlacementEngine engine() {
        return new PartitioningPlacementEngine();
    }
}
