package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.schema.site.v1.Capacity;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.NicQos;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteNic;
import io.isthmus.schema.site.v1.SiteNode;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.site.v1.Status;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.wsdl.site.ServiceFault;
import io.isthmus.wsdl.site.SiteRmsService;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published SiteRmsService driven with the generated JAX-WS client, as the broker does. */
class SiteRmsSoapTest {

    @TempDir
    Path dataDir;
    private RmsServer server;
    private SiteRmsServicePort port;
    private final Instant now = Instant.now();

    @BeforeEach
    void start() {
        Properties properties = TestSite.properties(dataDir);
        properties.setProperty("site.reaperIntervalMillis", "200");
        server = RmsServer.start(RmsConfig.fromProperties(properties));
        port = new SiteRmsService().getSiteRmsServicePort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, server.endpoint().toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static IsthmusHeader header() {
        IsthmusHeader header = new IsthmusHeader();
        header.setCorrelationId(UUID.randomUUID().toString());
        header.setRequesterId("broker-test");
        return header;
    }

    private static XMLGregorianCalendar xml(Instant instant) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(
                    GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
        } catch (javax.xml.datatype.DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Prepare prepare(String reservation, String tx, Duration hold, int memoryMib, String mac) {
        Prepare prepare = new Prepare();
        prepare.setReservationId(reservation);
        prepare.setTransactionId(tx);
        prepare.setTenant("acme");
        TimeWindow window = new TimeWindow();
        window.setStart(xml(now));
        window.setEnd(xml(now.plus(Duration.ofHours(1))));
        prepare.setWindow(window);
        prepare.setHoldExpires(xml(now.plus(hold)));
        SiteNode node = new SiteNode();
        node.setName("hv-1");
        node.setVcpus(4);
        node.setMemoryMib(memoryMib);
        node.setDiskGib(40);
        node.setImage("debian-12");
        node.setNestedVirtualization(true);
        SiteNic nic = new SiteNic();
        nic.setSegment("lan");
        nic.setVni(4242);
        nic.setMac(mac);
        node.getNic().add(nic);
        prepare.getNode().add(node);
        return prepare;
    }

    private static ReservationTx tx(String reservation, String transaction) {
        ReservationTx tx = new ReservationTx();
        tx.setReservationId(reservation);
        tx.setTransactionId(transaction);
        return tx;
    }

    private SiteReservationStatus status(String reservation) throws ServiceFault {
        Status request = new Status();
        request.setReservationId(reservation);
        return port.status(request, header()).getReservation().get(0);
    }

    @Test
    void wsdlIsServed() throws IOException {
        try (InputStream in = new java.net.URL(server.endpoint() + "?wsdl").openStream()) {
            String wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(wsdl.contains("SiteRmsServicePort"), wsdl);
        }
    }

    @Test
    void prepareCommitProvisionStatusTerminateRoundTrip() throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        String transaction = UUID.randomUUID().toString();

        assertEquals(SiteBookingState.HELD, port.prepare(prepare(reservation, transaction, Duration.ofMinutes(2),
                16384, "52:54:00:12:34:56"), header()).getStatus().getState());
        HostCapacity a1 = port.capacity(new Capacity(), header()).getSiteCapacity().getHost().get(0);
        assertEquals(65536 - 16384, a1.getFreeMemoryMib());
        assertEquals(SiteBookingState.COMMITTED, port.commit(tx(reservation, transaction), header()).getStatus().getState());
        SiteReservationStatus provisioned = port.provision(tx(reservation, transaction), header()).getStatus();

        assertEquals(SiteBookingState.PROVISIONED, provisioned.getState());
        SiteNodeStatus node = status(reservation).getNode().get(0);
        assertEquals("a1", node.getHost());
        assertEquals("isthmus-" + reservation + "-hv-1", node.getDomainName());
        assertEquals(DomainState.RUNNING, node.getDomainState());
        assertEquals("52:54:00:12:34:56", node.getMac().get(0));
        assertEquals("host-passthrough", node.getCpuMode());
        assertEquals(Boolean.TRUE, node.isNestedVirtualization());

        assertEquals(SiteBookingState.TERMINATED, port.terminate(tx(reservation, transaction), header())
                .getStatus().getState());
        assertEquals(SiteBookingState.NONE, status(reservation).getState());
        assertEquals(65536, port.capacity(new Capacity(), header()).getSiteCapacity().getHost().get(0)
                .getFreeMemoryMib());
    }

    @Test
    void beyondCapacityIsATypedCapacityFault() {
        String reservation = UUID.randomUUID().toString();
        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.prepare(prepare(reservation,
                UUID.randomUUID().toString(), Duration.ofMinutes(2), 262144, "52:54:00:12:34:57"), header()));
        assertEquals(FaultCode.CAPACITY, fault.getFaultInfo().getCode());
        assertEquals(reservation, fault.getFaultInfo().getReservationId());
        assertTrue(fault.getFaultInfo().getMessage().startsWith("node hv-1 needs 256 GiB memory"),
                fault.getFaultInfo().getMessage());
    }

