package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.VifId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tc HTB driver on a real veth pair between two namespaces it did not create (needs root). */
class TcHtbQosDriverNamespaceTest {

    private static final Logger LOG = System.getLogger(TcHtbQosDriverNamespaceTest.class.getName());
    private static final VifId PORT = VethBetweenNamespaces.PORT_A;

    private VethBetweenNamespaces pair;
    private TcHtbQosDriver driver;

    @BeforeEach
    void createNamespaces() {
        pair = VethBetweenNamespaces.createAsRoot();
        driver = new TcHtbQosDriver(pair.runner, Optional.of(pair.a));
    }

    @AfterEach
    void deleteNamespaces() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Allocation mbps(long rate, long ceil) {
        return mbps(PORT, rate, ceil);
    }

    private static Allocation mbps(VifId port, long rate, long ceil) {
        return new Allocation(port, Bandwidth.ofMbps(rate), Bandwidth.ofMbps(ceil), PacketRate.UNLIMITED);
    }

    @Test
    void aFiftyMegabitAllocationBecomesAnHtbClassWithThatRateAndChangesInPlace() {
        assertEquals(PacketCapStatus.NOT_REQUESTED, driver.apply(mbps(50, 50)));

        String classes = pair.inA("tc", "class", "show", "dev", PORT.value());
        assertTrue(classes.contains("class htb 1:10 parent 1:1 prio 0 rate 50Mbit ceil 50Mbit"), classes);
        assertTrue(classes.contains("class htb 1:1 root rate 50Mbit ceil 50Mbit"), classes);

        driver.apply(mbps(20, 30));
        driver.apply(mbps(20, 30));
        String changed = pair.inA("tc", "class", "show", "dev", PORT.value());
        assertTrue(changed.contains("class htb 1:10 parent 1:1 prio 0 rate 20Mbit ceil 30Mbit"), changed);
        assertEquals(2, changed.lines().filter(l -> l.startsWith("class htb")).count(), changed);
    }

    @Test
    void removingShapingLeavesNoHtbAndIsANoOpTheSecondTimeAndForAGonePort() {
        driver.apply(mbps(50, 50));

        driver.remove(PORT);
        driver.remove(PORT);
        driver.remove(new VifId("isqt-gone"));

        String qdiscs = pair.inA("tc", "qdisc", "show", "dev", PORT.value());
        assertFalse(qdiscs.contains("htb"), qdiscs);
    }

    /** A VM port ({@code isvp…}, one end of a veth here) on a bridge in namespace a: the kind nftables caps. */
    private VifId vmPortOnABridge() {
        VifId port = new VifId("isvp0000abcd0");
        pair.inA("ip", "link", "add", "isbr7403", "type", "bridge");
        pair.inA("ip", "link", "add", port.value(), "type", "veth", "peer", "name", "isqt-vm");
        pair.inA("ip", "link", "set", port.value(), "master", "isbr7403", "up");
        pair.inA("ip", "link", "set", "isqt-vm", "up");
        return port;
    }

    private String nftTables() {
        return pair.inA("nft", "list", "tables");
    }

    private static Allocation capped(VifId port, long packetsPerSecond) {
        return new Allocation(port, Bandwidth.ofMbps(50), Bandwidth.ofMbps(50), PacketRate.of(packetsPerSecond));
    }

    @Test
    void aPacketCapIsPolicedByTcWhereTheKernelCanAndOtherwiseEnforcedWithNftables() {
        VifId port = vmPortOnABridge();

        PacketCapStatus status = driver.apply(capped(port, 20_000));

        assertEquals(PacketCapStatus.ENFORCED, status);
        String filters = pair.inA("tc", "filter", "show", "dev", port.value(), "parent", "1:");
        String classes = pair.inA("tc", "class", "show", "dev", port.value());
        assertTrue(classes.contains("rate 50Mbit ceil 50Mbit"), "bandwidth is shaped either way: " + classes);
        if (filters.contains("police")) {
            assertTrue(filters.contains("pkts_rate 20000"), filters);
            assertFalse(nftTables().contains("isthmus-qos"), "one cap per port: " + nftTables());
        } else {
            String chain = pair.inA("nft", "list", "chain", "bridge", "isthmus-qos", "portcap");
            assertTrue(chain.contains("oifname \"" + port + "\" limit rate over 20000/second burst 2000 packets drop"),
                    chain);
            LOG.log(Level.INFO, "this kernel has no tc police action: the packet cap is an nftables rule");
        }

        assertEquals(PacketCapStatus.NOT_REQUESTED, driver.apply(mbps(port, 50, 50)), "the cap is dropped");
        assertFalse(pair.inA("tc", "filter", "show", "dev", port.value(), "parent", "1:").contains("police"));
        assertFalse(nftTables().contains("isthmus-qos"), "no rule and no table once the cap is dropped");
    }

    @Test
    void removingThePortsShapingRemovesItsPacketCapEvenWhenThePortIsGone() {
        VifId port = vmPortOnABridge();
        driver.apply(capped(port, 1000));
        pair.inA("ip", "link", "del", port.value());

        driver.remove(port);

        assertFalse(nftTables().contains("isthmus-qos"), nftTables());
    }

    @Test
    void withoutPoliceAndWithoutNftTheCapIsUnsupportedButBandwidthIsShaped() {
        VifId port = vmPortOnABridge();
        TcHtbQosDriver noNft = new TcHtbQosDriver(pair.runner, Optional.of(pair.a),
                new NftPacketCap(pair.runner, Optional.of(pair.a), "/nonexistent/isthmus-test/nft"));

        PacketCapStatus status = noNft.apply(capped(port, 1000));

        boolean policed = pair.inA("tc", "filter", "show", "dev", port.value(), "parent", "1:").contains("police");
        assertEquals(policed ? PacketCapStatus.ENFORCED : PacketCapStatus.UNSUPPORTED, status);
        assertTrue(pair.inA("tc", "class", "show", "dev", port.value()).contains("rate 50Mbit ceil 50Mbit"));
        assertFalse(nftTables().contains("isthmus-qos"), nftTables());
    }

    @Test
    void iperf3ThroughTheShapedVethStaysNearFiftyMegabitAndRunsFarFasterUnshaped() throws Exception {
        Iperf3.assumeInstalled();
        driver.apply(mbps(50, 50));

        double shaped = Iperf3.measureMbps(pair);
        driver.remove(PORT);
        double unshaped = Iperf3.measureMbps(pair);

        LOG.log(Level.INFO, "iperf3 through veth: {0} Mbit/s shaped to 50 Mbit/s, {1} Mbit/s unshaped",
                String.format("%.1f", shaped), String.format("%.1f", unshaped));
        assertTrue(shaped >= 45 && shaped <= 55, "shaped throughput " + shaped + " Mbit/s is outside 45-55");
        assertTrue(unshaped > 55 * 2, "unshaped throughput " + unshaped + " Mbit/s is not clearly above the shape");
    }
}
