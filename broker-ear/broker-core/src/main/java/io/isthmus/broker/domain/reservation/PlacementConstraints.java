package io.isthmus.broker.domain.reservation;

import java.util.List;
import java.util.Optional;

/**
 * The requester's placement constraints: the sites it allows (empty: any), affinity groups (same site),
 * anti-affinity groups (distinct hosts) and pins (a node kept at a site, optionally on a host).
 */
public record PlacementConstraints(List<String> allowedSites, List<NodeGroup> affinity, List<NodeGroup> antiAffinity,
                                   List<Pin> pins) {
    public static final PlacementConstraints NONE = new PlacementConstraints(List.of(), List.of(), List.of(), List.of());

    public PlacementConstraints {
        allowedSites = List.copyOf(allowedSites);
        affinity = List.copyOf(affinity);
        antiAffinity = List.copyOf(antiAffinity);
        pins = List.copyOf(pins);
    }

    public PlacementConstraints(List<String> allowedSites, List<NodeGroup> affinity, List<NodeGroup> antiAffinity) {
        this(allowedSites, affinity, antiAffinity, List.of());
    }

    public Optional<Pin> pin(String node) {
        return pins.stream().filter(p -> p.node().equals(node)).findFirst();
    }

    /** One node kept at a site, and on a host there when {@code host} is not null. */
    public record Pin(String node, String site, String host) {
    }
}
