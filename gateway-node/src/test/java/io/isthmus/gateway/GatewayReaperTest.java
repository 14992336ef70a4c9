package io.isthmus.gateway;

import static io.isthmus.gateway.GatewayMessages.header;
import static io.isthmus.gateway.GatewayMessages.prepare;
import static io.isthmus.gateway.GatewayMessages.reservationTx;
import static io.isthmus.gateway.GatewayMessages.stitchTx;
import static io.isthmus.gateway.GatewayMessages.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.testsupport.FlakyCommandRunner;
import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.MutableClock;
import io.isthmus.gateway.testsupport.TestNetwork;
import io.isthmus.schema.gateway.v1.Status;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running gateway's scheduled reaper (every second here) survives a run that fails and reaps on a later one. */
class GatewayReaperTest {

    /** Generous for a loaded 2-core machine: the reaper runs every second. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final TestNetwork net = new TestNetwork();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final FlakyCommandRunner runner = new FlakyCommandRunner();
    private GatewayServer server;
    private GatewayServicePort port;
    private String ns;

    @BeforeEach
    void start(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        ns = net.namespace("gw");
        String peer = net.namespace("peer");
        net.veth(ns, "wan0", peer, "wan0");
        net.ip(ns, "addr", "add", "198.51.100.1/24", "dev", "wan0");
        Properties p = GatewayHost.properties("gw-req", ns, "198.51.100.1", false, dir);
        p.setProperty("gateway.reapIntervalSeconds", "1");
        server = GatewayServer.start(GatewayConfig.fromProperties(p), clock, runner);
        port = GatewayMessages.client(server);
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            net.close();
        }
    }

    @Test
    void aReaperRunWhoseCommandFailsIsRetriedAndTheStitchPastItsWindowIsStillTornDown() throws Exception {
        String res = uuid();
        String tx = uuid();
        Instant start = clock.instant();
        port.prepare(prepare(res, tx, 7201, null, start, start.plus(Duration.ofHours(1)), start.plusSeconds(120)),
                header());
        port.commit(reservationTx(res, tx), header());
        port.stitch(stitchTx(res, tx), header());
        assertEquals(Set.of("isbr7201", "isvx7201"), net.managedLinks(ns));

        runner.failOnce(argv -> argv.containsAll(List.of("link", "del")),
                "RTNETLINK answers: Device or resource busy (failed on purpose by the test)");
        clock.advance(Duration.ofHours(1).plusSeconds(61));

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(net.managedLinks(ns).isEmpty() && port.status(new Status(), header()).getStitch().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(1, runner.failed(), "one reaper run failed on the interface deletion");
        assertEquals(Set.of(), net.managedLinks(ns), "a later run removed the interfaces all the same");
        assertTrue(port.status(new Status(), header()).getStitch().isEmpty(), "and dropped the booking");
    }
}
