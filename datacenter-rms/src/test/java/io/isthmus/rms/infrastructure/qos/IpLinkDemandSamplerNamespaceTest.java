package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demand sampler on a real veth port (needs root): what the port sends towards its peer between two samples is
 * its demand. The sampler's clock is stepped by the test, so the rate follows from the bytes alone.
 */
class IpLinkDemandSamplerNamespaceTest {

    private static final VifId PORT = VethBetweenNamespaces.PORT_A;

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
    void tenMebibytesSentTowardsThePeerInOneSampledSecondAreAboutEightyFourMegabitOfDemand() throws Exception {
        Iperf3.assumeInstalled();
        assertEquals(Map.of(), sampler.sample(Set.of(PORT)), "the first sample only sets the baseline");

        Iperf3.send(pair.a, pair.b, VethBetweenNamespaces.ADDRESS_B, "10M");
        clock.addAndGet(1_000_000_000L);
        Map<VifId, Demand> demand = sampler.sample(Set.of(PORT, new VifId("isqt-absent")));

        long kbps = demand.get(PORT).bandwidth().kbps();
        // 10 MiB of payload is 83,886 kbit; TCP/IP and Ethernet headers add a few percent, ACKs go the other way.
        assertTrue(kbps >= 83_886 && kbps <= 95_000, "demand " + kbps + " kbit/s for 10 MiB sent in 1 s");
        // veth hands TSO/GSO super-packets up to 64 KiB to the counters, so packets are far fewer than segments.
        assertTrue(demand.get(PORT).packets().perSecond() >= 10_485_760 / 65_536, demand.toString());
        assertEquals(Set.of(PORT), demand.keySet(), "a port that does not exist is left out (idle)");
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
