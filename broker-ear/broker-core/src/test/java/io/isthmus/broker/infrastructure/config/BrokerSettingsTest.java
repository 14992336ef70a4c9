package io.isthmus.broker.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.broker.domain.placement.Connectivity;
import io.isthmus.broker.domain.placement.InterSiteLink;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The broker's settings as an operator writes them, and the errors that say what to fix. */
class BrokerSettingsTest {
    private static final String SITES = "site-a=http://127.0.0.1:8101/rms,site-b=http://127.0.0.1:8102/rms,"
            + "site-c=http://127.0.0.1:8103/rms";

    private static BrokerSettings settings(String links, String costs, String connectivity) {
        return new BrokerSettings(SITES, 120, 5, 30, Optional.of(links), Optional.of(costs), Optional.of(connectivity));
    }

    @Test
    void linksCostsAndConnectivityAreReadPerSite() {
        BrokerSettings s = settings("site-b:site-a=10000/5, site-b:site-c=1000/12.5", "site-c=0.5",
                "site-a=intra-switch");

        assertEquals(List.of(new InterSiteLink("site-a", "site-b", 10_000, 10_000, 5),
                new InterSiteLink("site-b", "site-c", 1000, 1000, 12.5)), s.links());
        assertEquals(0.5, s.costPerCore("site-c"));
        assertEquals(0.0, s.costPerCore("site-a"), "a site without a cost costs nothing");
        assertEquals(Connectivity.INTRA_SWITCH, s.connectivity("site-a"));
        assertEquals(Connectivity.INTER_SWITCH, s.connectivity("site-b"), "the default class");
    }

    @Test
    void nothingConfiguredMeansNoLinksAndDefaults() {
        BrokerSettings s = settings("", "", "");
        assertEquals(List.of(), s.links());
        assertEquals(0.0, s.costPerCore("site-b"));
    }

    @Test
    void malformedEntriesAreRefusedNamingTheEntryAndTheExpectedForm() {
        assertEquals("isthmus.links: 'site-a:site-b=fast' is not site-a:site-b=<Mbit/s>/<ms>, for example"
                + " site-a:site-b=10000/5", assertThrows(IllegalArgumentException.class,
                () -> settings("site-a:site-b=fast", "", "")).getMessage());
        assertEquals("isthmus.links: no site 'site-z' in isthmus.sites [site-a, site-b, site-c]",
                assertThrows(IllegalArgumentException.class, () -> settings("site-a:site-z=10/1", "", "")).getMessage());
        assertEquals("isthmus.links: site-a↔site-b is given twice", assertThrows(IllegalArgumentException.class,
                () -> settings("site-a:site-b=10/1,site-b:site-a=20/2", "", "")).getMessage());
        assertEquals("an inter-site link joins two different sites, not site-a to itself",
                assertThrows(IllegalArgumentException.class, () -> settings("site-a:site-a=10/1", "", "")).getMessage());
        assertEquals("isthmus.site.costs: cost of site-a must be a number >= 0, not '-1'",
                assertThrows(IllegalArgumentException.class, () -> settings("", "site-a=-1", "")).getMessage());
        assertEquals("isthmus.site.connectivity: 'fibre' for site-b is not one of same-host, intra-switch, inter-switch,"
                + " inter-router", assertThrows(IllegalArgumentException.class,
                () -> settings("", "", "site-b=fibre")).getMessage());
    }
}
