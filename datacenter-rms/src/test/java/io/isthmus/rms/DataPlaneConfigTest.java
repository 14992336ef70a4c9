package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.segment.SiteUnderlay;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPlaneConfigTest {

    @TempDir
    Path dir;

    private Properties emulated() {
        Properties p = TestSite.properties(dir);
        p.setProperty("site.dataPlane", "emulated");
        p.setProperty("site.gatewaySiteAddress", "198.51.100.1");
        p.setProperty("host.a1.lanAddress", "198.51.100.11");
        p.setProperty("host.a2.lanAddress", "198.51.100.12");
        return p;
    }

    private static InvalidConfigException refused(Properties p) {
        return assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
    }

    @Test
    void withoutTheKeysTheRmsManagesNoDataPlane() {
        assertEquals(Optional.empty(), RmsConfig.fromProperties(TestSite.properties(dir)).emulatedDataPlane());
        Properties none = TestSite.properties(dir);
        none.setProperty("site.dataPlane", "none");
        assertEquals(Optional.empty(), RmsConfig.fromProperties(none).emulatedDataPlane());
    }

    @Test
    void emulatedHostsGetTheirAddressesAndDefaultNamespaces() {
        Properties p = emulated();
        p.setProperty("host.a2.namespace", "lab-a2");
        SiteUnderlay underlay = RmsConfig.fromProperties(p).emulatedDataPlane().orElseThrow();

        assertEquals("198.51.100.1", underlay.gatewayAddress().value());
        HostUnderlay a1 = underlay.hosts().get(0);
        assertEquals("isth-site-a-a1", a1.namespace().value());
        assertEquals("198.51.100.11", a1.lanAddress().value());
        assertEquals("lab-a2", underlay.hosts().get(1).namespace().value());
    }

    @Test
    void emulatedNeedsTheGatewayAndEveryHostAddressAndNamesTheKey() {
        Properties noGateway = emulated();
        noGateway.remove("site.gatewaySiteAddress");
        InvalidConfigException e = refused(noGateway);
        assertEquals("site.gatewaySiteAddress", e.key());
        assertTrue(e.getMessage().contains("required with site.dataPlane=emulated"), e.getMessage());

        Properties noHost = emulated();
        noHost.remove("host.a2.lanAddress");
        assertEquals("host.a2.lanAddress", refused(noHost).key());
    }

    @Test
    void badValuesAreRefusedWithTheRule() {
        Properties mode = emulated();
        mode.setProperty("site.dataPlane", "real");
        InvalidConfigException badMode = refused(mode);
        assertEquals("site.dataPlane", badMode.key());
        assertTrue(badMode.getMessage().contains("use none or emulated"), badMode.getMessage());

        Properties address = emulated();
        address.setProperty("host.a1.lanAddress", "198.51.100.300");
        assertEquals("host.a1.lanAddress", refused(address).key());

        Properties shared = emulated();
        shared.setProperty("host.a2.lanAddress", "198.51.100.11");
        InvalidConfigException twice = refused(shared);
        assertEquals("host.a2.lanAddress", twice.key());
        assertTrue(twice.getMessage().contains("another host"), twice.getMessage());
    }

    @Test
    void aNamespaceLongerThanFifteenCharactersIsRefusedEvenAsTheDefault() {
        Properties explicit = emulated();
        explicit.setProperty("host.a1.namespace", "a-very-long-host-ns");
        assertEquals("host.a1.namespace", refused(explicit).key());

        Properties longSite = emulated();
        longSite.setProperty("site.id", "provider-site-north");
        InvalidConfigException e = refused(longSite);
        assertEquals("host.a1.namespace", e.key());
        assertTrue(e.getMessage().contains("set host.a1.namespace"), e.getMessage());
    }
}
