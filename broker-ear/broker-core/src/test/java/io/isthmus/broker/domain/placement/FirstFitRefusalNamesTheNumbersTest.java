package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstFitRefusalNamesTheNumbersTest {
    private final PlacementEngine engine = new FirstFitPlacementEngine();
    private final List<SiteOffer> offers = List.of(
            new SiteOffer("site-a", List.of(new HostOffer("a1", 8, 16_384, 100, false),
                    new HostOffer("a2", 16, 65_536, 500, false))),
            new SiteOffer("site-b", List.of(new HostOffer("b1", 32, 32_768, 200, true))));

    @Test
    void aNodeTooBigForEveryHostIsNamedWithItsNeedsAndTheLargestFreeHostPerSite() {
        var vi = ViBuilder.ofNodes(node("web-1", 1, 1024, 1), node("big", 64, 131_072, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, offers));

        assertEquals(FaultKind.CAPACITY, e.kind());
        assertEquals("node big needs 64 vCPUs, 131072 MiB memory and 10 GiB disk; the largest free host per site"
                + " during the window: site-a a2 (16 cores, 65536 MiB, 500 GiB, no nested virtualisation);"
                + " site-b b1 (32 cores, 32768 MiB, 200 GiB)", e.getMessage());
    }

    @Test
    void theNumbersReportedAreWhatIsLeftAfterTheNodesAlreadyPlaced() {
        var vi = ViBuilder.ofNodes(node("first", 16, 65_536, 100), node("second", 16, 40_000, 10)).build();

        var e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, offers));

        assertTrue(e.getMessage().startsWith("node second needs 16 vCPUs"), e.getMessage());
        assertTrue(e.getMessage().contains("site-a a1 (8 cores, 16384 MiB, 100 GiB"), e.getMessage());
    }

    @Test
    void noUsableSiteIsRefusedAsCapacity() {
        var e = assertThrows(PlacementRefusedException.class,
                () -> engine.place(ViBuilder.valid().build(), List.of()));
        assertEquals(FaultKind.CAPACITY, e.kind());
        assertTrue(e.getMessage().contains("no site can be used"), e.getMessage());
    }
}
