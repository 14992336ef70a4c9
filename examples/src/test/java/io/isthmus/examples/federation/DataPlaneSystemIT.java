package io.isthmus.examples.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.hosts.EmulatedHosts;
import io.isthmus.examples.federation.topology.DataPlaneCensus;
import io.isthmus.examples.federation.topology.TenantLan;
import io.isthmus.schema.broker.v1.ConsoleLogResponse;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.GatewayRef;
import io.isthmus.schema.v1.LinkQos;
import io.isthmus.schema.v1.Nic;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.Pin;
import io.isthmus.schema.v1.PlacementConstraints;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.Segment;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The data plane proven with packets (issues 4 and 10): an emulated federation whose hosts and gateways are network
 * namespaces and whose L1 VMs are real QEMU guests started by each host's own libvirtd, driven only through the
 * broker's SOAP interface; what happened is checked with ping, ARP and iperf3 from the tenant LANs and from inside
 * the guests (the test image's control listener), and with a census of everything Isthmus creates: links,
 * namespaces, nft tables, libvirt domains, QEMU processes and the guests' files. Needs root (CI runs as root).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataPlaneSystemIT {

    private static final String T1_LAN = "isth-req-lan";
    private static final String T2_LAN = "isth-req2-lan";
    private static final String VLAN_100_PORT = "v100";
    private static final String LAN_HOST = "10.0.0.1/24";

    private static EmulatedFederation federation;
    private static FederationEndpoints endpoints;
    private static IsthmusClient tenant1;
    private static IsthmusClient tenant2;
    private static List<String> censusAtStart;

    @BeforeAll
    static void startFederation() {
        assumeTrue(Packets.root(), "the emulated data plane needs root (network namespaces)");
        federation = ItFederations.start("dataplane-it", 18100, 30);
        endpoints = federation.endpoints();
        assertTrue(endpoints.dataPlaneEmulated(), "as root the launcher emulates the data plane");
        tenant1 = new IsthmusClient(endpoints.brokerSoap(), "admin@tenant1-dc");
        tenant2 = new IsthmusClient(endpoints.brokerSoap(), "admin@tenant2-dc");
        censusAtStart = DataPlaneCensus.take();
        Packets.addAddress(T1_LAN, VLAN_100_PORT, LAN_HOST);
        Packets.addAddress(T2_LAN, VLAN_100_PORT, LAN_HOST);
    }

    @AfterAll
    static void stopFederation() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    @Order(1)
    void twoTenantsOnVlan100AndTheSameSubnetEachReachOnlyTheirOwnNodesAtBothSitesAndNoManagementAddress()
            throws Exception {
        ReservationSummary t1 = provision(tenant1, vi("t1", "gw-req", TunnelKind.VXLAN, Map.of(
                "t1-a", "10.0.0.11", "t1-b", "10.0.0.12")));
        ReservationSummary t2 = provision(tenant2, vi("t2", "gw-req2", TunnelKind.VXLAN, Map.of(
                "t2-a", "10.0.0.21", "t2-b", "10.0.0.22")));
        try {
            assertTwoSites(t1);
            assertTwoSites(t2);
            assertReachesItsNodesOnOneL2(T1_LAN, t1);
            assertReachesItsNodesOnOneL2(T2_LAN, t2);
            assertTrue(Guests.reaches(T1_LAN, "10.0.0.11", "10.0.0.12"),
                    "guest t1-a (site-a) reaches guest t1-b (site-b) across the sites");
            assertTrue(Guests.reaches(T2_LAN, "10.0.0.21", "10.0.0.22"),
                    "guest t2-a (site-a) reaches guest t2-b (site-b) across the sites");

            // tenant 1 asks for tenant 2's gateway and VLAN, or for a VLAN it was not granted: refused, nothing held
            VirtualInfrastructure intoT2 = vi("t1", "gw-req2", TunnelKind.VXLAN, Map.of("x-a", "10.0.0.13"));
            ServiceFault refused = assertThrows(ServiceFault.class, () -> tenant1.reserve(intoT2));
            assertEquals(FaultCode.VALIDATION, refused.getFaultInfo().getCode());
            assertTrue(refused.getFaultInfo().getMessage().contains("no requester gateway 'gw-req2' is available to"
                    + " tenant t1; it may use gw-req"), refused.getFaultInfo().getMessage());
            VirtualInfrastructure ungranted = vi("t1", "gw-req", TunnelKind.VXLAN, Map.of("x-a", "10.0.0.13"));
            ungranted.getSegment().get(0).setVlan(300);
            refused = assertThrows(ServiceFault.class, () -> tenant1.reserve(ungranted));
            assertEquals(FaultCode.VALIDATION, refused.getFaultInfo().getCode());
            assertTrue(refused.getFaultInfo().getMessage().contains("segment[0].vlan: VLAN 300 is not granted to tenant"
                    + " t1 at gateway gw-req"), refused.getFaultInfo().getMessage());
            assertEquals(List.of(t1.getReservationId()), tenant1.queryAll().stream()
                    .map(ReservationSummary::getReservationId).toList(), "the refused requests left nothing");

            for (String other : List.of("10.0.0.21", "10.0.0.22")) {
                assertFalse(Packets.answers(T1_LAN, other), "tenant 1's LAN reached tenant 2's node " + other);
                assertFalse(Guests.answers(T1_LAN, "10.0.0.11", other), "tenant 1's guest reached tenant 2's " + other);
            }
            for (String other : List.of("10.0.0.11", "10.0.0.12")) {
                assertFalse(Packets.answers(T2_LAN, other), "tenant 2's LAN reached tenant 1's node " + other);
                assertFalse(Guests.answers(T2_LAN, "10.0.0.21", other), "tenant 2's guest reached tenant 1's " + other);
            }
            assertEquals(mac(t1, "t1-a"), Packets.neighbourMac(T1_LAN, "10.0.0.11"),
                    "10.0.0.11 resolves to tenant 1's node, never to tenant 2's");

            assertNoManagementAddressAnswers(T1_LAN, "10.0.0.11", "172.16.1.250/24",
                    List.of("172.16.1.1", "172.16.1.11", "172.16.1.12"));
            assertNoManagementAddressAnswers(T2_LAN, "10.0.0.21", "172.16.1.250/24",
                    List.of("172.16.1.1", "172.16.1.11", "172.16.1.12"));
            Packets.addAddress(T1_LAN, VLAN_100_PORT, "198.51.100.250/24");
            try {
                for (String address : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4")) {
                    assertFalse(Packets.answers(T1_LAN, address), "tenant LAN reached WAN address " + address);
                }
            } finally {
                Packets.deleteAddress(T1_LAN, VLAN_100_PORT, "198.51.100.250/24");
            }
        } finally {
            tenant1.terminate(t1.getReservationId());
            tenant2.terminate(t2.getReservationId());
        }
    }

    @Test
    @Order(2)
    void everyGuestSeesTheNestedVirtualisationFlagAndItsOwnHostname() throws Exception {
        ReservationSummary n = provision(tenant1, vi("t1", "gw-req", TunnelKind.VXLAN, Map.of(
                "n-a", "10.0.0.51", "n-b", "10.0.0.52")));
        try {
            for (String guest : List.of("10.0.0.51", "10.0.0.52")) {
                assertEquals("svm", Guests.nestedFlag(T1_LAN, guest), "the L1 guest at " + guest
                        + " can run its own hypervisor: its CPU shows AMD's svm flag (QEMU's TCG emulates it)");
            }
            assertEquals("n-a", Guests.run(T1_LAN, "10.0.0.51", "hostname").out().strip(),
                    "the guest took its hostname from its NoCloud seed");

            for (String node : List.of("n-a", "n-b")) {
                ConsoleLogResponse console = tenant1.consoleLog(n.getReservationId(), node);
                assertEquals(node, console.getNode());
                assertTrue(console.getLog().contains("ISTHMUS-READY " + node), "the owner reads, through the broker,"
                        + " the console of " + node + " at " + console.getSite() + ": " + console.getLog());
                ServiceFault refused = assertThrows(ServiceFault.class, () -> tenant2.consoleLog(n.getReservationId(),
                        node), "another requester must not read " + node + "'s console");
                assertEquals(FaultCode.NOT_FOUND, refused.getFaultInfo().getCode());
            }
        } finally {
            tenant1.terminate(n.getReservationId());
        }
    }

    @Test
    @Order(3)
    void aFiftyMbitLinkMeasuresBetween45And55BetweenTwoGuestsWhileTheUnshapedSegmentExceedsIt() throws Exception {
        VirtualInfrastructure vi = vi("t1", "gw-req", TunnelKind.VXLAN, Map.of("q-a", "10.0.0.31", "q-b", "10.0.0.32"));
        Segment data = segment("data", 200, "10.0.1.0/24");
        vi.getSegment().add(data);
        for (Node node : vi.getNode()) {
            node.getNic().add(nic("data", node.getName().equals("q-a") ? "10.0.1.31" : "10.0.1.32"));
        }
        LinkQos shaped = new LinkQos();
        shaped.setSegment("lan");
        shaped.setBandwidthMbps(50);
        vi.getLink().add(shaped);
        ReservationSummary q = provision(tenant1, vi);
        try {
            assertTrue(Guests.reaches(T1_LAN, "10.0.0.31", "10.0.0.32")
                    && Guests.reaches(T1_LAN, "10.0.0.31", "10.0.1.32"), "both segments carry between the guests");

            double shapedMbps = Guests.iperf3Mbps(T1_LAN, "10.0.0.31", "10.0.0.32");
            double unshapedMbps = Guests.iperf3Mbps(T1_LAN, "10.0.0.31", "10.0.1.32");

            System.out.printf("QoS between two real guests: 50 Mbit/s link measured %.1f Mbit/s; unshaped segment"
                    + " %.1f Mbit/s%n", shapedMbps, unshapedMbps);
            assertTrue(shapedMbps >= 45 && shapedMbps <= 55, "the 50 Mbit/s link measured " + shapedMbps + " Mbit/s");
            assertTrue(unshapedMbps > 55, "the unshaped segment measured only " + unshapedMbps + " Mbit/s");
        } finally {
            tenant1.terminate(q.getReservationId());
        }
    }

    @Test
    @Order(4)
    void theOpenVpnKindCarriesTheSameTenantL2ToBothSites() throws Exception {
        ReservationSummary o = provision(tenant1, vi("t1", "gw-req", TunnelKind.OPENVPN, Map.of(
                "o-a", "10.0.0.41", "o-b", "10.0.0.42")));
        try {
            assertTwoSites(o);
            assertReachesItsNodesOnOneL2(T1_LAN, o);
            assertTrue(Guests.reaches(T1_LAN, "10.0.0.41", "10.0.0.42"),
                    "guest o-a (site-a) reaches guest o-b (site-b) across the sites");
            for (String gatewayNamespace : List.of("isth-gw-req", "isth-gw-a", "isth-gw-b")) {
                assertTrue(Packets.links(gatewayNamespace).stream().anyMatch(l -> l.startsWith("isov")),
                        gatewayNamespace + " carries the segment over openvpn TAP ports: "
                                + Packets.links(gatewayNamespace));
                assertTrue(Packets.links(gatewayNamespace).stream().noneMatch(l -> l.startsWith("isvx")),
                        gatewayNamespace + " has no vxlan tunnel for an openvpn reservation");
            }
        } finally {
            tenant1.terminate(o.getReservationId());
        }
    }

    @Test
    @Order(5)
    void afterTerminateNothingIsthmusCreatedForTheTenantsRemains() {
        List<String> now = DataPlaneCensus.take();

        assertEquals(censusAtStart, now, "interfaces, bridges, tunnels, namespaces or nft tables left behind");
        assertTrue(now.stream().noneMatch(entry -> entry.startsWith("isvm-")), "a VM stand-in is left: " + now);
        for (String gateway : List.of("isth-gw-req", "isth-gw-req2", "isth-gw-a", "isth-gw-b")) {
            assertEquals(List.of(), Packets.processesIn(gateway), "processes left running in " + gateway);
        }
        EmulatedHosts hosts = federation.hosts().orElseThrow();
        assertEquals(List.of(), Guests.domains(hosts), "domains left in the hosts' libvirtd");
        assertEquals(List.of(), Guests.qemuProcesses(), "QEMU processes left running");
        assertEquals(List.of(), Guests.instanceFiles(federation.runDirectory()), "overlays, seeds or console logs left");
    }

    private static void assertReachesItsNodesOnOneL2(String lan, ReservationSummary summary) {
        summary.getPlacement().forEach(node -> node.getNic().forEach(nic -> {
            assertTrue(Packets.reaches(lan, nic.getIpv4()), lan + " reaches " + node.getNode() + " at "
                    + node.getSite() + " (" + nic.getIpv4() + ")");
            assertTrue(Packets.carriesFullFrames(lan, nic.getIpv4(), TenantLan.SEGMENT_MTU), "full "
                    + TenantLan.SEGMENT_MTU + "-byte packets cross from " + lan + " to " + node.getNode());
            assertEquals(nic.getMac().toLowerCase(Locale.ROOT), Packets.neighbourMac(lan, nic.getIpv4()), "ARP in " + lan + " resolves "
                    + nic.getIpv4() + " to the MAC the broker gave " + node.getNode() + ": one L2 segment");
        }));
    }

    /** A guest that takes an address of its site's management LAN still reaches none of its hosts or gateway. */
    private static void assertNoManagementAddressAnswers(String lan, String guest, String tenantAddress,
                                                         List<String> management) {
        Guests.withAddress(lan, guest, "nic0", tenantAddress, () -> {
            for (String address : management) {
                assertFalse(Guests.answers(lan, guest, address), "the guest at " + guest
                        + " reached management address " + address + " over its segment");
            }
        });
    }

    private static void assertTwoSites(ReservationSummary summary) {
        assertEquals(2, summary.getPlacement().stream().map(p -> p.getSite()).distinct().count(),
                "pinned to site-a and site-b: " + summary.getPlacement());
    }

    private static String mac(ReservationSummary summary, String node) {
        return summary.getPlacement().stream().filter(p -> p.getNode().equals(node))
                .flatMap(p -> p.getNic().stream()).filter(n -> n.getSegment().equals("lan"))
                .map(n -> n.getMac().toLowerCase(Locale.ROOT)).findFirst().orElseThrow();
    }

    private static ReservationSummary provision(IsthmusClient client, VirtualInfrastructure vi) throws Exception {
        ReservationSummary held = client.reserve(vi);
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState(), held.getLastError());
        client.reserveCommit(held.getReservationId());
        ReservationSummary provisioned = ItFederations.provisionAndWait(client, held.getReservationId());
        assertEquals(ProvisionState.PROVISIONED, provisioned.getProvisionState(), provisioned.getLastError());
        assertTrue(provisioned.isDataPlaneActive(), provisioned.getLastError());
        return provisioned;
    }

    /** One small node per entry on segment "lan" (VLAN 100, 10.0.0.0/24), the first pinned to site-a, the next to site-b. */
    private static VirtualInfrastructure vi(String tenant, String gateway, TunnelKind kind, Map<String, String> nodes) {
        VirtualInfrastructure vi = new VirtualInfrastructure();
        vi.setTenant(tenant);
        vi.setDescription("data-plane system test");
        TimeWindow window = new TimeWindow();
        vi.setWindow(window);
        vi.getSegment().add(segment("lan", 100, "10.0.0.0/24"));
        PlacementConstraints constraints = new PlacementConstraints();
        List<String> sites = List.of("site-a", "site-b");
        List<String> names = nodes.keySet().stream().sorted().toList();
        for (int i = 0; i < names.size(); i++) {
            Node node = new Node();
            node.setName(names.get(i));
            node.setVcpus(1);
            node.setMemoryMib(512);
            node.setDiskGib(1);
            node.setImage("isthmus-test");
            node.setNestedVirtualization(true);
            node.getNic().add(nic("lan", nodes.get(names.get(i))));
            vi.getNode().add(node);
            Pin pin = new Pin();
            pin.setNode(node.getName());
            pin.setSite(sites.get(i % sites.size()));
            constraints.getPin().add(pin);
        }
        vi.setConstraints(constraints);
        GatewayRef requester = new GatewayRef();
        requester.setId(gateway);
        requester.setTunnelKind(kind);
        vi.setRequesterGateway(requester);
        return ViDocument.startingNow(vi, Instant.now(), Duration.ofHours(1));
    }

    private static Segment segment(String name, int vlan, String cidr) {
        Segment segment = new Segment();
        segment.setName(name);
        segment.setVlan(vlan);
        segment.setCidr(cidr);
        return segment;
    }

    private static Nic nic(String segment, String ipv4) {
        Nic nic = new Nic();
        nic.setSegment(segment);
        nic.setIpv4(ipv4);
        return nic;
    }
}
