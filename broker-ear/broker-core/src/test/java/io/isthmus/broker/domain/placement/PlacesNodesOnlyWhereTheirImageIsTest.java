package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.bench.PlacementChecker;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each engine puts a node only at a site whose image catalog has the node's image: an image no site has, or a pin to
 * a site without it, is a VALIDATION fault that says what each site offers; a site left out for its catalog is
 * named in a CAPACITY refusal.
 */
class PlacesNodesOnlyWhereTheirImageIsTest {
    private static final ImageCatalog DEBIAN = ImageCatalog.of(List.of("debian-12"));
    private static final ImageCatalog DEBIAN_AND_UBUNTU = ImageCatalog.of(List.of("ubuntu-24.04", "debian-12"));

    static Stream<PlacementEngine> engines() {
        return Stream.of(new PartitioningPlacementEngine(), new ExactPlacementEngine(), new AnnealingPlacementEngine());
    }

    static NodeSpec node(String name, int vcpus, int memoryMib, String image) {
        return new NodeSpec(name, vcpus, memoryMib, 20, image, false, List.of());
    }

    private static SiteOffer site(String name, int cores, long memoryMib, ImageCatalog images) {
        return new SiteOffer(name, List.of(new HostOffer(name.substring(5) + "1", cores, memoryMib, 1000, false)),
                images);
    }

    /** site-a (preferred, with room for everything) has debian-12; site-b has debian-12 and ubuntu-24.04. */
    private static Substrate twoSites(ImageCatalog a, ImageCatalog b) {
        return Substrate.of(List.of(site("site-a", 64, 262_144, a), site("site-b", 64, 262_144, b)));
    }

    private static VirtualInfrastructureSpec webDbAndBatch() {
        return ViBuilder.ofNodes(node("web", 2, 2048, "debian-12"), node("db", 4, 8192, "ubuntu-24.04"),
                node("batch", 2, 2048, "ubuntu-24.04.qcow2")).build();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aNodeGoesToTheOnlySiteWithItsImageWhereOtherwiseThePreferredSiteWouldTakeIt(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = webDbAndBatch();
        Placement anywhere = engine.place(vi, twoSites(ImageCatalog.UNKNOWN, ImageCatalog.UNKNOWN));
        assertEquals("site-a", anywhere.of("batch").site(), "with catalogs unknown, the preferred site takes it");

        Substrate substrate = twoSites(DEBIAN, DEBIAN_AND_UBUNTU);
        Placement placed = engine.place(vi, substrate);

        assertEquals("site-b", placed.of("db").site());
        assertEquals("site-b", placed.of("batch").site(), "ubuntu-24.04.qcow2 is the image ubuntu-24.04");
        assertEquals(List.of(), PlacementChecker.violations(vi, substrate, placed));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anImageInNoSitesCatalogIsAValidationFaultSayingWhatEachSiteOffers(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("web", 2, 2048, "debian-12"),
                node("db", 4, 8192, "windows-11")).build();

        ValidationException e = assertThrows(ValidationException.class,
                () -> engine.place(vi, twoSites(DEBIAN, DEBIAN_AND_UBUNTU)));

        assertEquals(FaultKind.VALIDATION, e.kind());
        assertEquals("node[1].image: 'windows-11' is in no site's catalog; sites offer: site-a [debian-12],"
                + " site-b [debian-12, ubuntu-24.04]", e.getMessage());
        assertEquals(List.of(e.getMessage()), e.details());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aPinToASiteWithoutTheNodesImageIsAValidationFaultNamingBoth(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("web", 2, 2048, "debian-12"),
                node("db", 4, 8192, "ubuntu-24.04")).pin("db", "site-a", null).build();

        ValidationException e = assertThrows(ValidationException.class,
                () -> engine.place(vi, twoSites(DEBIAN, DEBIAN_AND_UBUNTU)));

        assertEquals("pin[db].site: node 'db' is pinned to site-a, whose catalog does not have its image"
                + " 'ubuntu-24.04' (site-a offers [debian-12]); sites with it: [site-b]", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void whenTheOnlySiteWithTheImageIsTooSmallTheRefusalNamesTheImageTheOtherSiteLacks(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("db", 4, 65_536, "ubuntu-24.04")).build();
        Substrate substrate = Substrate.of(List.of(site("site-a", 64, 262_144, DEBIAN),
                site("site-b", 64, 32_768, DEBIAN_AND_UBUNTU)));

        PlacementRefusedException e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, substrate));

        assertEquals(FaultKind.CAPACITY, e.kind());
        assertTrue(e.getMessage().startsWith("node db needs 4 vCPUs, 65536 MiB memory and 20 GiB disk; site-a does"
                + " not have image 'ubuntu-24.04' (its catalog: [debian-12]); the largest free host at site-b during"
                + " the window has 32768 MiB memory"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void nodesKeptTogetherGoOnlyWhereEveryOnesImageIs(PlacementEngine engine) {
        ImageCatalog ubuntuOnly = ImageCatalog.of(List.of("ubuntu-24.04"));
        Substrate substrate = Substrate.of(List.of(site("site-a", 64, 262_144, DEBIAN),
                site("site-b", 64, 262_144, ubuntuOnly), site("site-c", 64, 262_144, DEBIAN_AND_UBUNTU)));
        VirtualInfrastructureSpec together = ViBuilder.ofNodes(node("web", 2, 2048, "debian-12"),
                node("db", 4, 8192, "ubuntu-24.04")).affinity("pair", "web", "db").build();

        Placement placed = engine.place(together, substrate);
        assertEquals("site-c", placed.of("web").site());
        assertEquals("site-c", placed.of("db").site());

        Substrate withoutC = Substrate.of(substrate.sites().subList(0, 2));
        PlacementRefusedException e = assertThrows(PlacementRefusedException.class,
                () -> engine.place(together, withoutC));
        assertTrue(e.getMessage().endsWith("must share one site, but no site can take all of them: web only at"
                + " [site-a]; db only at [site-b]"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSiteThatDidNotReportItsCatalogTakesAnyImage(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("db", 4, 8192, "ubuntu-24.04")).build();

        Placement placed = engine.place(vi, twoSites(DEBIAN, ImageCatalog.UNKNOWN));

        assertEquals("site-b", placed.of("db").site());
    }

    /** The partitioning engine's refusal once the rest is placed names a site it left out for its catalog. */
    @ParameterizedTest
    @MethodSource("engines")
    void aSecondNodeOfAnImageOnlyAFullSiteHasIsRefusedNamingTheImage(PlacementEngine engine) {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("u1", 8, 8192, "ubuntu-24.04"),
                node("u2", 8, 8192, "ubuntu-24.04")).build();
        Substrate substrate = Substrate.of(List.of(site("site-a", 64, 262_144, DEBIAN),
                site("site-b", 8, 16_384, DEBIAN_AND_UBUNTU)));

        PlacementRefusedException e = assertThrows(PlacementRefusedException.class, () -> engine.place(vi, substrate));

        if (engine instanceof PartitioningPlacementEngine) {
            assertTrue(e.getMessage().contains("fits no site once the rest is placed — site-a does not have image"
                    + " 'ubuntu-24.04' (its catalog: [debian-12]) for node u"), e.getMessage());
            assertTrue(e.getMessage().contains("; site-b: only 0 vCPUs"), e.getMessage());
        }
    }
}
