package io.isthmus.rms;

import static io.isthmus.rms.TestSite.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.schema.site.v1.ConsoleLog;
import io.isthmus.schema.site.v1.ConsoleLogResponse;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.wsdl.site.ServiceFault;
import io.isthmus.wsdl.site.SiteRmsService;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SiteRmsService's consoleLog over SOAP, as the broker calls it: the contract's bounds and faults at the edge. */
class ConsoleLogSoapTest {

    @TempDir
    Path dataDir;
    private RmsServer server;
    private SiteRmsServicePort port;
    private final Instant now = Instant.now();
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void startProvisioned() {
        server = RmsServer.start(TestSite.config(dataDir));
        server.components().holds().prepare(TestSite.prepare(id, tx, now,
                node("hv-1", 2, 4096, true, Optional.of("a1"))));
        server.components().holds().commit(id, tx);
        server.components().lifecycle().provision(id, tx);
        port = new SiteRmsService().getSiteRmsServicePort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, server.endpoint().toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutMaxBytesTheLast16KiBAreAnsweredWithTheirNodeHostAndDomain() throws Exception {
        print("x".repeat(20_000) + "\u001b[1mlogin:\u0000 ");

        ConsoleLogResponse response = port.consoleLog(request("hv-1", null, tx.value()), header());

        assertEquals("hv-1", response.getNode());
        assertEquals("a1", response.getHost());
        assertEquals(DomainName.of(id, new NodeName("hv-1")).value(), response.getDomainName());
        assertTrue(response.isTruncated());
        assertTrue(response.getLog().endsWith("xxx[1mlogin: "), "ESC and NUL removed: " + response.getLog()
                .substring(16_000));
        assertEquals(16_384 - 2, response.getLog().length(), "16384 bytes read, ESC and NUL left out");
    }

    @Test
    void maxBytesOutsideOneToOneMebibyteIsRefusedByTheSchema() {
        for (int maxBytes : new int[] {0, -1, 1_048_577}) {
            ServiceFault fault = assertThrows(ServiceFault.class,
                    () -> port.consoleLog(request("hv-1", maxBytes, tx.value()), header()));
            assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
            assertTrue(fault.getFaultInfo().getMessage().contains("maxBytes")
                    || fault.getFaultInfo().getMessage().contains(String.valueOf(maxBytes)),
                    fault.getFaultInfo().getMessage());
        }
    }

    @Test
    void anUnknownNodeIsANotFoundFaultNamingIt() {
        ServiceFault fault = assertThrows(ServiceFault.class,
                () -> port.consoleLog(request("db-1", 100, tx.value()), header()));

        assertEquals(FaultCode.NOT_FOUND, fault.getFaultInfo().getCode());
        assertEquals(id.value(), fault.getFaultInfo().getReservationId());
        assertTrue(fault.getFaultInfo().getMessage().contains("has no node db-1"), fault.getFaultInfo().getMessage());
    }

    @Test
    void anotherTransactionIsAConflictFault() throws Exception {
        print("secret\n");

        ServiceFault fault = assertThrows(ServiceFault.class,
                () -> port.consoleLog(request("hv-1", 100, UUID.randomUUID().toString()), header()));

        assertEquals(FaultCode.CONFLICT, fault.getFaultInfo().getCode());
        assertFalse(fault.getFaultInfo().getMessage().contains("secret"));
    }

    private ConsoleLog request(String node, Integer maxBytes, String transaction) {
        ConsoleLog request = new ConsoleLog();
        request.setReservationId(id.value());
        request.setTransactionId(transaction);
        request.setNode(node);
        request.setMaxBytes(maxBytes);
        return request;
    }

    private static IsthmusHeader header() {
        IsthmusHeader header = new IsthmusHeader();
        header.setCorrelationId(UUID.randomUUID().toString());
        header.setRequesterId("broker-test");
        return header;
    }

    private void print(String text) throws IOException {
        Path log = dataDir.resolve("instances/a1").resolve(DomainName.of(id, new NodeName("hv-1")).value())
                .resolve("console.log");
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
