package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demand sampler on a real veth port (needs root): what the port sends towards its peer between two samples is
 * its demand. The sampler's clock is stepped by the test, so the rate follows from the bytes alone.
 */
class IpLinkDemandSamplerNamespaceTest {

    private static final VifId PORT = VethBetweenNamespaces.PORT_A;
    private static final Pattern TX_BYTES = Pattern.compile("\"tx\"\\s*:\\s*\\{\\s*\"bytes\"\\s*:\\s*([0-9]+)");

    private VethBetweenNamespaces pair;
    private final AtomicLong clock = new AtomicLong();
    private IpLinkDemandSampler sampler;

    @BeforeEach
    void createNamespaces() {
        pair = VethBetweenNamespaces.createAsRoot();
        sampler = new IpLinkDemandSampler(pair.runner, Optional.of(pair.a), clock::get);
    }

    @AfterEach
    void deleteNamespaces() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void whatThePortCarriedBetweenTwoSamplesIsItsDemandPerSecond() throws Exception {
        Iperf3.assumeInstalled();
        assertEquals(Map.of(), sampler.sample(Set.of(PORT)), "the first sample only sets the baseline");
        long before = txBytes();

        Iperf3.send(pair.a, pair.b, VethBetweenNamespaces.ADDRESS_B, "10M");
        long carried = awaitPortIdle() - before;
        clock.addAndGet(1_000_000_000L);
        Map<VifId, Demand> demand = sampler.sample(Set.of(PORT, new VifId("isqt-absent")));

        // iperf3 writes 10 MiB (83,886 kbit); how much of the socket buffer crosses before the test ends varies,
        // so the kernel's own counter is the reference: the sampler must turn it into kbit/s over the stepped second.
        assertTrue(carried * 8 / 1000 > 40_000, "iperf3 moved only " + carried + " bytes");
        long kbps = demand.get(PORT).bandwidth().kbps();
        assertEquals(carried * 8 / 1000.0, kbps, 5.0, "demand " + kbps + " kbit/s for " + carried + " bytes in 1 s");
        // veth hands TSO/GSO super-packets up to 64 KiB to the counters, so packets are far fewer than segments.
        assertTrue(demand.get(PORT).packets().perSecond() >= carried / 65_536, demand.toString());
        assertEquals(Set.of(PORT), demand.keySet(), "a port that does not exist is left out (idle)");
    }

    /** Waits (bounded) until the port's transmit counter stops moving; returns it. */
    private long awaitPortIdle() throws InterruptedException {
        long previous = -1;
        for (int i = 0; i < 50; i++) {
            long bytes = txBytes();
            if (bytes == previous) {
                return bytes;
            }
            previous = bytes;
            Thread.sleep(100);
        }
        return previous;
    }

    private long txBytes() {
        String json = pair.runner.run(List.of("ip", "-n", pair.a.value(), "-s", "-j", "link", "show", "dev",
                PORT.value())).stdout();
        Matcher tx = TX_BYTES.matcher(json);
        if (!tx.find()) {
            throw new AssertionError("no tx counter in " + json);
        }
        return Long.parseLong(tx.group(1));
    }

    @Test
    void aPortThatSentNothingHasNoDemandAndAMissingNamespaceIsAQosException() {
        sampler.sample(Set.of(PORT));
        clock.addAndGet(1_000_000_000L);

        long kbps = sampler.sample(Set.of(PORT)).get(PORT).bandwidth().kbps();

        assertTrue(kbps < 10, "an idle port (at most a stray IPv6 solicitation) has no demand: " + kbps + " kbit/s");
        IpLinkDemandSampler nowhere = new IpLinkDemandSampler(pair.runner,
                Optional.of(new NamespaceName("isqt-missing")), clock::get);
        QosException e = assertThrows(QosException.class, () -> nowhere.sample(Set.of(PORT)));
        assertTrue(e.getMessage().contains("could not read the port counters in namespace isqt-missing"),
                e.getMessage());
    }
}
