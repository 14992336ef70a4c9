package io.isthmus.broker.infrastructure.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.ImageCatalog;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.site.SiteCapacityView;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.schema.site.v1.Capacity;
import io.isthmus.schema.site.v1.CapacityResponse;
import io.isthmus.schema.site.v1.ConsoleLog;
import io.isthmus.schema.site.v1.ConsoleLogResponse;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteCapacity;
import io.isthmus.schema.site.v1.SiteGateway;
import io.isthmus.schema.site.v1.SiteImageCatalog;
import io.isthmus.schema.site.v1.SiteResult;
import io.isthmus.schema.site.v1.Status;
import io.isthmus.schema.site.v1.StatusResponse;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's SOAP client reads a site's image catalog off the wire: as reported by a current RMS, and as
 * "unknown, any image" from an RMS that predates the catalog (emulated here by an endpoint that answers the
 * capacity without the element, as such an RMS does), which is logged once per site.
 */
class SoapSiteRmsClientReadsTheImageCatalogTest {
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T02:00:00Z"));

    private final AnsweringSite site = new AnsweringSite();
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger log = Logger.getLogger(SoapSiteRmsClient.class.getName());
    private Endpoint endpoint;
    private URI address;
    private SoapSiteRmsClient client;

    @BeforeEach
    void publish() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            address = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/rms/SiteRmsService");
        }
        endpoint = Endpoint.publish(address.toString(), site);
        client = new SoapSiteRmsClient();
        client.settings = new BrokerSettings("", 120, 5, 10, Optional.empty(), Optional.empty(), Optional.empty());
        client.init();
        log.addHandler(capture);
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        endpoint.stop();
    }

    @Test
    void aReportedCatalogLimitsTheImagesTheSiteOffers() {
        SiteImageCatalog catalog = new SiteImageCatalog();
        catalog.getImage().addAll(List.of("debian-12", "ubuntu-24.04"));
        site.catalog = catalog;

        SiteCapacityView view = client.capacity("site-a", address, WINDOW);

        assertEquals(ImageCatalog.of(List.of("debian-12", "ubuntu-24.04")), view.offer().images());
        assertTrue(view.offer().images().offers("ubuntu-24.04.qcow2"));
        assertFalse(view.offer().images().offers("alpine-3.20"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aReportedEmptyCatalogOffersNothing() {
        site.catalog = new SiteImageCatalog();

        assertFalse(client.capacity("site-a", address, WINDOW).offer().images().offers("debian-12"));
    }

    @Test
    void anAnswerWithoutACatalogOffersEveryImageAndIsLoggedOncePerSite() {
        site.catalog = null;

        SiteCapacityView first = client.capacity("site-old", address, WINDOW);
        client.capacity("site-old", address, WINDOW);

        assertEquals(ImageCatalog.UNKNOWN, first.offer().images());
        assertTrue(first.offer().images().offers("anything"));
        assertEquals(1, warnings.size(), "logged once");
        assertTrue(warnings.get(0).getMessage().startsWith("site site-old reports no image catalog"),
                warnings.get(0).getMessage());
        assertEquals(8, first.offer().hosts().get(0).freeCores(), "the rest of the answer is read as before");
    }

    /** A site endpoint that answers capacity with one host and {@link #catalog} (absent when null). */
    @WebService(endpointInterface = "io.isthmus.wsdl.site.SiteRmsServicePort", serviceName = "SiteRmsService",
            portName = "SiteRmsServicePort", targetNamespace = "urn:isthmus:site:v1:wsdl",
            wsdlLocation = "wsdl/SiteRmsService.wsdl")
    public static class AnsweringSite implements SiteRmsServicePort {
        volatile SiteImageCatalog catalog;

        @Override
        public CapacityResponse capacity(Capacity parameters, IsthmusHeader header) {
            HostCapacity host = new HostCapacity();
            host.setHost("h1");
            host.setCores(8);
            host.setMemoryMib(16_384);
            host.setDiskGib(100);
            host.setFreeCores(8);
            host.setFreeMemoryMib(16_384);
            host.setFreeDiskGib(100);
            SiteGateway gateway = new SiteGateway();
            gateway.setId("gw-a");
            gateway.setEndpoint("http://127.0.0.1:8202/gateway/GatewayService");
            SiteCapacity capacity = new SiteCapacity();
            capacity.setSite("site-a");
            capacity.setGateway(gateway);
            capacity.getHost().add(host);
            capacity.setImageCatalog(catalog);
            CapacityResponse response = new CapacityResponse();
            response.setSiteCapacity(capacity);
            return response;
        }

        @Override
        public SiteResult prepare(Prepare parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public SiteResult commit(ReservationTx parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public SiteResult abort(ReservationTx parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public SiteResult provision(ReservationTx parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public SiteResult release(ReservationTx parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public SiteResult terminate(ReservationTx parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public StatusResponse status(Status parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }

        @Override
        public ConsoleLogResponse consoleLog(ConsoleLog parameters, IsthmusHeader header) {
            throw new UnsupportedOperationException("capacity only");
        }
    }
}
