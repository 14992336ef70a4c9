package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FillsSitesInPreferenceOrderTest {
    private final PlacementEngine engine = new PartitioningPlacementEngine();

    @Test
    void aRequestThatFitsTheFirstSiteStaysThereOnItsFirstHost() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false),
                        new HostOffer("a2", 64, 262_144, 1000, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 64, 262_144, 1000, false))));
        var vi = ViBuilder.ofNodes(node("web-1", 2, 2048, 10), node("db-1", 4, 8192, 20)).build();

        Placement p = engine.place(vi, Substrate.of(offers));

        assertEquals(new NodeLocation("site-a", "a1"), p.of("web-1"));
        assertEquals(new NodeLocation("site-a", "a1"), p.of("db-1"));
        assertEquals(Set.of("site-a"), p.sites());
    }

    @Test
    void aRequestTooBigForOneSiteSpansTwo() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 8, 16_384, 100, false))));
        var vi = ViBuilder.ofNodes(node("n1", 4, 8192, 10), node("n2", 4, 8192, 10), node("n3", 4, 8192, 10))
                .build();

        Placement p = engine.place(vi, Substrate.of(offers));

        assertEquals(Set.of("site-a", "site-b"), p.sites());
        long atA = p.locations().values().stream().filter(l -> l.site().equals("site-a")).count();
        assertEquals(2, atA, "site-a is filled before site-b is used: " + p);
    }

    @Test
    void theLargestNodesArePlacedFirstSoSmallOnesFillTheGaps() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 8192, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 8, 8192, 100, false))));
        // Request order would put the small nodes on a1 and leave no host for "big" at site-a.
        var vi = ViBuilder.ofNodes(node("small-1", 1, 2048, 1), node("small-2", 1, 2048, 1),
                node("big", 4, 6144, 1)).build();

        Placement p = engine.place(vi, Substrate.of(offers));

        assertEquals(new NodeLocation("site-a", "a1"), p.of("big"));
        assertEquals(new NodeLocation("site-a", "a1"), p.of("small-1"));
        assertEquals(new NodeLocation("site-b", "b1"), p.of("small-2"));
    }
}
