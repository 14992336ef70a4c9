package io.isthmus.gateway;

import static io.isthmus.gateway.GatewayMessages.header;
import static io.isthmus.gateway.GatewayMessages.prepare;
import static io.isthmus.gateway.GatewayMessages.statusOf;
import static io.isthmus.gateway.GatewayMessages.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.testsupport.GatewayHost;
import io.isthmus.gateway.testsupport.TestNetwork;
import io.isthmus.schema.gateway.v1.StitchState;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import io.isthmus.wsdl.gateway.ServiceFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant VLANs are booked over the reservations' windows, through the published GatewayService: a requester gateway
 * delivering VLAN 100 by its access port {@code acc100} (this works on kernels that cannot tag, too).
 */
class GatewayCalendarSoapTest {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    private static final Instant DAY_AFTER = TOMORROW.plus(Duration.ofDays(1));

    private final TestNetwork net = new TestNetwork();
    private GatewayServer server;
    private GatewayServicePort port;

    @BeforeEach
    void start(@TempDir Path dir) {
        Assumptions.assumeTrue(TestNetwork.isRoot(), "network namespaces need root (CI runs as root)");
        String ns = net.namespace("gw");
        String lan = net.namespace("lan");
        net.veth(ns, "wan0", lan, "wan0");
        net.ip(ns, "addr", "add", "198.51.100.1/24", "dev", "wan0");
        net.veth(ns, "acc100", lan, "lan100");
        Properties p = GatewayHost.properties("gw-req", ns, "198.51.100.1", false, dir);
        p.setProperty("gateway.accessPorts", "100:acc100");
        server = GatewayServer.start(GatewayConfig.fromProperties(p));
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
    void vlan100BookedForTomorrowIsFreeForTheDayAfterButNotForAnOverlappingWindow() throws Exception {
        Instant hold = Instant.now().plusSeconds(120);
        String tomorrow = uuid();
        port.prepare(prepare(tomorrow, uuid(), 7101, 100, TOMORROW, TOMORROW.plus(Duration.ofHours(12)), hold),
                header());

        String dayAfter = uuid();
        assertEquals(StitchState.HELD, port.prepare(prepare(dayAfter, uuid(), 7102, 100, DAY_AFTER,
                DAY_AFTER.plus(Duration.ofHours(12)), hold), header()).getStitch().get(0).getState(),
                "the day after does not meet tomorrow's window: VLAN 100 is free then");

        Instant tomorrowEnd = TOMORROW.plus(Duration.ofHours(12));
        ServiceFault overlap = assertThrows(ServiceFault.class, () -> port.prepare(prepare(uuid(), uuid(), 7103, 100,
                TOMORROW.plus(Duration.ofHours(6)), TOMORROW.plus(Duration.ofHours(18)), hold), header()));
        assertEquals(FaultCode.CONFLICT, overlap.getFaultInfo().getCode());
        String message = overlap.getFaultInfo().getMessage();
        assertTrue(message.contains("VLAN 100") && message.contains(tomorrow)
                && message.contains("[" + TOMORROW + ", " + tomorrowEnd + ")")
                && message.contains("a window starting at " + tomorrowEnd.plusSeconds(60) + " or later"), message);

        ServiceFault inGrace = assertThrows(ServiceFault.class, () -> port.prepare(prepare(uuid(), uuid(), 7104, 100,
                tomorrowEnd, tomorrowEnd.plus(Duration.ofHours(1)), hold), header()));
        assertEquals(FaultCode.CONFLICT, inGrace.getFaultInfo().getCode(),
                "a window starting at the end is still within the 60 s teardown grace");
        assertEquals(StitchState.HELD, port.prepare(prepare(uuid(), uuid(), 7105, 100, tomorrowEnd.plusSeconds(60),
                tomorrowEnd.plus(Duration.ofHours(1)), hold), header()).getStitch().get(0).getState(),
                "after the grace VLAN 100 is free again");
        assertEquals(1, port.status(statusOf(dayAfter), header()).getStitch().size());
    }

    @Test
    void aWindowWhoseEndIsNotAfterItsStartIsAValidationFaultThatHoldsNothing() throws Exception {
        Instant hold = Instant.now().plusSeconds(120);
        ServiceFault e = assertThrows(ServiceFault.class, () -> port.prepare(prepare(uuid(), uuid(), 7106, 100,
                DAY_AFTER, TOMORROW, hold), header()));
        assertEquals(FaultCode.VALIDATION, e.getFaultInfo().getCode());
        assertTrue(e.getFaultInfo().getMessage().contains("window end " + TOMORROW + " is not after its start "
                + DAY_AFTER), e.getFaultInfo().getMessage());
        assertTrue(port.status(new io.isthmus.schema.gateway.v1.Status(), header()).getStitch().isEmpty());
    }
}
