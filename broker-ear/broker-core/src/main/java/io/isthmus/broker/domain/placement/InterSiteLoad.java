package io.isthmus.broker.domain.placement;

/** The guaranteed bandwidth a placement sends between two sites (each direction), sites in name order. */
public record InterSiteLoad(String siteA, String siteB, long mbps) {
    public InterSiteLoad {
        if (siteA.compareTo(siteB) > 0) {
            String t = siteA;
            siteA = siteB;
            siteB = t;
        }
    }
}
