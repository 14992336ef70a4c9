package io.isthmus.examples.federation.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.examples.federation.Prerequisites;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builds the real underlay in network namespaces (needs root; CI runs as root). */
class NetnsTopologyTest {

    private final CommandRunner runner = new CommandRunner();
    private final List<Process> started = new ArrayList<>();
    private final List<String> extraNamespaces = new ArrayList<>();
    private NetnsTopology topology;

    @BeforeEach
    void needsRoot() {
        assumeTrue(Prerequisites.isRoot(), "network namespaces need root");
        topology = new NetnsTopology(runner);
    }

    @AfterEach
    void removeEverything() throws InterruptedException {
        if (topology != null) {
            topology.close();
        }
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (String namespace : extraNamespaces) {
            if (existing().contains(namespace)) {
                runner.run(List.of("ip", "netns", "delete", namespace));
            }
        }
        new NetnsTopology(runner).existingNamespaces()
                .forEach(ns -> runner.run(List.of("ip", "netns", "delete", ns.value())));
    }

    @Test
    void gatewaysReachEachOtherOverTheWanAndSiteHostsReachTheirGatewayOnTheSiteLan() throws Exception {
        topology.create();

        assertEquals(EmulatedUnderlay.namespaces(), topology.existingNamespaces());
        assertTrue(links("isth-gw-b").contains("site0"), "gw-b's leg onto its site LAN");
        assertTrue(runner.run(List.of("ip", "-n", "isth-gw-b", "-o", "addr")).contains("172.16.2.1/24"));
        assertTrue(runner.run(List.of("ip", "-n", "isth-gw-req2", "-o", "addr")).contains("198.51.100.4/24"));
        assertTrue(runner.run(List.of("ip", "-n", "isth-site-a-a2", "-o", "addr")).contains("172.16.1.12/24"));
        assertTrue(runner.run(List.of("ip", "-n", "isth-site-a-lan", "-o", "link", "show", "master", "lan0"))
                .contains("h-a1@"));
        assertTrue(reachable("isth-gw-a", "isth-gw-b", "198.51.100.3"), "gw-a reaches gw-b across the emulated WAN");
        assertTrue(pings("isth-site-a-a1", "172.16.1.1"), "host a1 reaches gw-a's site address");
        assertTrue(pings("isth-site-b-b2", "172.16.2.1"), "host b2 reaches gw-b's site address");
        assertTrue(pings("isth-site-a-a2", "172.16.1.11"), "hosts of one site share its LAN");
        assertFalse(pings("isth-site-a-a1", "172.16.2.1"), "a site-a host has no way onto site-b's LAN");
    }

    @Test
    void eachTenantNetworkHasItsVlansAtItsOwnRequesterGateway() {
        topology.create();

        for (TenantLan tenant : EmulatedUnderlay.tenantLans()) {
            List<String> gateway = links(tenant.gateway().namespace().value());
            List<String> lan = links(tenant.namespace().value());
            assertTrue(lan.containsAll(List.of("v100", "v200")), tenant.namespace() + " has " + lan);
            if (topology.trunkCarriesVlans()) {
                assertTrue(gateway.contains("trunk0"), tenant.gateway().gatewayId() + " has " + gateway);
            } else {
                assertTrue(gateway.containsAll(List.of("acc100", "acc200")), tenant.gateway() + " has " + gateway);
                assertFalse(gateway.contains("trunk0"), "access ports instead of a trunk");
            }
        }
        if (!topology.trunkCarriesVlans()) {
            runner.run(List.of("ip", "-n", "isth-req-lan", "addr", "add", "10.0.0.1/24", "dev", "v100"));
            runner.run(List.of("ip", "-n", "isth-gw-req", "addr", "add", "10.0.0.254/24", "dev", "acc100"));
            runner.run(List.of("ip", "-n", "isth-req2-lan", "addr", "add", "10.0.0.2/24", "dev", "v100"));
            assertTrue(pings("isth-req-lan", "10.0.0.254"), "tenant 1's VLAN 100 arrives on gw-req's acc100");
            assertFalse(pings("isth-req2-lan", "10.0.0.254"), "tenant 2 (same VLAN, same subnet) does not");
        }
    }

