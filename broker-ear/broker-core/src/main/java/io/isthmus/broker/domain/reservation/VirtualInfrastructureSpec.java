package io.isthmus.broker.domain.reservation;

import java.util.List;
import java.util.Optional;

/** One request for a virtual infrastructure, as the broker's domain sees it. */
public record VirtualInfrastructureSpec(String tenant, String description, TimeWindow window,
                                        List<SegmentSpec> segments, List<NodeSpec> nodes, List<LinkSpec> links,
                                        PlacementConstraints constraints, GatewaySpec requesterGateway) {
    public VirtualInfrastructureSpec {
        segments = List.copyOf(segments);
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        constraints = constraints == null ? PlacementConstraints.NONE : constraints;
    }

    public Optional<SegmentSpec> segment(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<NodeSpec> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
