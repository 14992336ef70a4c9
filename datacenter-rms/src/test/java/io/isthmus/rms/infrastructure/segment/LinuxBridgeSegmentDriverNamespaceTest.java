package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Linux-bridge driver on emulated hosts in real network namespaces (needs root). */
class LinuxBridgeSegmentDriverNamespaceTest {

    private static final Vni VNI = new Vni(101);

    private EmulatedSite site;
    private LinuxBridgeSegmentDriver host1;

    @BeforeEach
    void buildSite() {
        site = EmulatedSite.createAsRoot();
        host1 = new LinuxBridgeSegmentDriver(site.runner, Optional.of(site.host1));
    }

    @AfterEach
    void deleteSite() {
        if (site != null) {
            site.close();
        }
    }

    private IpLink link(String name) {
        return IpLink.parse(site.in(site.host1, "ip", "-o", "-d", "link", "show", "dev", name).strip()).orElseThrow();
    }

    /** Index, name, flags, MTU, master, MAC of every link; the carrier state is left out as it settles by itself. */
    private String linksWithoutOperState() {
        return site.in(site.host1, "ip", "-o", "link", "show").replaceAll(" state [A-Z]+ ", " ");
    }

    @Test
    void ensureBuildsABridgeWhoseOnlyPortIsAVxlanToTheGateway() {
        host1.ensure(site.portOnHost1(VNI));

        IpLink bridge = link("isbr101");
        IpLink uplink = link("ishx101");
        assertTrue(bridge.isKind("bridge") && bridge.isUp() && bridge.mtu() == 1450, bridge.toString());
        assertTrue(uplink.isKind("vxlan") && uplink.isUp() && uplink.mtu() == 1450, uplink.toString());
        assertEquals(Optional.of("isbr101"), uplink.master());
        assertEquals(Optional.of("101"), uplink.attribute("id"));
        assertEquals(Optional.of("198.51.100.11"), uplink.attribute("local"));
        assertEquals(Optional.of("198.51.100.1"), uplink.attribute("remote"));
        assertEquals(Optional.of("4790"), uplink.attribute("dstport"));
        assertTrue(uplink.hasKindFlag("nolearning"), uplink.kindDetails());
        assertEquals(Optional.of("off"), uplink.portAttribute("learning"));
        String fdb = site.in(site.host1, "bridge", "fdb", "show", "dev", "ishx101");
        assertTrue(fdb.contains("00:00:00:00:00:00 dst 198.51.100.1 "), fdb);
        assertEquals(1, fdb.lines().filter(l -> l.contains(" dst ")).count(), "the gateway is the only remote: " + fdb);
        String members = site.in(site.host1, "ip", "-o", "link", "show", "master", "isbr101");
        assertEquals(List.of("ishx101"), IpLink.parseAll(members).stream().map(IpLink::name).toList());
        String addresses = site.in(site.host1, "ip", "-o", "addr", "show", "dev", "isbr101");
        assertTrue(addresses.isBlank(), "the host has no address on a tenant segment: " + addresses);
    }

    @Test
    void ensuringTwiceChangesNothingAndANewGatewayAddressReplacesTheUplink() {
        host1.ensure(site.portOnHost1(VNI));
        String before = linksWithoutOperState();

        host1.ensure(site.portOnHost1(VNI));

        assertEquals(before, linksWithoutOperState(), "second ensure recreates or changes nothing");

        Ipv4Address newGateway = new Ipv4Address("198.51.100.2");
        host1.ensure(SegmentPort.of(VNI, EmulatedSite.HOST_1, newGateway).inNamespace(site.host1));
        assertEquals(Optional.of("198.51.100.2"), link("ishx101").attribute("remote"));
        assertEquals(Optional.of("isbr101"), link("ishx101").master());
        assertEquals(List.of("isbr101", "ishx101"), site.isthmusLinks(site.host1));
    }

    @Test
    void removeLeavesNoInterfaceAndAnAbsentSegmentIsANoOp() {
        List<String> before = site.isthmusLinks(site.host1);
        host1.ensure(site.portOnHost1(VNI));
        host1.ensure(site.portOnHost1(new Vni(202)));
        assertEquals(Set.of(VNI, new Vni(202)), host1.present());
        assertEquals(4, site.isthmusLinks(site.host1).size());

        host1.remove(VNI);
        host1.remove(VNI);
        host1.remove(new Vni(202));
        host1.remove(new Vni(303));

        assertEquals(List.of(), before);
        assertEquals(before, site.isthmusLinks(site.host1));
        assertEquals(Set.of(), host1.present());
    }

    @Test
    void aForeignInterfaceOnTheSegmentBridgeIsRefusedAsAnIsolationBreach() {
        host1.ensure(site.portOnHost1(VNI));
        site.in(site.host1, "ip", "link", "add", "isst-mgmt", "type", "veth", "peer", "name", "isst-mgmt-p");
        site.in(site.host1, "ip", "link", "set", "isst-mgmt", "master", "isbr101");

        SegmentException refused = assertThrows(SegmentException.class, () -> host1.ensure(site.portOnHost1(VNI)));

        assertTrue(refused.getMessage().contains("isst-mgmt") && refused.getMessage().contains("never join a"
                + " management"), refused.getMessage());
    }

    @Test
    void aPortOfAnotherHostIsRefusedBeforeAnyCommandRuns() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> host1.ensure(site.portOnHost2(VNI)));

        assertTrue(refused.getMessage().contains("use that host's driver"), refused.getMessage());
        assertEquals(List.of(), site.isthmusLinks(site.host1));
        assertEquals(List.of(), site.isthmusLinks(site.host2));
    }

    @Test
    void probeSaysUsableHereAndNamesAMissingNamespace() {
        SegmentProbe here = host1.probe();
        assertTrue(here.usable(), here.describe());
        assertEquals(List.of(), site.isthmusLinks(site.host1), "the probe's throw-away links are gone");
        assertFalse(site.in(site.host1, "ip", "-o", "link", "show").contains("ispr"), "no probe link left");

        SegmentProbe missing = new LinuxBridgeSegmentDriver(site.runner,
                Optional.of(new NamespaceName("isst-no-such-host"))).probe();

        assertEquals(Optional.of(SegmentProbe.Reason.NAMESPACE_MISSING), missing.refusal().map(r -> r.reason()));
        assertTrue(missing.describe().contains("ip netns add isst-no-such-host"), missing.describe());
    }
}
