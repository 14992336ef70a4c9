package io.isthmus.rms.infrastructure.libvirt.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.GuestNic;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class NoCloudSeedTest {

    private static final DomainName DOMAIN = new DomainName("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1");

    private static GuestConfig guest(String hostname, GuestNic... nics) {
        return new GuestConfig(DOMAIN, new NodeName(hostname), List.of(nics));
    }

    private static GuestNic nic(String mac, String address) {
        return new GuestNic(new MacAddress(mac), Optional.ofNullable(address).map(Ipv4Interface::parse));
    }

    @Test
    void metaDataNamesTheInstanceAndTheHost() {
        Map<String, Object> meta = new Yaml().load(NoCloudSeed.of(guest("db-1")).metaData());

        assertEquals(Map.of("instance-id", "isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1", "local-hostname", "db-1"), meta);
    }

    @Test
    void aHostnameThatYamlWouldReadAsABooleanStaysAString() {
        NoCloudSeed seed = NoCloudSeed.of(guest("no"));

        assertEquals("no", new Yaml().<Map<String, Object>>load(seed.metaData()).get("local-hostname"));
        assertTrue(seed.metaData().contains("local-hostname: \"no\""), seed.metaData());
    }

    @Test
    void userDataIsAnEmptyCloudConfig() {
        String userData = NoCloudSeed.of(guest("db-1")).userData();

        assertTrue(userData.startsWith("#cloud-config\n"), userData);
        assertNull(new Yaml().load(userData), "nothing but the header");
    }

    @Test
    void networkConfigVersion2MatchesEachNicByMacWithItsStaticAddress() {
        NoCloudSeed seed = NoCloudSeed.of(guest("db-1", nic("52:54:00:12:34:56", "10.0.0.11/24"),
                nic("52:54:00:ab:cd:ef", null)));

        Map<String, Object> network = new Yaml().load(seed.networkConfig());
        assertEquals(2, network.get("version"));
        Map<String, Object> ethernets = map(network.get("ethernets"));
        assertEquals(List.of("nic0", "nic1"), List.copyOf(ethernets.keySet()));
        Map<String, Object> nic0 = map(ethernets.get("nic0"));
        assertEquals(Map.of("macaddress", "52:54:00:12:34:56"), nic0.get("match"));
        assertEquals(List.of("10.0.0.11/24"), nic0.get("addresses"));
        assertEquals(false, nic0.get("dhcp4"));
        Map<String, Object> nic1 = map(ethernets.get("nic1"));
        assertEquals(Map.of("macaddress", "52:54:00:ab:cd:ef"), nic1.get("match"));
        assertFalse(nic1.containsKey("addresses"), "a NIC without an address gets none");
        assertEquals(false, nic1.get("dhcp4"));
    }

    @Test
    void anAllDigitMacIsQuotedSoYaml11DoesNotReadItAsANumber() {
        NoCloudSeed seed = NoCloudSeed.of(guest("db-1", nic("02:49:53:00:00:01", "192.0.2.5/30"),
                nic("52:54:00:12:34:56", null)));

        assertTrue(seed.networkConfig().contains("macaddress: \"02:49:53:00:00:01\""), seed.networkConfig());
        assertTrue(seed.networkConfig().contains("macaddress: \"52:54:00:12:34:56\""), seed.networkConfig());
        Map<String, Object> ethernets = map(new Yaml().<Map<String, Object>>load(seed.networkConfig()).get("ethernets"));
        assertEquals("02:49:53:00:00:01", map(map(ethernets.get("nic0")).get("match")).get("macaddress"));
        assertEquals("52:54:00:12:34:56", map(map(ethernets.get("nic1")).get("match")).get("macaddress"));
    }

    @Test
    void theFilesAreWrittenInBlockStyle() {
        String network = NoCloudSeed.of(guest("db-1", nic("52:54:00:12:34:56", "10.0.0.11/24"))).networkConfig();

        assertFalse(network.contains("{"), network);
        assertTrue(network.contains("\n    addresses:\n    - 10.0.0.11/24\n"), network);
    }

    @Test
    void theFingerprintFollowsWhatTheGuestIsTold() {
        NoCloudSeed one = NoCloudSeed.of(guest("db-1", nic("52:54:00:12:34:56", "10.0.0.11/24")));

        assertEquals(one.fingerprint(), NoCloudSeed.of(guest("db-1", nic("52:54:00:12:34:56", "10.0.0.11/24")))
                .fingerprint());
        assertNotEquals(one.fingerprint(), NoCloudSeed.of(guest("db-1", nic("52:54:00:12:34:56", "10.0.0.12/24")))
                .fingerprint());
        assertEquals(64, one.fingerprint().length());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
