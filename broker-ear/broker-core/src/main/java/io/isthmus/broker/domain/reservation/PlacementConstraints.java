package io.isthmus.broker.domain.reservation;

import java.util.List;

/**
 * The requester's placement constraints: the sites it allows (empty: any), affinity groups (same site)
 * and anti-affinity groups (distinct hosts).
 */
public record PlacementConstraints(List<String> allowedSites, List<NodeGroup> affinity, List<NodeGroup> antiAffinity) {
    public static final PlacementConstraints NONE = new PlacementConstraints(List.of(), List.of(), List.of());

    public PlacementConstraints {
        allowedSites = List.copyOf(allowedSites);
        affinity = List.copyOf(affinity);
        antiAffinity = List.copyOf(antiAffinity);
    }
}
