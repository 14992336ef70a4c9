package io.isthmus.broker.domain.reservation;

import java.util.Optional;

/**
 * The bandwidth contract of one NIC, derived from the request's links: a segment link caps every NIC on its
 * segment at its bandwidth and guarantees it too; a node-pair link adds its bandwidth to the guarantee of both
 * nodes' NICs on every segment they share (it cannot cap them: the same NIC also carries traffic to other nodes);
 * on a capped segment the cap is also the guarantee. The site enforces it with tc HTB on the NIC's port and re-divides
 * spare bandwidth by priority (DBA-VM).
 *
 * @param minMbps guaranteed bandwidth
 * @param maxMbps cap, or null for none (the host's spare bandwidth)
 */
public record NicBandwidth(int minMbps, Integer maxMbps) {

    /** The priority class every contract the broker derives gets (0 highest … 7 lowest): the middle. */
    public static final int DEFAULT_PRIORITY = 3;

    public NicBandwidth {
        if (minMbps < 0 || (maxMbps != null && (maxMbps < 1 || maxMbps < minMbps))) {
            throw new IllegalArgumentException("bandwidth contract min " + minMbps + " / max " + maxMbps
                    + " Mbit/s is inconsistent");
        }
    }

    /** The contract of {@code nic} of {@code node} in {@code vi}; empty when no link with a bandwidth applies. */
    public static Optional<NicBandwidth> derive(VirtualInfrastructureSpec vi, NodeSpec node, NicSpec nic) {
        Integer cap = null;
        int guarantee = 0;
        boolean applies = false;
        for (LinkSpec link : vi.links()) {
            if (link.bandwidthMbps() == null) {
                continue;
            }
            if (link.isSegmentWide()) {
                if (link.segment().equals(nic.segment())) {
                    cap = cap == null ? link.bandwidthMbps() : Math.min(cap, link.bandwidthMbps());
                    applies = true;
                }
            } else if (pairSharesSegment(vi, link, node.name(), nic.segment())) {
                guarantee += link.bandwidthMbps();
                applies = true;
            }
        }
        if (!applies) {
            return Optional.empty();
        }
        return Optional.of(new NicBandwidth(cap == null ? guarantee : cap, cap));
    }

    private static boolean pairSharesSegment(VirtualInfrastructureSpec vi, LinkSpec link, String node,
                                             String segment) {
        String other = node.equals(link.a()) ? link.b() : node.equals(link.b()) ? link.a() : null;
        return other != null && vi.node(other).map(n -> n.nics().stream()
                .anyMatch(x -> x.segment().equals(segment))).orElse(false);
    }
}
