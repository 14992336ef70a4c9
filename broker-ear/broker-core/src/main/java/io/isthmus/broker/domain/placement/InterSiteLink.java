package io.isthmus.broker.domain.placement;

import java.util.Objects;

/**
 * The path between two sites' gateways: what it can carry in each direction, what is still free over the
 * request's window (least free at any instant), and its one-way latency. Sites are kept in name order.
 */
public record InterSiteLink(String siteA, String siteB, long capacityMbps, long freeMbps, double latencyMs) {
    public InterSiteLink {
        Objects.requireNonNull(siteA, "siteA");
        Objects.requireNonNull(siteB, "siteB");
        if (siteA.equals(siteB)) {
            throw new IllegalArgumentException("an inter-site link joins two different sites, not " + siteA + " to itself");
        }
        if (siteA.compareTo(siteB) > 0) {
            String t = siteA;
            siteA = siteB;
            siteB = t;
        }
        if (capacityMbps < 0 || freeMbps < 0 || freeMbps > capacityMbps) {
            throw new IllegalArgumentException("link " + siteA + "↔" + siteB + ": need 0 <= free (" + freeMbps
                    + ") <= capacity (" + capacityMbps + ") Mbit/s");
        }
        if (!(latencyMs >= 0)) {
            throw new IllegalArgumentException("link " + siteA + "↔" + siteB + ": latency must be >= 0 ms, not " + latencyMs);
        }
    }

    public boolean joins(String a, String b) {
        return siteA.equals(a) && siteB.equals(b) || siteA.equals(b) && siteB.equals(a);
    }

    public String name() {
        return name(siteA, siteB);
    }

    /** "site-a↔site-b", the two sites in name order. */
    public static String name(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "↔" + b : b + "↔" + a;
    }
}
