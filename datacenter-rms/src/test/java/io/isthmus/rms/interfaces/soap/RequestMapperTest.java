package io.isthmus.rms.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteNic;
import io.isthmus.schema.site.v1.SiteNode;
import io.isthmus.schema.v1.TimeWindow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.junit.jupiter.api.Test;

/** The NIC's prefix length and bandwidth contract from the site contract into the domain. */
class RequestMapperTest {

    private static XMLGregorianCalendar xml(Instant instant) throws Exception {
        return DatatypeFactory.newInstance().newXMLGregorianCalendar(
                GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    private static Prepare prepareWith(SiteNic nic) throws Exception {
        Prepare prepare = new Prepare();
        prepare.setReservationId(UUID.randomUUID().toString());
        prepare.setTransactionId(UUID.randomUUID().toString());
        prepare.setTenant("acme");
        TimeWindow window = new TimeWindow();
        Instant now = Instant.now();
        window.setStart(xml(now));
        window.setEnd(xml(now.plusSeconds(3600)));
        prepare.setWindow(window);
        prepare.setHoldExpires(xml(now.plusSeconds(60)));
        SiteNode node = new SiteNode();
        node.setName("vm-1");
        node.setVcpus(1);
        node.setMemoryMib(1024);
        node.setDiskGib(10);
        node.setImage("debian-12");
        node.getNic().add(nic);
        prepare.getNode().add(node);
        return prepare;
    }

    private static SiteNic nic() {
        SiteNic nic = new SiteNic();
        nic.setSegment("lan");
        nic.setVni(4242);
        nic.setMac("52:54:00:12:34:56");
        nic.setIpv4("10.20.30.40");
        return nic;
    }

    private static io.isthmus.schema.site.v1.NicQos qos(int priority, int min, Integer max, Integer pps) {
        io.isthmus.schema.site.v1.NicQos qos = new io.isthmus.schema.site.v1.NicQos();
        qos.setPriority(priority);
        qos.setMinMbps(min);
        qos.setMaxMbps(max);
        qos.setMaxPacketsPerSecond(pps);
        return qos;
    }

    private static NicSpec mapped(SiteNic nic) throws Exception {
        return RequestMapper.prepare(prepareWith(nic)).nodes().get(0).nics().get(0);
    }

    @Test
    void prefixAndContractAreCarriedIntoTheNic() throws Exception {
        SiteNic nic = nic();
        nic.setPrefixLength(16);
        nic.setQos(qos(1, 10, 50, 20_000));

        NicSpec spec = mapped(nic);

        assertEquals(16, spec.prefixLength());
        assertEquals("10.20.30.40/16", spec.ipv4Interface().orElseThrow().toString());
        assertEquals(Optional.of(new NicQos(1, 10, OptionalInt.of(50), OptionalInt.of(20_000))), spec.qos());
    }

    @Test
    void withoutThemTheNicIsASlashTwentyFourAndUnshaped() throws Exception {
        NicSpec spec = mapped(nic());

        assertEquals(24, spec.prefixLength());
        assertEquals(Optional.empty(), spec.qos());
    }

    @Test
    void anOptionalMaximumOrPacketCapLeftOutStaysAbsent() throws Exception {
        SiteNic nic = nic();
        nic.setQos(qos(7, 5, null, null));

        NicQos qos = mapped(nic).qos().orElseThrow();

        assertEquals(OptionalInt.empty(), qos.maxMbps());
        assertEquals(OptionalInt.empty(), qos.maxPacketsPerSecond());
    }

    @Test
    void anInvalidContractIsRefusedNamingTheNicTheFieldAndTheFix() throws Exception {
        SiteNic nic = nic();
        nic.setQos(qos(0, 100, 40, null));

        Prepare prepare = prepareWith(nic);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestMapper.prepare(prepare));

        assertEquals("nic.qos.maxMbps", e.field());
        assertTrue(e.getMessage().startsWith("NIC 52:54:00:12:34:56: qos maxMbps 40 is below minMbps 100"),
                e.getMessage());
        assertTrue(e.getMessage().contains("give maxMbps at least 100"), e.getMessage());
    }
}
