package io.isthmus.broker.domain.placement.bench;

/**
 * The shape of a generated request. Nodes sit uniformly in a unit square; a pair at distance {@code d} gets a link
 * with Waxman's probability {@code beta · exp(−d / (alpha · L))}, {@code L = √2}, pairs drawn until there are
 * exactly {@code links} links (the graph need not be connected).
 *
 * @param vcpus            vCPUs per node
 * @param memoryGib        memory per node, GiB
 * @param diskGib          disk per node, GiB
 * @param nestedShare      the share of nodes that need nested virtualisation
 * @param mbps             guaranteed bandwidth per link, Mbit/s
 * @param boundedShare     the share of links with a latency bound
 * @param minBoundMs       the lowest latency bound, ms
 * @param maxBoundMs       the highest latency bound, ms
 * @param affinityGroups   how many affinity groups (2–3 nodes each, same site)
 * @param antiAffinityGroups how many anti-affinity groups (2–4 nodes each, distinct hosts)
 * @param pins             how many nodes are pinned to a site (every second one also to a host)
 */
public record ViParams(int nodes, int links, double alpha, double beta, IntRange vcpus, IntRange memoryGib,
                       IntRange diskGib, double nestedShare, IntRange mbps, double boundedShare, double minBoundMs,
                       double maxBoundMs, int affinityGroups, int antiAffinityGroups, int pins) {
    public ViParams {
        if (nodes < 1) {
            throw new IllegalArgumentException("a request needs at least one node, not " + nodes);
        }
        long pairs = (long) nodes * (nodes - 1) / 2;
        if (links < 0 || links > pairs) {
            throw new IllegalArgumentException(nodes + " nodes have " + pairs + " pairs; cannot draw " + links + " links");
        }
    }

    /**
     * Heterogeneous nodes (1–8 vCPUs, 1–32 GiB, 10–100 GiB disk, about half nested), links of 10–1000 Mbit/s with a
     * 2–5 ms bound on about 10 %, Waxman {@code alpha = 0.15, beta = 0.4}, no constraints.
     */
    public static ViParams of(int nodes, int links) {
        return new ViParams(nodes, links, 0.15, 0.4, new IntRange(1, 8), new IntRange(1, 32), new IntRange(10, 100),
                0.5, new IntRange(10, 1000), 0.1, 2, 5, 0, 0, 0);
    }

    /** The same with requester constraints. */
    public ViParams withConstraints(int affinityGroups, int antiAffinityGroups, int pins) {
        return new ViParams(nodes, links, alpha, beta, vcpus, memoryGib, diskGib, nestedShare, mbps, boundedShare,
                minBoundMs, maxBoundMs, affinityGroups, antiAffinityGroups, pins);
    }

    /** The same with another range of guaranteed bandwidth per link. */
    public ViParams withMbps(IntRange range) {
        return new ViParams(nodes, links, alpha, beta, vcpus, memoryGib, diskGib, nestedShare, range, boundedShare,
                minBoundMs, maxBoundMs, affinityGroups, antiAffinityGroups, pins);
    }

    /** The same with a different share of latency-bounded links and bound range. */
    public ViParams withBounds(double boundedShare, double minBoundMs, double maxBoundMs) {
        return new ViParams(nodes, links, alpha, beta, vcpus, memoryGib, diskGib, nestedShare, mbps, boundedShare,
                minBoundMs, maxBoundMs, affinityGroups, antiAffinityGroups, pins);
    }
}
