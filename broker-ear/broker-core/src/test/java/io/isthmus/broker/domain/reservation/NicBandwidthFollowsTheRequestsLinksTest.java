package io.isthmus.broker.domain.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which bandwidth contract each NIC's port is shaped to: a segment link caps and guarantees every NIC on its
 * segment, a node-pair link guarantees its bandwidth on the segments the pair shares, nothing else is shaped.
 */
class NicBandwidthFollowsTheRequestsLinksTest {

    private static final NicSpec WEB_FRONT = new NicSpec("front", null, "10.0.0.10");
    private static final NicSpec WEB_BACK = new NicSpec("back", null, "10.0.1.10");
    private static final NicSpec DB_BACK = new NicSpec("back", null, "10.0.1.20");
    private static final NicSpec CACHE_FRONT = new NicSpec("front", null, null);
    private static final NodeSpec WEB = new NodeSpec("web", 1, 512, 1, "debian-12", false, List.of(WEB_FRONT, WEB_BACK));
    private static final NodeSpec DB = new NodeSpec("db", 1, 512, 1, "debian-12", false, List.of(DB_BACK));
    private static final NodeSpec CACHE = new NodeSpec("cache", 1, 512, 1, "debian-12", false, List.of(CACHE_FRONT));

    @Test
    void aSegmentLinkCapsAndGuaranteesEveryNicOnItsSegmentOnly() {
        VirtualInfrastructureSpec vi = vi(new LinkSpec(null, null, "front", 50, null));

        assertEquals(Optional.of(new NicBandwidth(50, 50)), NicBandwidth.derive(vi, WEB, WEB_FRONT));
        assertEquals(Optional.of(new NicBandwidth(50, 50)), NicBandwidth.derive(vi, CACHE, CACHE_FRONT));
        assertEquals(Optional.empty(), NicBandwidth.derive(vi, WEB, WEB_BACK));
    }

    @Test
    void twoSegmentLinksOnOneSegmentCapAtTheSmaller() {
        VirtualInfrastructureSpec vi = vi(new LinkSpec(null, null, "front", 80, null),
                new LinkSpec(null, null, "front", 30, null));

        assertEquals(Optional.of(new NicBandwidth(30, 30)), NicBandwidth.derive(vi, WEB, WEB_FRONT));
    }

    @Test
    void pairLinksAddUpToAGuaranteeWithoutACapOnTheSegmentThePairShares() {
        VirtualInfrastructureSpec vi = vi(new LinkSpec("web", "db", null, 200, 5.0),
                new LinkSpec("db", "web", null, 100, null));

        assertEquals(Optional.of(new NicBandwidth(300, null)), NicBandwidth.derive(vi, WEB, WEB_BACK));
        assertEquals(Optional.of(new NicBandwidth(300, null)), NicBandwidth.derive(vi, DB, DB_BACK));
        assertEquals(Optional.empty(), NicBandwidth.derive(vi, WEB, WEB_FRONT), "db has no NIC on front");
    }

    @Test
    void onACappedSegmentThePairGuaranteeCannotExceedTheCap() {
        VirtualInfrastructureSpec vi = vi(new LinkSpec("web", "db", null, 500, null),
                new LinkSpec(null, null, "back", 100, null));

        assertEquals(Optional.of(new NicBandwidth(100, 100)), NicBandwidth.derive(vi, DB, DB_BACK));
    }

    @Test
    void linksWithoutABandwidthShapeNothing() {
        VirtualInfrastructureSpec vi = vi(new LinkSpec("web", "db", null, null, 5.0),
                new LinkSpec(null, null, "front", null, 10.0));

        assertEquals(Optional.empty(), NicBandwidth.derive(vi, WEB, WEB_BACK));
        assertEquals(Optional.empty(), NicBandwidth.derive(vi, WEB, WEB_FRONT));
    }

    @Test
    void aContractWhoseGuaranteeExceedsItsCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NicBandwidth(60, 50));
    }

    private static VirtualInfrastructureSpec vi(LinkSpec... links) {
        TimeWindow window = new TimeWindow(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T01:00:00Z"));
        return new VirtualInfrastructureSpec("t1", null, window,
                List.of(new SegmentSpec("front", 100, "10.0.0.0/24"), new SegmentSpec("back", 200, "10.0.1.0/24")),
                List.of(WEB, DB, CACHE), List.of(links), null, null);
    }
}
