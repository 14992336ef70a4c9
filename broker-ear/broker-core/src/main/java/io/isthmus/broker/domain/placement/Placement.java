package io.isthmus.broker.domain.placement;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A placement of every node of a request: node name to site and host. */
public record Placement(Map<String, NodeLocation> locations) {
    public Placement {
        locations = Map.copyOf(locations);
    }

    public NodeLocation of(String node) {
        NodeLocation location = locations.get(node);
        if (location == null) {
            throw new IllegalArgumentException("node " + node + " was not placed");
        }
        return location;
    }

    public Set<String> sites() {
        Set<String> sites = new TreeSet<>();
        locations.values().forEach(l -> sites.add(l.site()));
        return sites;
    }
}