    @Test
    void aSchemaInvalidRequestIsRefusedAtTheEdgeAndHoldsNothing() throws ServiceFault {
        Prepare invalid = prepare("not-a-uuid", UUID.randomUUID().toString(), Duration.ofMinutes(2), 4096,
                "52:54:00:12:34:59");
        invalid.getNode().get(0).setName("Bad Name");
        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.prepare(invalid, header()));
        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
        String message = fault.getFaultInfo().getMessage();
        assertTrue(message.contains("not-a-uuid") && message.contains("Bad Name"), message);
        assertTrue(port.status(new Status(), header()).getReservation().isEmpty());
    }

    @Test
    void aNicContractWithAMaximumOfZeroIsATypedValidationFaultThatSaysWhatToGiveAndHoldsNothing()
            throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        Prepare prepare = prepare(reservation, UUID.randomUUID().toString(), Duration.ofMinutes(2), 4096,
                "52:54:00:12:34:5a");
        NicQos qos = new NicQos();
        qos.setPriority(3);
        qos.setMinMbps(0);
        qos.setMaxMbps(0);
        prepare.getNode().get(0).getNic().get(0).setQos(qos);

        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.prepare(prepare, header()));

        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
        assertEquals("nic.qos.maxMbps", fault.getFaultInfo().getDetail().get(0).getField());
        assertTrue(fault.getFaultInfo().getMessage().contains("give maxMbps at least 1"),
                fault.getFaultInfo().getMessage());
        assertEquals(SiteBookingState.NONE, status(reservation).getState());
        assertEquals(65536, port.capacity(new Capacity(), header()).getSiteCapacity().getHost().get(0)
                .getFreeMemoryMib());
    }

    @Test
    void guaranteesBeyondTheHostLinkAreATypedCapacityFaultThatHoldsNothing() throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        Prepare prepare = prepare(reservation, UUID.randomUUID().toString(), Duration.ofMinutes(2), 4096,
                "52:54:00:12:34:5b");
        NicQos qos = new NicQos();
        qos.setPriority(1);
        qos.setMinMbps(10_001);
        prepare.getNode().get(0).getNic().get(0).setQos(qos);

        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.prepare(prepare, header()));

        assertEquals(FaultCode.CAPACITY, fault.getFaultInfo().getCode());
        assertTrue(fault.getFaultInfo().getMessage().startsWith("host a1 at site-a guarantees 0 of its 10,000 Mbit/s"
                + " during the window"), fault.getFaultInfo().getMessage());
        assertTrue(fault.getFaultInfo().getMessage().endsWith("node hv-1 needs 10,001 Mbit/s more (10,000 left)"),
                fault.getFaultInfo().getMessage());
        assertEquals(SiteBookingState.NONE, status(reservation).getState());
    }

    @Test
    void capacityCarriesTheSiteImageCatalog() throws ServiceFault {
        assertEquals(List.of("debian-12"), port.capacity(new Capacity(), header()).getSiteCapacity()
                .getImageCatalog().getImage());
    }

    @Test
    void aNodeWhoseImageIsNotInTheCatalogIsATypedValidationFaultNamingItAndHoldsNothing() throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        Prepare prepare = prepare(reservation, UUID.randomUUID().toString(), Duration.ofMinutes(2), 4096,
                "52:54:00:12:34:5c");
        prepare.getNode().get(0).setImage("windows-11");

        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.prepare(prepare, header()));

        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
        assertEquals(reservation, fault.getFaultInfo().getReservationId());
        assertEquals("node.image", fault.getFaultInfo().getDetail().get(0).getField());
        assertTrue(fault.getFaultInfo().getMessage().startsWith("node hv-1 needs image 'windows-11', which is not in"
                + " the image catalog of site-a (it has debian-12)"), fault.getFaultInfo().getMessage());
        assertEquals(SiteBookingState.NONE, status(reservation).getState());
        assertEquals(65536, port.capacity(new Capacity(), header()).getSiteCapacity().getHost().get(0)
                .getFreeMemoryMib());
    }

    @Test
    void aCallWithoutHeaderIsATypedValidationFault() {
        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.status(new Status(), null));
        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
    }

    @Test
    void commitOfAnUnknownReservationIsATypedNotFoundFault() {
        ServiceFault fault = assertThrows(ServiceFault.class, () -> port.commit(
                tx(UUID.randomUUID().toString(), UUID.randomUUID().toString()), header()));
        assertEquals(FaultCode.NOT_FOUND, fault.getFaultInfo().getCode());
    }

    @Test
    void abortProvisionReleaseAndTerminateOfAnotherTransactionAreConflictFaultsNamingBothIdsAndChangeNothing()
            throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        String transaction = UUID.randomUUID().toString();
        String stale = UUID.randomUUID().toString();
        port.prepare(prepare(reservation, transaction, Duration.ofMinutes(2), 8192, "52:54:00:12:34:60"), header());

        assertConflict(() -> port.abort(tx(reservation, stale), header()), reservation, transaction, stale);
        assertEquals(SiteBookingState.HELD, status(reservation).getState(), "a stale abort releases nothing");

        port.commit(tx(reservation, transaction), header());
        assertConflict(() -> port.provision(tx(reservation, stale), header()), reservation, transaction, stale);
        assertEquals(DomainState.ABSENT, status(reservation).getNode().get(0).getDomainState());

        port.provision(tx(reservation, transaction), header());
        assertConflict(() -> port.release(tx(reservation, stale), header()), reservation, transaction, stale);
        assertConflict(() -> port.terminate(tx(reservation, stale), header()), reservation, transaction, stale);
        assertConflict(() -> port.abort(tx(reservation, stale), header()), reservation, transaction, stale);
        SiteReservationStatus after = status(reservation);
        assertEquals(SiteBookingState.PROVISIONED, after.getState());
        assertEquals(DomainState.RUNNING, after.getNode().get(0).getDomainState(), "the VM still runs");
        assertEquals(65536 - 8192, port.capacity(new Capacity(), header()).getSiteCapacity().getHost().get(0)
                .getFreeMemoryMib());

        assertEquals(SiteBookingState.RELEASED, port.release(tx(reservation, transaction), header())
                .getStatus().getState());
        assertEquals(SiteBookingState.TERMINATED, port.terminate(tx(reservation, transaction), header())
                .getStatus().getState());
    }

    @Test
    void callsForAReservationWithoutBookingKeepTheirAnswersWhateverTheTransaction() throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        String transaction = UUID.randomUUID().toString();

        assertEquals(SiteBookingState.ABORTED, port.abort(tx(reservation, transaction), header())
                .getStatus().getState());
        assertEquals(SiteBookingState.TERMINATED, port.terminate(tx(reservation, transaction), header())
                .getStatus().getState());
        assertEquals(FaultCode.NOT_FOUND, assertThrows(ServiceFault.class,
                () -> port.provision(tx(reservation, transaction), header())).getFaultInfo().getCode());
        assertEquals(FaultCode.NOT_FOUND, assertThrows(ServiceFault.class,
                () -> port.release(tx(reservation, transaction), header())).getFaultInfo().getCode());
    }

    private static void assertConflict(org.junit.jupiter.api.function.Executable call, String reservation,
            String booked, String sent) {
        ServiceFault fault = assertThrows(ServiceFault.class, call);
        assertEquals(FaultCode.CONFLICT, fault.getFaultInfo().getCode(), fault.getFaultInfo().getMessage());
        assertEquals(reservation, fault.getFaultInfo().getReservationId());
        String message = fault.getFaultInfo().getMessage();
        assertTrue(message.contains(booked) && message.contains(sent), "names both transactions: " + message);
    }

    @Test
    void aHoldAskedForLongerThanTheSiteGrantsIsAnsweredWithTheCappedExpiry() throws ServiceFault {
        String reservation = UUID.randomUUID().toString();
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        SiteReservationStatus held = port.prepare(prepare(reservation, UUID.randomUUID().toString(),
                Duration.ofHours(2), 4096, "52:54:00:12:34:61"), header()).getStatus();

        Instant after = Instant.now();
        Instant granted = held.getHoldExpires().toGregorianCalendar().toInstant();
        assertTrue(!granted.isBefore(before.plusSeconds(600)) && !granted.isAfter(after.plusSeconds(600)),
                "held for the default longest hold of 600 s, not the 2 h asked: " + granted);
        assertEquals(granted, status(reservation).getHoldExpires().toGregorianCalendar().toInstant());
    }

    @Test
    void theReaperReleasesAnUncommittedHold() throws ServiceFault, InterruptedException {
        String reservation = UUID.randomUUID().toString();
        port.prepare(prepare(reservation, UUID.randomUUID().toString(), Duration.ofSeconds(1), 4096,
                "52:54:00:12:34:58"), header());
        assertEquals(SiteBookingState.HELD, status(reservation).getState());

        SiteBookingState state = SiteBookingState.HELD;
        for (int i = 0; i < 100 && state != SiteBookingState.NONE; i++) {
            Thread.sleep(100);
            state = status(reservation).getState();
        }
        assertEquals(SiteBookingState.NONE, state, "the hold is gone after it expired");
    }
}
