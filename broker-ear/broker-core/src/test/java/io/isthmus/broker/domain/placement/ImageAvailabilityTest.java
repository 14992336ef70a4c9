package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacesNodesOnlyWhereTheirImageIsTest.node;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check the planner runs on the answering sites' catalogs before placing, and what a catalog offers. */
class ImageAvailabilityTest {
    private static final List<HostOffer> HOSTS = List.of(new HostOffer("h1", 8, 16_384, 100, false));
    private static final List<SiteOffer> SITES = List.of(
            new SiteOffer("site-a", HOSTS, ImageCatalog.of(List.of("debian-12.qcow2"))),
            new SiteOffer("site-b", HOSTS, ImageCatalog.of(List.of())));

    @Test
    void aCatalogOffersItsImagesByNameWithOrWithoutTheQcow2SuffixAndAnUnknownOneOffersAny() {
        ImageCatalog catalog = ImageCatalog.of(List.of("ubuntu-24.04", "debian-12.qcow2"));

        assertTrue(catalog.offers("debian-12") && catalog.offers("debian-12.qcow2") && catalog.offers("ubuntu-24.04"));
        assertFalse(catalog.offers("debian-11") || catalog.offers("ubuntu") || catalog.offers(".qcow2"));
        assertEquals("[debian-12, ubuntu-24.04]", catalog.toString());
        assertFalse(ImageCatalog.of(List.of()).offers("debian-12"), "an empty catalog offers nothing");
        assertTrue(ImageCatalog.UNKNOWN.offers("anything-at-all"));
        assertEquals("(catalog not reported)", ImageCatalog.UNKNOWN.toString());
    }

    @Test
    void everyNodeWithoutItsImageIsADetailAndTheMessageCountsThem() {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("web", 1, 512, "debian-12"),
                node("db", 1, 512, "ubuntu-24.04"), node("cache", 1, 512, "alpine-3.20"))
                .pin("web", "site-b", null).build();

        ValidationException e = assertThrows(ValidationException.class,
                () -> ImageAvailability.check(vi, SITES, List.of()));

        assertEquals(List.of("pin[web].site: node 'web' is pinned to site-b, whose catalog does not have its image"
                        + " 'debian-12' (site-b offers []); sites with it: [site-a]",
                "node[1].image: 'ubuntu-24.04' is in no site's catalog; sites offer: site-a [debian-12], site-b []",
                "node[2].image: 'alpine-3.20' is in no site's catalog; sites offer: site-a [debian-12], site-b []"),
                e.details());
        assertTrue(e.getMessage().startsWith("3 nodes ask for images their sites cannot boot: pin[web].site: "),
                e.getMessage());
    }

    @Test
    void aSiteThatDidNotAnswerIsNamedAsOneThatMayHaveTheImage() {
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("db", 1, 512, "ubuntu-24.04")).build();

        ValidationException e = assertThrows(ValidationException.class,
                () -> ImageAvailability.check(vi, SITES, List.of("site-c")));

        assertEquals("node[0].image: 'ubuntu-24.04' is in no site's catalog; sites offer: site-a [debian-12],"
                + " site-b [] (site-c did not answer and may have it; try again later)", e.getMessage());
    }

    @Test
    void aSiteWithoutACatalogAnswersForEveryImageAndEveryPinToIt() {
        List<SiteOffer> mixed = List.of(SITES.get(0), new SiteOffer("site-old", HOSTS));
        VirtualInfrastructureSpec vi = ViBuilder.ofNodes(node("db", 1, 512, "ubuntu-24.04"),
                node("web", 1, 512, "debian-12")).pin("db", "site-old", null).build();

        assertDoesNotThrow(() -> ImageAvailability.check(vi, mixed, List.of()));
    }
}
