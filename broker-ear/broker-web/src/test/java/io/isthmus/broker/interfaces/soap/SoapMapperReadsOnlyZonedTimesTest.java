package io.isthmus.broker.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.FaultDetail;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.time.Instant;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** The SOAP edge reads a window's xs:dateTime values as instants only when they say which instant they mean. */
class SoapMapperReadsOnlyZonedTimesTest {
    private static VirtualInfrastructure window(String start, String end) throws Exception {
        VirtualInfrastructure vi = SiteAndGateways.vi("t1", 1024);
        DatatypeFactory xml = DatatypeFactory.newInstance();
        vi.getWindow().setStart(xml.newXMLGregorianCalendar(start));
        vi.getWindow().setEnd(xml.newXMLGregorianCalendar(end));
        return vi;
    }

    @Test
    void timesWithoutAZoneAreRefusedNamingEachFieldAndAskingForAnOffset() throws Exception {
        VirtualInfrastructure vi = window("2027-01-01T10:00:00", "2027-01-01T12:00:00");

        var e = assertThrows(ValidationException.class, () -> SoapMapper.toSpec(vi));
        assertEquals(FaultKind.VALIDATION, e.kind());
        assertEquals(List.of(
                "window.start: 2027-01-01T10:00:00 has no time zone; give an explicit offset, such as"
                        + " 2027-01-01T10:00:00Z for UTC or 2027-01-01T10:00:00+01:00",
                "window.end: 2027-01-01T12:00:00 has no time zone; give an explicit offset, such as"
                        + " 2027-01-01T12:00:00Z for UTC or 2027-01-01T12:00:00+01:00"), e.details());

        var fault = Faults.from(e).getFaultInfo();
        assertEquals(FaultCode.VALIDATION, fault.getCode());
        assertEquals(List.of("window.start", "window.end"), fault.getDetail().stream().map(FaultDetail::getField).toList());
    }

    @Test
    void oneZonelessTimeIsReportedAlone() throws Exception {
        var e = assertThrows(ValidationException.class,
                () -> SoapMapper.toSpec(window("2027-01-01T10:00:00Z", "2027-01-01T12:00:00.5")));
        assertEquals(1, e.details().size(), () -> e.details().toString());
        assertEquals("window.end: 2027-01-01T12:00:00.5 has no time zone; give an explicit offset, such as"
                + " 2027-01-01T12:00:00.5Z for UTC or 2027-01-01T12:00:00.5+01:00", e.details().get(0));
    }

    @Test
    void anExplicitOffsetIsHonoured() throws Exception {
        TimeWindow w = SoapMapper.toSpec(window("2027-01-01T10:00:00+02:00", "2027-01-01T12:00:00Z")).window();
        assertEquals(new TimeWindow(Instant.parse("2027-01-01T08:00:00Z"), Instant.parse("2027-01-01T12:00:00Z")), w);
    }

    @Test
    void aYearBeyond9999IsRefusedRatherThanWrappedAround() throws Exception {
        // GregorianCalendar turns year 2000000000 into year 246337852 (and larger years into arbitrary instants).
        var e = assertThrows(ValidationException.class,
                () -> SoapMapper.toSpec(window("2027-01-01T10:00:00Z", "2000000000-01-01T00:00:00Z")));
        assertEquals(List.of("window.end: 2000000000-01-01T00:00:00Z lies after year 9999; no window reaches that far"),
                e.details());
    }
}
