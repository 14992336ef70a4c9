package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.Demand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the transmit counters out of {@code ip -s -j link show}, and turning two samples into a demand. */
class LinkCountersTest {

    /** iproute2 6.1 output in an emulated host: loopback, a bridge, a stand-in's veth (peer first) with an alias. */
    private static final String HOST_NAMESPACE = "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\"],"
            + "\"mtu\":65536,\"qdisc\":\"noop\",\"operstate\":\"DOWN\",\"stats64\":{\"rx\":{\"bytes\":0,\"packets\":0,"
            + "\"errors\":0,\"dropped\":0,\"over_errors\":0,\"multicast\":0},\"tx\":{\"bytes\":0,\"packets\":0,"
            + "\"errors\":0,\"dropped\":0,\"carrier_errors\":0,\"collisions\":0}}},"
            + "{\"ifindex\":2,\"ifname\":\"isbr7\",\"flags\":[\"BROADCAST\",\"MULTICAST\"],\"mtu\":1500,"
            + "\"stats64\":{\"rx\":{\"bytes\":5,\"packets\":1,\"errors\":0,\"dropped\":0,\"over_errors\":0,"
            + "\"multicast\":0},\"tx\":{\"bytes\":1234,\"packets\":7,\"errors\":0,\"dropped\":0,\"carrier_errors\":0,"
            + "\"collisions\":0}}},"
            + "{\"ifindex\":4,\"link\":\"isvx\",\"ifname\":\"isvp1234abcd0\",\"flags\":[\"BROADCAST\",\"MULTICAST\","
            + "\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"qdisc\":\"htb\",\"master\":\"isbr7\",\"operstate\":\"UP\","
            + "\"ifalias\":\"tx \\\"bytes\\\":1 \\\"ifname\\\":\\\"x\\\"\",\"link_netnsid\":0,"
            + "\"stats64\":{\"rx\":{\"bytes\":98765,\"packets\":300,\"errors\":0,\"dropped\":0,\"over_errors\":0,"
            + "\"multicast\":0},\"tx\":{\"bytes\":62500000,\"packets\":41000,\"errors\":0,\"dropped\":3,"
            + "\"carrier_errors\":0,\"collisions\":0}}}]";

    @Test
    void everyInterfaceGetsItsOwnTransmitCountersNotItsReceiveCountersNorItsNeighbours() {
        Map<String, LinkCounters> counters = LinkCounters.parse(HOST_NAMESPACE);

        assertEquals(List.of("lo", "isbr7", "isvp1234abcd0"), List.copyOf(counters.keySet()));
        assertEquals(new LinkCounters(62_500_000, 41_000), counters.get("isvp1234abcd0"));
        assertEquals(new LinkCounters(1234, 7), counters.get("isbr7"));
    }

    @Test
    void olderIproute2StatsAndPrettyPrintingAreReadAndAnInterfaceWithoutStatisticsIsLeftOut() {
        String output = "[ {\n  \"ifindex\": 5,\n  \"ifname\": \"isvpaaaaaaaa1\",\n  \"stats\": {\n"
                + "    \"rx\": { \"bytes\": 1, \"packets\": 1 },\n    \"tx\": {\n      \"bytes\": 42,\n"
                + "      \"packets\": 2\n    }\n  }\n}, { \"ifindex\": 6, \"ifname\": \"dummy0\" } ]";

        Map<String, LinkCounters> counters = LinkCounters.parse(output);

        assertEquals(Map.of("isvpaaaaaaaa1", new LinkCounters(42, 2)), counters);
        assertEquals(Map.of(), LinkCounters.parse(""));
    }

    @Test
    void theGrowthOverThePeriodIsTheDemandInKilobitsAndPacketsPerSecond() {
        LinkCounters before = new LinkCounters(1_000_000, 1000);
        LinkCounters after = new LinkCounters(1_000_000 + 12_500_000, 1000 + 8_000);

        Demand demand = after.since(before, Duration.ofMillis(2000));

        assertEquals(Bandwidth.ofMbps(50), demand.bandwidth(), "12.5 MB in 2 s is 50 Mbit/s");
        assertEquals(4000, demand.packets().perSecond());
    }

    @Test
    void countersThatWentBackwardsMeanARecreatedPortAndSayNothing() {
        assertEquals(Demand.IDLE, new LinkCounters(10, 1).since(new LinkCounters(5_000, 40), Duration.ofSeconds(1)));
        assertEquals(Demand.IDLE, new LinkCounters(7, 1).since(new LinkCounters(7, 1), Duration.ofSeconds(1)));
    }
}
