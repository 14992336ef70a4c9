package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.nestedNode;
import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HonoursPlacementConstraintsTest {
    private final PlacementEngine engine = new PartitioningPlacementEngine();

    @Test
    void antiAffinityMembersLandOnDistinctHosts() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("h1", 64, 262_144, 1000, false),
                        new HostOffer("h2", 64, 262_144, 1000, false))),
                new SiteOffer("site-b", List.of(new HostOffer("h1", 64, 262_144, 1000, false))));
        var vi = ViBuilder.ofNodes(node("r1", 2, 2048, 10), node("r2", 2, 2048, 10), node("r3", 2, 2048, 10),
                node("other", 2, 2048, 10)).antiAffinity("replicas", "r1", "r2", "r3").build();

        Placement p = engine.place(vi, Substrate.of(offers));

        Set<NodeLocation> replicaHosts = Set.of(p.of("r1"), p.of("r2"), p.of("r3"));
        assertEquals(Set.of(new NodeLocation("site-a", "h1"), new NodeLocation("site-a", "h2"),
                new NodeLocation("site-b", "h1")), replicaHosts, "a host name shared by two sites is two hosts");
        assertEquals(new NodeLocation("site-a", "h1"), p.of("other"), "nodes outside the group still pack");
    }

    @Test
    void antiAffinityWithMoreMembersThanHostsIsRefusedNamingTheConstraint() {
        var offers = List.of(new SiteOffer("site-a", List.of(new HostOffer("h1", 64, 262_144, 1000, false),
                new HostOffer("h2", 64, 262_144, 1000, false))));
        var vi = ViBuilder.ofNodes(node("r1", 1, 512, 1), node("r2", 1, 512, 1), node("r3", 1, 512, 1))
                .antiAffinity("replicas", "r1", "r2", "r3").build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));
        assertEquals("anti-affinity group replicas puts 3 nodes on distinct hosts; the offered sites have 2 hosts",
                e.getMessage());
    }

    @Test
    void affinityKeepsAGroupOnTheSiteOfItsFirstPlacedMember() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("a1", 4, 4096, 100, false))),
                new SiteOffer("site-b", List.of(new HostOffer("b1", 16, 32_768, 100, false))));
        var builder = ViBuilder.ofNodes(node("g-big", 8, 8192, 10), node("g-small", 2, 2048, 10));

        Placement free = engine.place(builder.build(), Substrate.of(offers));
        assertNotEquals(free.of("g-big").site(), free.of("g-small").site(),
                "without the constraint the small node would go to the preferred site");

        Placement together = engine.place(builder.affinity("pair", "g-small", "g-big").build(), Substrate.of(offers));
        assertEquals(Set.of("site-b"), together.sites());
    }

    @Test
    void nestedNodesNeverLandOnHostsWithoutNestedVirtualisation() {
        var offers = List.of(
                new SiteOffer("site-a", List.of(new HostOffer("plain", 64, 262_144, 1000, false))),
                new SiteOffer("site-b", List.of(new HostOffer("plain", 64, 262_144, 1000, false),
                        new HostOffer("nested", 8, 16_384, 100, true))));
        var vi = ViBuilder.ofNodes(nestedNode("hv-1", 2, 4096, 10), nestedNode("hv-2", 2, 4096, 10),
                node("vm", 2, 4096, 10)).build();

        Placement p = engine.place(vi, Substrate.of(offers));

        assertEquals(new NodeLocation("site-b", "nested"), p.of("hv-1"));
        assertEquals(new NodeLocation("site-b", "nested"), p.of("hv-2"));
        assertEquals(new NodeLocation("site-a", "plain"), p.of("vm"));
    }

    @Test
    void aNestedNodeWithNoNestedHostIsRefusedSayingSo() {
        var offers = List.of(new SiteOffer("site-a", List.of(new HostOffer("plain", 64, 262_144, 1000, false))));
        var vi = ViBuilder.ofNodes(nestedNode("hv-1", 2, 4096, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, Substrate.of(offers)));
        assertTrue(e.getMessage().contains("hv-1 needs 2 vCPUs, 4096 MiB memory and 10 GiB disk with nested"
                + " virtualisation"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; site-a has no host with nested virtualisation"), e.getMessage());
    }
}
