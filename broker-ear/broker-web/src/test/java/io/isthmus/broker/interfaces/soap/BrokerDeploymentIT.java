package io.isthmus.broker.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.schema.broker.v1.ReservationRef;
import io.isthmus.schema.broker.v1.Reserve;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.FaultDetail;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.ServiceFaultInfo;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.BrokerService;
import io.isthmus.wsdl.broker.BrokerServicePort;
import io.isthmus.wsdl.broker.ServiceFault;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.datatype.DatatypeConstants;
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
 * (libvirt test driver) and gateway and is held, and a schema-invalid request, one whose window has no time zone
 * or lies out of bounds, or one naming an image that is in no site's catalog, gets the typed VALIDATION fault.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerDeploymentIT {
    private static SiteAndGateways federation;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "isthmus.war").importFrom(new File("target/isthmus.war"))
                .as(WebArchive.class);
    }

    @BeforeAll
    static void startSiteAndGateways() throws IOException {
        federation = SiteAndGateways.start();
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
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
        request.setVirtualInfrastructure(SiteAndGateways.vi("t1", 4096));
        ReservationSummary held = broker.reserve(request, SiteAndGateways.header()).getSummary();
        assertEquals(ReservationState.RESERVE_HELD, held.getReservationState());
        assertEquals(1, held.getPlacement().size());
        assertEquals("site-it", held.getPlacement().get(0).getSite());
        assertEquals("h1", held.getPlacement().get(0).getHost());
        assertTrue(held.getPlacement().get(0).getNic().get(0).getMac().startsWith("02:49:53:"));
        assertNotNull(held.getHoldExpires());

        ReservationRef ref = new ReservationRef();
        ref.setReservationId(held.getReservationId());
        ReservationSummary aborted = broker.reserveAbort(ref, SiteAndGateways.header()).getSummary();
        assertEquals(ReservationState.RESERVE_START, aborted.getReservationState());
        assertEquals(io.isthmus.schema.v1.LifecycleState.TERMINATED, aborted.getLifecycleState());
    }

    @Test
    void schemaInvalidRequestGetsTypedValidationFault() throws Exception {
        Reserve request = new Reserve();
        VirtualInfrastructure vi = SiteAndGateways.vi("Not_A_Name", 4096);
        vi.getSegment().get(0).setVlan(5000);
        request.setVirtualInfrastructure(vi);
        ServiceFault fault = assertThrows(ServiceFault.class, () -> broker().reserve(request, SiteAndGateways.header()));
        assertEquals(FaultCode.VALIDATION, fault.getFaultInfo().getCode());
        String message = fault.getFaultInfo().getMessage();
        assertTrue(message.contains("Not_A_Name") && message.contains("5000"), message);
    }

    @Test
    void windowWithoutTimeZoneGetsTypedValidationFaultNamingTheField() throws Exception {
        VirtualInfrastructure vi = SiteAndGateways.vi("t3", 1024); // a window from now for an hour, in UTC
        XMLGregorianCalendar start = vi.getWindow().getStart();
        start.setTimezone(DatatypeConstants.FIELD_UNDEFINED); // the same wall-clock time, without the Z
        ServiceFaultInfo fault = refusal(vi);
        assertEquals(FaultCode.VALIDATION, fault.getCode());
        assertEquals(List.of("window.start"), fault.getDetail().stream().map(FaultDetail::getField).toList());
        assertTrue(fault.getDetail().get(0).getValue().contains("has no time zone; give an explicit offset, such as "
                + start.toXMLFormat() + "Z"), fault.getDetail().get(0).getValue());
    }

    /** Such windows once reached the site and came back UNAVAILABLE; now the broker refuses them itself. */
    @Test
    void windowsBeforeTheEpochOrBeyondTheHorizonGetTypedValidationFault() throws Exception {
        DatatypeFactory xml = DatatypeFactory.newInstance();
        VirtualInfrastructure ancient = SiteAndGateways.vi("t4", 1024);
        ancient.getWindow().setStart(xml.newXMLGregorianCalendar("0001-01-01T00:00:00Z"));
        ServiceFaultInfo fault = refusal(ancient);
        assertEquals(FaultCode.VALIDATION, fault.getCode());
        assertEquals(List.of("window.start"), fault.getDetail().stream().map(FaultDetail::getField).toList());

        VirtualInfrastructure farAway = SiteAndGateways.vi("t5", 1024);
        farAway.getWindow().setEnd(xml.newXMLGregorianCalendar("9999-12-31T00:00:00Z"));
        fault = refusal(farAway);
        assertEquals(FaultCode.VALIDATION, fault.getCode());
        assertEquals(List.of("window.end"), fault.getDetail().stream().map(FaultDetail::getField).toList());
        assertTrue(fault.getMessage().contains("a window must end within 366 days from now"), fault.getMessage());
    }

    /** The site reports its catalog with its capacity; the broker refuses before asking any site to prepare. */
    @Test
    void anImageInNoSitesCatalogGetsTypedValidationFaultSayingWhatTheSitesOffer() throws Exception {
        VirtualInfrastructure vi = SiteAndGateways.vi("t6", 1024);
        vi.getNode().get(0).setImage("windows-11");

        ServiceFaultInfo fault = refusal(vi);

        assertEquals(FaultCode.VALIDATION, fault.getCode());
        assertEquals("node[0].image: 'windows-11' is in no site's catalog; sites offer: site-it ["
                + SiteAndGateways.IMAGE + "]", fault.getMessage());
        assertEquals(List.of("node[0].image"), fault.getDetail().stream().map(FaultDetail::getField).toList());
    }

    private ServiceFaultInfo refusal(VirtualInfrastructure vi) {
        Reserve request = new Reserve();
        request.setVirtualInfrastructure(vi);
        return assertThrows(ServiceFault.class, () -> broker().reserve(request, SiteAndGateways.header()))
                .getFaultInfo();
    }

    @Test
    void requestBeyondCapacityGetsCapacityFault() throws Exception {
        Reserve request = new Reserve();
        request.setVirtualInfrastructure(SiteAndGateways.vi("t2", 200_000));
        ServiceFault fault = assertThrows(ServiceFault.class, () -> broker().reserve(request, SiteAndGateways.header()));
        assertEquals(FaultCode.CAPACITY, fault.getFaultInfo().getCode());
        assertTrue(fault.getFaultInfo().getMessage().contains("200000 MiB"), fault.getFaultInfo().getMessage());
    }

    private BrokerServicePort broker() {
        return SiteAndGateways.broker(base);
    }
}
