package io.isthmus.rms.infrastructure.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stand-in names derive from the domain UUID and NIC index only, and bad ones never reach a command. */
class StandInNamingTest {

    private static final UUID DOMAIN = UUID.fromString("0A1B2C3D-9999-4444-8888-123456789ABC");
    private static final MacAddress MAC = new MacAddress("52:54:00:00:01:01");

    @Test
    void everyNameComesFromTheFirstEightHexDigitsOfTheDomainUuid() {
        StandInId id = StandInId.of(DOMAIN);

        assertEquals("0a1b2c3d", id.value());
        assertEquals(new NamespaceName("isvm-0a1b2c3d"), id.namespace());
        assertEquals("isvp0a1b2c3d0", id.hostPort(0));
        assertEquals("isvp0a1b2c3d99", id.hostPort(99));
        assertTrue(id.hostPort(99).length() <= 15);
        assertEquals("eth3", StandInId.vmPort(3));
        assertEquals(Optional.of(id), StandInId.fromNamespace("isvm-0a1b2c3d"));
        assertEquals(Optional.empty(), StandInId.fromNamespace("isvm-0a1b2c3d-x"));
        assertTrue(id.ownsHostPort("isvp0a1b2c3d7"));
        assertFalse(id.ownsHostPort("isvp0a1b2c3e7"));
    }

    @Test
    void badIdsIndicesAndDuplicateNicsAreRefused() {
        for (String bad : List.of("0A1B2C3D", "0a1b2c3", "0a1b2c3d0", "../etc/x", "-n evil")) {
            assertThrows(InvalidRequestException.class, () -> new StandInId(bad), bad);
        }
        StandInId id = StandInId.of(DOMAIN);
        assertThrows(InvalidRequestException.class, () -> id.hostPort(100));
        assertThrows(InvalidRequestException.class, () -> id.hostPort(-1));
        StandInNic nic = StandInNic.of(0, new Vni(7), MAC, Optional.empty());
        assertThrows(InvalidRequestException.class, () -> VmStandIn.of(DOMAIN, List.of(nic, nic)));
        assertThrows(InvalidRequestException.class, () -> new StandInNic(0, new Vni(7), MAC, Optional.empty(), 1000));
    }

    @Test
    void commandArraysOfOneNicOnAnEmulatedHost() {
        StandInId id = StandInId.of(DOMAIN);
        StandInNic nic = StandInNic.of(1, new Vni(7), MAC, Optional.of(Ipv4Interface.parse("10.0.0.1/24")));
        StandInCommands commands = new StandInCommands(Optional.of(new NamespaceName("isst-h1")));

        assertEquals(List.of("ip", "netns", "add", "isvm-0a1b2c3d"), StandInCommands.addNamespace(id));
        assertEquals(List.of("ip", "netns", "del", "isvm-0a1b2c3d"), StandInCommands.deleteNamespace(id));
        assertEquals(List.of("ip", "netns", "list"), StandInCommands.listNamespaces());
        assertEquals(List.of("ip", "-n", "isvm-0a1b2c3d", "link", "set", "dev", "lo", "up"),
                StandInCommands.loopbackUp(id));
        assertEquals(List.of("ip", "-n", "isst-h1", "link", "add", "name", "isvp0a1b2c3d1", "mtu", "1450", "type",
                "veth", "peer", "name", "eth1", "mtu", "1450", "netns", "isvm-0a1b2c3d"), commands.addVeth(id, nic));
        assertEquals(List.of("ip", "link", "add", "name", "isvp0a1b2c3d1", "mtu", "1450", "type", "veth", "peer",
                "name", "eth1", "mtu", "1450", "netns", "isvm-0a1b2c3d"),
                new StandInCommands(Optional.empty()).addVeth(id, nic));
        assertEquals(List.of("ip", "-n", "isvm-0a1b2c3d", "link", "set", "dev", "eth1", "address",
                "52:54:00:00:01:01", "mtu", "1450", "up"), StandInCommands.configureVmPort(id, nic));
        assertEquals(List.of("ip", "-n", "isvm-0a1b2c3d", "-o", "-4", "addr", "show", "dev", "eth1"),
                StandInCommands.showVmAddresses(id, nic));
        assertEquals(List.of("ip", "-n", "isvm-0a1b2c3d", "-4", "addr", "flush", "dev", "eth1"),
                StandInCommands.flushVmAddresses(id, nic));
        assertEquals(List.of("ip", "-n", "isvm-0a1b2c3d", "addr", "add", "10.0.0.1/24", "dev", "eth1"),
                StandInCommands.addVmAddress(id, nic));
    }
}
