package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.Placement;
import java.util.Optional;

/** What one engine did with one instance, and how long it took: a placement, or a refusal. */
record Run(double millis, Optional<Placement> placement) {
    boolean placed() {
        return placement.isPresent();
    }

    double objective() {
        return placement.map(Placement::cost).orElse(Double.NaN);
    }

    double cut() {
        return placement.map(p -> (double) p.cutMbps()).orElse(Double.NaN);
    }
}
