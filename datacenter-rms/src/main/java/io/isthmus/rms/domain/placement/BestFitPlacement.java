package io.isthmus.rms.domain.placement;

import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Resources;
import io.isthmus.rms.domain.site.SiteId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs nodes onto hosts so that no host is over-committed at any instant of the window, neither in cores,
 * memory and disk nor in the bandwidth its NIC contracts guarantee against the host link. A node
 * that names a host goes there or nowhere; the others go to the feasible host that keeps the
 * least memory free afterwards (best fit). Nodes are packed largest memory first.
 */
public final class BestFitPlacement {

    private final SiteId site;

    public BestFitPlacement(SiteId site) {
        this.site = site;
    }

    /** Places every node or throws {@link InsufficientCapacityException} naming the first that does not fit. */
    public List<PlacedNode> place(List<NodeSpec> nodes, List<HostCalendar> calendars, TimeWindow window) {
        Map<HostName, HostCalendar> byHost = new LinkedHashMap<>();
        calendars.forEach(c -> byHost.put(c.host().name(), c));
        List<NodeSpec> order = new ArrayList<>(nodes);
        order.sort(Comparator.comparingLong((NodeSpec n) -> n.demand().memoryMib()).reversed());
        Map<NodeSpec, HostName> chosen = new LinkedHashMap<>();
        for (NodeSpec node : order) {
            HostCalendar target = bestHost(node, byHost, window).orElseThrow(
                    () -> new InsufficientCapacityException(
                            new Shortfall(site, node, List.copyOf(byHost.values()), window).explain()));
            byHost.put(target.host().name(), target.with(new Booked(window, node.demand())));
            chosen.put(node, target.host().name());
        }
        return nodes.stream().map(n -> new PlacedNode(n, chosen.get(n))).toList();
    }

    private static Optional<HostCalendar> bestHost(NodeSpec node, Map<HostName, HostCalendar> byHost,
            TimeWindow window) {
        return byHost.values().stream()
                .filter(c -> node.requestedHost().map(h -> h.equals(c.host().name())).orElse(true))
                .filter(c -> !node.nestedVirtualization() || c.host().nestedVirtualization())
                .filter(c -> c.free(window).covers(node.demand()))
                .min(Comparator.comparingLong((HostCalendar c) -> leftAfter(c, node, window))
                        .thenComparing(c -> c.host().name().value()));
    }

    private static long leftAfter(HostCalendar calendar, NodeSpec node, TimeWindow window) {
        Resources free = calendar.free(window);
        return free.memoryMib() - node.demand().memoryMib();
    }
}
