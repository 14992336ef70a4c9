package io.isthmus.rms.interfaces.soap;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;

/** Converts between xs:dateTime values and instants; a time without a zone offset is refused. */
final class XmlTimes {

    private static final DatatypeFactory FACTORY = factory();

    private XmlTimes() {
    }

    static Instant instant(XMLGregorianCalendar value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (value.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            throw new InvalidRequestException(field, field + " " + value
                    + " has no time zone; give it as UTC (…Z) or with an offset (+02:00)");
        }
        return value.toGregorianCalendar().toInstant();
    }

    static XMLGregorianCalendar xml(Instant instant) {
        return FACTORY.newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    private static DatatypeFactory factory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML datatype factory: " + e.getMessage(), e);
        }
    }
}
