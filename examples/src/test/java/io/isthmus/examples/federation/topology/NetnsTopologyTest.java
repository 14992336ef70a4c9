package io.isthmus.examples.federation.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.examples.federation.Prerequisites;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builds the real underlay in network namespaces (needs root; CI runs as root). */
class NetnsTopologyTest {

    private final CommandRunner runner = new CommandRunner();

    @BeforeEach
    void needsRoot() {
        assumeTrue(Prerequisites.isRoot(), "network namespaces need root");
    }

    @Test
    void gatewaysReachEachOtherOverTheWanAndEverythingIsRemovedOnClose() throws Exception {
        NetnsTopology topology = new NetnsTopology(runner);
        try {
            topology.create();

            assertEquals(EmulatedUnderlay.namespaces().size(), topology.existingNamespaces().size());
            String requesterLinks = runner.run(List.of("ip", "-n", "isth-gw-req", "-o", "link"));
            assertTrue(requesterLinks.contains("trunk0@"), requesterLinks);
            assertTrue(runner.run(List.of("ip", "-n", "isth-req-lan", "-o", "link")).contains("lan0@"));
            assertTrue(runner.run(List.of("ip", "-n", "isth-gw-b", "-o", "addr")).contains("198.51.100.3/24"));
            assertTrue(runner.run(List.of("ip", "-n", "isth-wan", "-o", "link", "show", "master", "wan0"))
                    .contains("wan-gw-a@"));
            assertTrue(reachable("isth-gw-a", "isth-gw-b", "198.51.100.3"), "gw-a reaches gw-b across the emulated WAN");
        } finally {
            topology.close();
        }
        assertEquals(List.of(), topology.existingNamespaces());
    }

    @Test
    void leftoversOfACrashedRunAreRemovedBeforeBuilding() {
        runner.run(List.of("ip", "netns", "add", "isth-wan"));
        runner.run(List.of("ip", "-n", "isth-wan", "link", "add", "wan0", "type", "bridge"));
        try (NetnsTopology topology = new NetnsTopology(runner)) {
            topology.create();

            assertEquals(EmulatedUnderlay.namespaces().size(), topology.existingNamespaces().size());
        }
        assertEquals(List.of(), new NetnsTopology(runner).existingNamespaces());
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
            server.waitFor();
        }
    }
}
