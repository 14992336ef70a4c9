package io.isthmus.broker.domain.placement;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A placement of every node of a request: node name to site and host, the guaranteed bandwidth it sends across
 * each pair of sites, and its objective value (inter-site Mbit/s plus the sites' cost).
 */
public record Placement(Map<String, NodeLocation> locations, List<InterSiteLoad> interSite, double cost) {
    public Placement {
        locations = Map.copyOf(locations);
        interSite = List.copyOf(interSite);
    }

    public Placement(Map<String, NodeLocation> locations) {
        this(locations, List.of(), 0);
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

    /** Total guaranteed inter-site bandwidth, Mbit/s. */
    public long cutMbps() {
        return interSite.stream().mapToLong(InterSiteLoad::mbps).sum();
    }
}
