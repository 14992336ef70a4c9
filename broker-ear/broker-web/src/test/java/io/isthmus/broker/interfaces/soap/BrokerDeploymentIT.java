package io.isthmus.broker.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.GatewayConfig;
import io.isthmus.gateway.GatewayServer;
import io.isthmus.rms.RmsConfig;
import io.isthmus.rms.RmsServer;
import io.isthmus.schema.broker.v1.ReservationRef;
import io.isthmus.schema.broker.v1.Reserve;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.GatewayRef;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.Nic;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.Segment;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.BrokerService;
import io.isthmus.wsdl.broker.BrokerServicePort;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.BindingProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.Properties;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker WAR as built, deployed on Payara Micro: its WSDL is served, a reserve reaches a real site RMS
 * (libvirt test driver) and gateway and is held, and a schema-invalid request gets the typed VALIDATION fault.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerDeploymentIT {
    private static RmsServer site;
    private static GatewayServer siteGateway;
    private static GatewayServer requesterGateway;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "isthmus.war").importFrom(new File("target/isthmus.war"))
                .as(WebArchive.class);
    }

    @BeforeAll
    static void startSiteAndGateway() throws IOException {
        Path dir = Files.createTempDirectory("isthmus-it");
        Properties s = new Properties();
        s.setProperty("site.id", "site-it");
        s.setProperty("site.listen", "http://127.0.0.1:28101/rms/SiteRmsService");
        s.setProperty("site.dataDir", dir.resolve("site").toString());
        s.setProperty("site.gateway.id", "gw-it");
        s.setProperty("site.gateway.endpoint", "http://127.0.0.1:28202/gateway/GatewayService");
        s.setProperty("site.hosts", "h1");
        s.setProperty("host.h1.cores", "8");
        s.setProperty("host.h1.memoryMib", "16384");
        s.setProperty("host.h1.diskGib", "100");
        s.setProperty("host.h1.nested", "true");
        site = RmsServer.start(RmsConfig.fromProperties(s));
        siteGateway = GatewayServer.start(gatewayConfig("gw-it", 28202, "127.0.0.2", dir));
        requesterGateway = GatewayServer.start(gatewayConfig("gw-req", 28201, "127.0.0.1", dir));
    }

    private static GatewayConfig gatewayConfig(String id, int port, String tunnelAddress, Path dir) {
        Properties g = new Properties();
        g.setProperty("gateway.id", id);
        g.setProperty("gateway.listen", "http://127.0.0.1:" + port + "/gateway/GatewayService");
        g.setProperty("gateway.dataDir", dir.resolve(id).toString());
        g.setProperty("gateway.tunnelAddress", tunnelAddress);
        g.setProperty("gateway.underlayDevice", "lo");
        return GatewayConfig.fromProperties(g);
    }

    @AfterAll
    static void stop() {
        for (GatewayServer g : new GatewayServer[] {siteGateway, requesterGateway}) {
            if (g != null) {
                g.close();
            }
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void servesItsWsdl() throws IOException {
        try (InputStream in = new URL(base, "BrokerService?wsdl").openStream()) {
            String wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(wsdl.contains("wsdl:definitions"), wsdl);
            for (String op : new String[] {"reserve", "reserveCommit", "reserveAbort", "provision", "release",
                    "terminate", "querySummarySync"}) {
                assertTrue(wsdl.contains("name=\"" + op + "\""), "operation " + op + " in the WSDL");
            }
        }
    }

    @Test
    void reserveIsHeldAtTheSiteThenAbortFreesIt() throws Exception {
        BrokerServicePort broker = broker();
        Reserve request = new Reserve();
        request.setVirtualInfrastructure(vi("t1", 4096));
        ReservationSummary held = broker.reserve(request, header()).getSummary();
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState());
        assertEquals(1, held.getPlacement().size());
        assertEquals("site-it", held.getPlacement().get(0).getSite());
        assertEquals("h1", held.getPlacement().get(0).getHost());
        assertTrue(held.getPlacement().get(0).getNic().get(0).getMac().startsWith("02:49:53:"));
        assertNotNull(held.getHoldExpires());

        ReservationRef ref = new ReservationRef();
        ref.setReservationId(held.getReservationId());
        ReservationSummary aborted = broker.reserveAbort(ref, header()).getSummary();
        assertEquals(ReservationState.RESERVE_START, aborted.getReservationState());
        assertEquals(io.isthmus.schema.v1.LifecycleState.TERMINATED, aborted.getLifecycleState());
    }

    @Test
    void schemaInvalidRequestGetsTypedValidationFault() throws Exception {
        Reserve request = new Reserve();
        VirtualInfrastructure vi = vi("Not_A_Name", 4096);
        vi.getSegment().get(0).setVlan(5000);
        request.setVirtualInfrastructure(vi);
        ServiceFault fault = assertThrows(ServiceFault.class, () -> broker().reserve(request, header()));
        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
        String message = fault.getFaultInfo().getMessage();
        assertTrue(message.contains("Not_A_Name") && message.contains("5000"), message);
    }

    @Test
    void requestBeyondCapacityGetsCapacityFault() throws Exception {
        Reserve request = new Reserve();
        request.setVirtualInfrastructure(vi("t2", 200_000));
        ServiceFault fault = assertThrows(ServiceFault.class, () -> broker().reserve(request, header()));
        assertEquals(FaultCode.CAPACITY, fault.getFaultInfo().getCode());
        assertTrue(fault.getFaultInfo().getMessage().contains("200000 MiB"), fault.getFaultInfo().getMessage());
    }

    private BrokerServicePort broker() {
        BrokerServicePort port = new BrokerService().getBrokerServicePort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, base.toString() + "BrokerService");
        return port;
    }

    private static IsthmusHeader header() {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(UUID.randomUUID().toString());
        h.setRequesterId("admin@it");
        return h;
    }

    private static VirtualInfrastructure vi(String tenant, int memoryMib) throws Exception {
        VirtualInfrastructure vi = new VirtualInfrastructure();
        vi.setTenant(tenant);
        TimeWindow w = new TimeWindow();
        w.setStart(xml(Instant.now()));
        w.setEnd(xml(Instant.now().plus(Duration.ofHours(1))));
        vi.setWindow(w);
        Segment s = new Segment();
        s.setName("mgmt");
        s.setVlan(100);
        vi.getSegment().add(s);
        Node n = new Node();
        n.setName("n1");
        n.setVcpus(2);
        n.setMemoryMib(memoryMib);
        n.setDiskGib(10);
        n.setImage("debian-12");
        Nic nic = new Nic();
        nic.setSegment("mgmt");
        n.getNic().add(nic);
        vi.getNode().add(n);
        GatewayRef gw = new GatewayRef();
        gw.setId("gw-req");
        gw.setEndpoint("http://127.0.0.1:28201/gateway/GatewayService");
        vi.setRequesterGateway(gw);
        return vi;
    }

    private static XMLGregorianCalendar xml(Instant t) throws Exception {
        return DatatypeFactory.newInstance()
                .newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.ofInstant(t, ZoneOffset.UTC)));
    }
}
