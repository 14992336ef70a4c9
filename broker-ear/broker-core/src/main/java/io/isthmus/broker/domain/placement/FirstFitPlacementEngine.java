package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * First fit over sites in preference order, largest nodes first: a node goes to the first site, and there to the
 * first host, with room for it over the whole window. Affinity groups stay on one site; anti-affinity groups get
 * distinct hosts. Deterministic. The placement engine issue replaces it with a partitioning engine.
 */
public final class FirstFitPlacementEngine implements PlacementEngine {

    @Override
    public Placement place(VirtualInfrastructureSpec vi, List<SiteOffer> offers) {
        if (offers.isEmpty()) {
            throw new PlacementRefusedException("no site can be used: none is configured, allowed and reachable");
        }
        Map<String, List<HostOffer>> free = new LinkedHashMap<>();
        offers.forEach(o -> free.put(o.site(), new ArrayList<>(o.hosts())));
        Map<String, NodeLocation> placed = new HashMap<>();
        List<NodeSpec> order = new ArrayList<>(vi.nodes());
        order.sort(Comparator.comparingLong(NodeSpec::memoryMib).thenComparingInt(NodeSpec::vcpus).reversed());
        for (NodeSpec node : order) {
            String pinnedSite = affinitySite(node.name(), vi.constraints().affinity(), placed);
            Set<String> avoidHosts = antiAffinityHosts(node.name(), vi.constraints().antiAffinity(), placed);
            NodeLocation location = firstFit(node, free, pinnedSite, avoidHosts)
                    .orElseThrow(() -> refusal(node, free, pinnedSite, avoidHosts));
            placed.put(node.name(), location);
        }
        return new Placement(placed);
    }

    private static Optional<NodeLocation> firstFit(NodeSpec node, Map<String, List<HostOffer>> free,
                                                   String pinnedSite, Set<String> avoidHosts) {
        for (var site : free.entrySet()) {
            if (pinnedSite != null && !pinnedSite.equals(site.getKey())) {
                continue;
            }
            List<HostOffer> hosts = site.getValue();
            for (int i = 0; i < hosts.size(); i++) {
                HostOffer host = hosts.get(i);
                String key = site.getKey() + "/" + host.host();
                if (!avoidHosts.contains(key)
                        && host.fits(node.vcpus(), node.memoryMib(), node.diskGib(), node.nested())) {
                    hosts.set(i, host.minus(node.vcpus(), node.memoryMib(), node.diskGib()));
                    return Optional.of(new NodeLocation(site.getKey(), host.host()));
                }
            }
        }
        return Optional.empty();
    }

    private static String affinitySite(String node, List<NodeGroup> groups, Map<String, NodeLocation> placed) {
        for (NodeGroup g : groups) {
            if (g.nodes().contains(node)) {
                for (String other : g.nodes()) {
                    if (placed.containsKey(other)) {
                        return placed.get(other).site();
                    }
                }
            }
        }
        return null;
    }

    private static Set<String> antiAffinityHosts(String node, List<NodeGroup> groups, Map<String, NodeLocation> placed) {
        Set<String> hosts = new HashSet<>();
        for (NodeGroup g : groups) {
            if (g.nodes().contains(node)) {
                g.nodes().stream().filter(placed::containsKey)
                        .forEach(o -> hosts.add(placed.get(o).site() + "/" + placed.get(o).host()));
            }
        }
        return hosts;
    }

    private static PlacementRefusedException refusal(NodeSpec node, Map<String, List<HostOffer>> free, String pinnedSite,
                                                     Set<String> avoidHosts) {
        List<String> largest = new ArrayList<>();
        for (var site : free.entrySet()) {
            if (pinnedSite != null && !pinnedSite.equals(site.getKey())) {
                continue;
            }
            site.getValue().stream().max(Comparator.comparingLong(HostOffer::freeMemoryMib)).ifPresent(h ->
                    largest.add(site.getKey() + " " + h.host() + " (" + h.freeCores() + " cores, "
                            + h.freeMemoryMib() + " MiB, " + h.freeDiskGib() + " GiB"
                            + (h.nested() ? "" : ", no nested virtualisation") + ")"));
        }
        String where = (pinnedSite == null ? "" : " (affinity keeps it at " + pinnedSite + ")")
                + (avoidHosts.isEmpty() ? "" : " (anti-affinity keeps it off " + new TreeSet<>(avoidHosts) + ")");
        return new PlacementRefusedException("node " + node.name() + " needs " + node.vcpus() + " vCPUs, "
                + node.memoryMib() + " MiB memory and " + node.diskGib() + " GiB disk"
                + (node.nested() ? " with nested virtualisation" : "") + where
                + "; the largest free host per site during the window: "
                + (largest.isEmpty() ? "none" : String.join("; ", largest)));
    }
}
