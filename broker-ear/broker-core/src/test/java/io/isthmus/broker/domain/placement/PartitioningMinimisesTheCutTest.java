package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the partitioning engine optimises: inter-site bandwidth first, then site cost, within every bound. */
class PartitioningMinimisesTheCutTest {
    private final PlacementEngine engine = new PartitioningPlacementEngine();

    private static SiteOffer site(String name, int hosts, int cores, int memoryMib) {
        List<HostOffer> offers = new java.util.ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            offers.add(new HostOffer("h" + h, cores, memoryMib, 1000, true));
        }
        return new SiteOffer(name, offers);
    }

    /** Two triangles joined by one thin link; each site holds three nodes. */
    private static ViBuilder twoClusters() {
        return ViBuilder.ofNodes(node("a1", 4, 4096, 10), node("b1", 4, 4096, 10), node("a2", 4, 4096, 10),
                        node("b2", 4, 4096, 10), node("a3", 4, 4096, 10), node("b3", 4, 4096, 10))
                .link("a1", "a2", 500, null).link("a2", "a3", 500, null).link("a1", "a3", 500, null)
                .link("b1", "b2", 500, null).link("b2", "b3", 500, null).link("b1", "b3", 500, null)
                .link("a3", "b3", 10, null);
    }

    @Test
    void aRequestSplitAcrossTwoSitesIsCutAtItsThinnestLink() {
        Substrate substrate = new Substrate(List.of(site("site-a", 1, 12, 16_384), site("site-b", 1, 12, 16_384)),
                List.of(new InterSiteLink("site-a", "site-b", 1000, 1000, 10)));

        Placement p = engine.place(twoClusters().build(), substrate);

        assertEquals(1, Stream.of("a1", "a2", "a3").map(n -> p.of(n).site()).distinct().count(), p.toString());
        assertEquals(1, Stream.of("b1", "b2", "b3").map(n -> p.of(n).site()).distinct().count(), p.toString());
        assertNotEquals(p.of("a1").site(), p.of("b1").site());
        assertEquals(List.of(new InterSiteLoad("site-a", "site-b", 10)), p.interSite());
        assertEquals(10, p.cost(), 1e-9);
    }

    @Test
    void aLinkWithTooLittleFreeBandwidthForcesAnotherSplit() {
        // site-a↔site-b has only 5 Mbit/s left: the thin link (10) cannot cross it, so the request goes to
        // site-a and site-c even though site-b is preferred.
        Substrate substrate = new Substrate(List.of(site("site-a", 1, 12, 16_384), site("site-b", 1, 12, 16_384),
                site("site-c", 1, 12, 16_384)), List.of(new InterSiteLink("site-a", "site-b", 1000, 5, 10),
                new InterSiteLink("site-a", "site-c", 1000, 1000, 10), new InterSiteLink("site-b", "site-c", 1000, 5, 10)));

        Placement p = engine.place(twoClusters().build(), substrate);

        assertEquals(1, p.interSite().size(), p.toString());
        InterSiteLoad load = p.interSite().get(0);
        assertEquals(10, load.mbps());
        assertEquals(Set.of("site-a", "site-c"), Set.of(load.siteA(), load.siteB()));
    }

    @Test
    void aCheaperSiteTakesTheNodesWhenBandwidthDoesNotDecide() {
        Substrate substrate = Substrate.of(List.of(new SiteOffer("site-a", site("x", 2, 16, 32_768).hosts(),
                Connectivity.INTER_SWITCH, 2.0), new SiteOffer("site-b", site("x", 2, 16, 32_768).hosts(),
                Connectivity.INTER_SWITCH, 0.5)));
        var vi = ViBuilder.ofNodes(node("n1", 4, 4096, 10), node("n2", 4, 4096, 10)).build();

        Placement p = engine.place(vi, substrate);

        assertEquals(Set.of("site-b"), p.sites());
        assertEquals(4.0, p.cost(), 1e-9, "8 vCPUs at 0.5");
    }

    @Test
    void aLatencyBoundBelowTheInterSiteLatencyKeepsBothEndsOnOneSite() {
        Substrate substrate = new Substrate(List.of(site("site-a", 1, 8, 16_384), site("site-b", 1, 8, 16_384)),
                List.of(new InterSiteLink("site-a", "site-b", 10_000, 10_000, 10)));
        // web and db fill one site; without the bound the engine could split them to keep the cache near web.
        var vi = ViBuilder.ofNodes(node("web", 4, 4096, 10), node("db", 4, 4096, 10), node("cache", 4, 4096, 10))
                .link("web", "db", 10, 1.0).link("web", "cache", 900, null).build();

        Placement p = engine.place(vi, substrate);

        assertEquals(p.of("web").site(), p.of("db").site(), p.toString());
        assertNotEquals(p.of("web").site(), p.of("cache").site());
    }

    @Test
    void aLatencyBoundBelowTheSitesSwitchingKeepsBothEndsOnOneHost() {
        Substrate substrate = Substrate.of(List.of(new SiteOffer("site-a", site("x", 3, 8, 16_384).hosts(),
                Connectivity.INTER_SWITCH, 0)));
        var vi = ViBuilder.ofNodes(node("big", 6, 4096, 10), node("vm", 2, 4096, 10), node("peer", 2, 4096, 10))
                .link("vm", "peer", null, 0.1).build();

        Placement p = engine.place(vi, substrate);

        assertEquals(p.of("vm"), p.of("peer"), "0.1 ms is below the site's inter-switch 0.2 ms: " + p);
    }

    @Test
    void segmentWideBandwidthCountsEachMembersShareTowardsItsPeers() {
        // Four members of a 300 Mbit/s segment: each sends 100 to each peer. Two per site: 4 pairs cross = 400.
        Substrate substrate = new Substrate(List.of(site("site-a", 1, 8, 8192), site("site-b", 1, 8, 8192)),
                List.of(new InterSiteLink("site-a", "site-b", 1000, 1000, 5)));
        NicSpec onData = new NicSpec("storage", null, null);
        var vi = ViBuilder.ofNodes(node("s1", 4, 4096, 10, onData), node("s2", 4, 4096, 10, onData),
                node("s3", 4, 4096, 10, onData), node("s4", 4, 4096, 10, onData)).segmentLink("storage", 300, null).build();

        Placement p = engine.place(vi, substrate);

        assertEquals(List.of(new InterSiteLoad("site-a", "site-b", 400)), p.interSite());
    }

    @Test
    void pinsKeepANodeAtItsSiteAndHost() {
        Substrate substrate = Substrate.of(List.of(site("site-a", 2, 16, 32_768), site("site-b", 2, 16, 32_768)));
        var vi = ViBuilder.ofNodes(node("n1", 2, 2048, 10), node("n2", 2, 2048, 10)).pin("n2", "site-b", "h1").build();

        Placement p = engine.place(vi, substrate);

        assertEquals(new NodeLocation("site-a", "h0"), p.of("n1"));
        assertEquals(new NodeLocation("site-b", "h1"), p.of("n2"));
    }
}
