package io.isthmus.broker.interfaces.soap;

import io.isthmus.gateway.GatewayConfig;
import io.isthmus.gateway.GatewayServer;
import io.isthmus.rms.RmsConfig;
import io.isthmus.rms.RmsServer;
import io.isthmus.schema.v1.GatewayRef;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.Nic;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.Segment;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.BrokerService;
import io.isthmus.wsdl.broker.BrokerServicePort;
import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.net.URL;
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

/**
 * What a deployed broker needs to reserve for real, started in the test JVM: a site RMS (one libvirt test-driver
 * host, 8 cores / 16 GiB, image catalog {@value #IMAGE}) with its gateway, and the requester's gateway, on fixed
 * loopback ports that the broker's {@code isthmus.sites} names. Also builds requests and clients for the broker.
 */
final class SiteAndGateways implements AutoCloseable {
    static final String SITES = "site-it=http://127.0.0.1:28101/rms/SiteRmsService";
    /** The requester gateway the broker registers ({@code isthmus.requesterGateways}; arquillian.xml says the same). */
    static final String REQUESTER_GATEWAYS = "gw-req=http://127.0.0.1:28201/gateway/GatewayService";
    /** Which tenant of these tests may use it, with VLAN 100 ({@code isthmus.requesterGateways.grants}). */
    static final String GRANTS = "gw-req:t1=100;gw-req:t2=100;gw-req:t3=100;gw-req:t4=100;gw-req:t5=100;gw-req:t6=100;"
            + "gw-req:t-pg=100";
    /** The one image of the site's catalog. */
    static final String IMAGE = "debian-12";

    private final RmsServer site;
    private final GatewayServer siteGateway;
    private final GatewayServer requesterGateway;

    private SiteAndGateways(RmsServer site, GatewayServer siteGateway, GatewayServer requesterGateway) {
        this.site = site;
        this.siteGateway = siteGateway;
        this.requesterGateway = requesterGateway;
    }

    static SiteAndGateways start() throws IOException {
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
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.createFile(images.resolve(IMAGE + ".qcow2"));
        s.setProperty("site.imageDir", images.toString());
        RmsServer site = RmsServer.start(RmsConfig.fromProperties(s));
        Properties requester = gatewayProperties("gw-req", 28201, "127.0.0.1", dir);
        // The requester side delivers the tenant's VLAN; these tests never stitch, so the port need not exist.
        requester.setProperty("gateway.accessPorts", "100:acc100");
        return new SiteAndGateways(site,
                GatewayServer.start(GatewayConfig.fromProperties(gatewayProperties("gw-it", 28202, "127.0.0.2", dir))),
                GatewayServer.start(GatewayConfig.fromProperties(requester)));
    }

    private static Properties gatewayProperties(String id, int port, String tunnelAddress, Path dir) {
        Properties g = new Properties();
        g.setProperty("gateway.id", id);
        g.setProperty("gateway.listen", "http://127.0.0.1:" + port + "/gateway/GatewayService");
        g.setProperty("gateway.dataDir", dir.resolve(id).toString());
        g.setProperty("gateway.tunnelAddress", tunnelAddress);
        g.setProperty("gateway.underlayDevice", "lo");
        return g;
    }

    @Override
    public void close() {
        requesterGateway.close();
        siteGateway.close();
        site.close();
    }

    /** A client of the broker deployed at {@code base} (the web application's root URL). */
    static BrokerServicePort broker(URL base) {
        BrokerServicePort port = new BrokerService().getBrokerServicePort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, base.toString() + "BrokerService");
        return port;
    }

    static IsthmusHeader header() {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(UUID.randomUUID().toString());
        h.setRequesterId("admin@it");
        return h;
    }

    static VirtualInfrastructure vi(String tenant, int memoryMib) throws Exception {
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
        n.setImage(IMAGE);
        Nic nic = new Nic();
        nic.setSegment("mgmt");
        n.getNic().add(nic);
        vi.getNode().add(n);
        GatewayRef gw = new GatewayRef();
        gw.setId("gw-req");
        vi.setRequesterGateway(gw);
        return vi;
    }

    static XMLGregorianCalendar xml(Instant t) throws Exception {
        return DatatypeFactory.newInstance()
                .newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.ofInstant(t, ZoneOffset.UTC)));
    }
}
