package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalNamesTheNumbersTest {
    private final PlacementEngine engine = new PartitioningPlacementEngine();
    private final List<SiteOffer> offers = List.of(
            new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false),
                    new HostOffer("a2", 16, 65_536, 500, false))),
            new SiteOffer("site-b", List.of(new HostOffer("b1", 32, 32_768, 200, true))));

    @Test
    void aNodeTooBigForEveryHostIsNamedWithItsNeedsAndTheLargestFreeHostPerSite() {
        var vi = ViBuilder.ofNodes(node("web-1", 1, 1024, 1), node("big", 64, 131_072, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));

        assertEquals(FaultKind.CAPACITY, e.kind());
        assertEquals("node big needs 64 vCPUs, 131072 MiB memory and 10 GiB disk; the largest free host at site-a"
                + " during the window has 16 vCPUs; the largest free host at site-b during the window has 32 vCPUs",
                e.getMessage());
    }

    @Test
    void theNumbersReportedAreWhatIsLeftAfterTheNodesAlreadyPlaced() {
        var vi = ViBuilder.ofNodes(node("first", 16, 65_536, 100), node("second", 16, 40_000, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));

        assertEquals("no placement found: node second (16 vCPUs, 40000 MiB memory and 10 GiB disk) fits no site once"
                + " the rest is placed — site-a: only 8 vCPUs, 16384 MiB memory and 500 GiB disk left free during the"
                + " window", e.getMessage());
    }

    @Test
    void noUsableSiteIsRefusedAsCapacity() {
        var e = assertThrows(PlacementRefusedException.class,
                () -> engine.place(ViBuilder.valid().build(), Substrate.of(List.of())));
        assertEquals(FaultKind.CAPACITY, e.kind());
        assertTrue(e.getMessage().contains("no site can be used"), e.getMessage());
    }

    @Test
    void aNodeLargerThanEveryHostOfItsPinnedSiteNamesTheDimensionAndTheLargestHost() {
        var vi = ViBuilder.ofNodes(node("db-1", 8, 65_536, 10)).pin("db-1", "site-b", null).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));

        assertEquals("node db-1 needs 8 vCPUs, 65536 MiB memory and 10 GiB disk (pinned to site-b); the largest free"
                + " host at site-b during the window has 32768 MiB memory", e.getMessage());
    }

    @Test
    void aLatencyBoundThatTheSitesItsEndsArePinnedToCannotMeetNamesTheLinkAndTheLatency() {
        var substrate = new Substrate(offers, List.of(new InterSiteLink("site-a", "site-b", 1000, 1000, 10)));
        var vi = ViBuilder.ofNodes(node("web", 1, 1024, 1), node("db", 1, 1024, 1)).link("web", "db", null, 1.0)
                .pin("web", "site-a", null).pin("db", "site-b", null).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, substrate));

        assertEquals("link web–db needs ≤ 1 ms; site-a↔site-b is 10 ms and its ends cannot share a site", e.getMessage());
    }

    @Test
    void nodesThatMustShareASiteButFitNoSiteTogetherAreRefusedWithTheirTotal() {
        var vi = ViBuilder.ofNodes(node("p", 16, 30_000, 10), node("q", 16, 30_000, 10)).affinity("pair", "p", "q")
                .build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));

        assertEquals("nodes p, q (kept together by affinity or a latency bound) need together 32 vCPUs, 60000 MiB"
                + " memory and 20 GiB disk at one site; the most free at an allowed site during the window: site-a with"
                + " 24 vCPUs, 81920 MiB, 600 GiB", e.getMessage());
    }

    @Test
    void anInterSiteLinkWithoutRoomForTheCutIsNamedWithWhatIsFreeAndWhatIsNeeded() {
        var offersOfOneHostEach = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 4, 4096, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 4, 4096, 100, false))));
        var substrate = new Substrate(offersOfOneHostEach, List.of(new InterSiteLink("site-a", "site-b", 1000, 50, 10)));
        var vi = ViBuilder.ofNodes(node("x", 4, 4096, 1), node("y", 4, 4096, 1)).link("x", "y", 200, null).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, substrate));

        assertEquals("no placement found: node y (4 vCPUs, 4096 MiB memory and 1 GiB disk) fits no site once the rest"
                + " is placed — site-a: only 0 vCPUs, 0 MiB memory and 99 GiB disk left free during the window;"
                + " site-b: inter-site link site-a↔site-b has 50 Mbit/s free during the window; placing it here needs"
                + " 200 more", e.getMessage());
    }

    @Test
    void aRequestLargerThanAllSitesTogetherSaysSo() {
        var vi = ViBuilder.ofNodes(node("m1", 30, 1024, 1), node("m2", 30, 1024, 1)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));

        assertEquals("the request needs 60 vCPUs in total; all offered sites together have 56 free during the window",
                e.getMessage());
    }
}