    @Test
    void closeStopsWhatRunsInsideRemovesStandInsAndLeavesNothingOfTheTopology() throws Exception {
        topology.create();
        Process daemon = startIn("isth-gw-a", "sleep", "600");
        String standIn = "isvm-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        extraNamespaces.add(standIn);
        runner.run(List.of("ip", "netns", "add", standIn));
        String hex = standIn.substring(5);
        runner.run(List.of("ip", "-n", "isth-site-b-b1", "link", "add", "isvp" + hex + "0", "type", "veth",
                "peer", "name", "eth0", "netns", standIn));
        assertTrue(DataPlaneCensus.take(runner).contains(standIn + "/eth0"), "the census sees the stand-in's NIC");
        assertTrue(DataPlaneCensus.take(runner).contains("isth-site-b-lan/lan0"), "and the site LAN bridge");

        topology.close();

        assertFalse(daemon.isAlive(), "a process left in a gateway namespace is stopped");
        assertEquals(List.of(), topology.existingNamespaces());
        assertFalse(existing().contains(standIn), "the stand-in attached to host b1 is removed");
        List<String> left = DataPlaneCensus.take(runner).stream().filter(NetnsTopologyTest::ofTheTopology).toList();
        assertEquals(List.of(), left, "nothing of the topology is left");
    }

    @Test
    void leftoversOfACrashedRunAreRemovedBeforeBuilding() throws Exception {
        runner.run(List.of("ip", "netns", "add", "isth-wan"));
        runner.run(List.of("ip", "-n", "isth-wan", "link", "add", "wan0", "type", "bridge"));
        runner.run(List.of("ip", "netns", "add", "isth-site-b-b2"));
        Process orphan = startIn("isth-site-b-b2", "sleep", "600");

        topology.create();

        assertEquals(EmulatedUnderlay.namespaces(), topology.existingNamespaces());
        assertTrue(orphan.waitFor(1, TimeUnit.SECONDS), "the process left in the old host namespace was stopped");
        topology.close();
        assertEquals(List.of(), new NetnsTopology(runner).existingNamespaces());
    }

    private static boolean ofTheTopology(String artefact) {
        String namespace = artefact.split("/", 2)[0];
        return EmulatedUnderlay.namespaces().stream().anyMatch(ns -> ns.value().equals(namespace));
    }

    private Process startIn(String namespace, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        for (int attempt = 0; attempt < 50 && !pidsIn(namespace).contains(Long.toString(process.pid())); attempt++) {
            Thread.sleep(50);
        }
        return process;
    }

    private String pidsIn(String namespace) {
        return runner.run(List.of("ip", "netns", "pids", namespace));
    }

    private List<String> existing() {
        return runner.run(List.of("ip", "netns", "list")).lines().map(l -> l.split(" ", 2)[0]).toList();
    }

    private List<String> links(String namespace) {
        return Namespaces.parseLinks(runner.run(List.of("ip", "-n", namespace, "-o", "link")));
    }

    private boolean pings(String from, String address) {
        try {
            runner.run(List.of("ip", "netns", "exec", from, "ping", "-c", "1", "-W", "2", address));
            return true;
        } catch (CommandFailedException unreachable) {
            return false;
        }
    }

    /** An iperf3 server in the peer's namespace accepts a short transfer from this namespace. */
    private boolean reachable(String from, String to, String address) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", to, "iperf3", "-s", "-1", "-B", address)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    String report = runner.run(List.of("ip", "netns", "exec", from, "iperf3", "-c", address,
                            "-n", "64K", "--connect-timeout", "2000"));
                    return report.contains("receiver");
                } catch (CommandFailedException notListeningYet) {
                    Thread.sleep(100);
                }
            }
            return false;
        } finally {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
