package io.isthmus.broker.infrastructure.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Conversions between {@link Instant} and the {@code xs:dateTime} values of the generated types. */
public final class XmlTimes {
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmlTimes() {
    }

    public static XMLGregorianCalendar toXml(Instant instant) {
        return instant == null ? null
                : FACTORY.newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    public static io.isthmus.schema.v1.TimeWindow toXml(io.isthmus.broker.domain.reservation.TimeWindow window) {
        var xml = new io.isthmus.schema.v1.TimeWindow();
        xml.setStart(toXml(window.start()));
        xml.setEnd(toXml(window.end()));
        return xml;
    }
}
