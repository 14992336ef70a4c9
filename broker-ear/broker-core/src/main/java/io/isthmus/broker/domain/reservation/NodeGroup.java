package io.isthmus.broker.domain.reservation;

import java.util.List;

/** A named group of nodes for an affinity or anti-affinity constraint. */
public record NodeGroup(String name, List<String> nodes) {
    public NodeGroup {
        nodes = List.copyOf(nodes);
    }
}
