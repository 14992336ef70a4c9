package io.isthmus.examples.client;

import io.isthmus.schema.v1.ObjectFactory;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.VirtualInfrastructure;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import javax.xml.XMLConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Reads a VI document (root {@code virtualInfrastructure}, namespace {@code urn:isthmus:v1}) validated
 * against {@code /wsdl/isthmus-types.xsd}, and can move its window to start now.
 */
public final class ViDocument {

    static final String SCHEMA_RESOURCE = "/wsdl/isthmus-types.xsd";

    private ViDocument() {
    }

    /** Parses and schema-validates the file; throws {@link InvalidViDocumentException} saying where it is wrong. */
    public static VirtualInfrastructure read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidViDocumentException("VI document " + file + " does not exist");
        }
        try {
            Unmarshaller unmarshaller = JAXBContext.newInstance(ObjectFactory.class).createUnmarshaller();
            unmarshaller.setSchema(schema());
            JAXBElement<VirtualInfrastructure> root =
                    unmarshaller.unmarshal(new StreamSource(file.toFile()), VirtualInfrastructure.class);
            if (!"virtualInfrastructure".equals(root.getName().getLocalPart())) {
                throw new InvalidViDocumentException(file + ": the root element must be virtualInfrastructure, not "
                        + root.getName().getLocalPart());
            }
            return root.getValue();
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new InvalidViDocumentException(file + " is not a valid VI document: " + cause.getMessage(), e);
        }
    }

    /** Sets the window to [now, now + length), to whole seconds, so an example file never expires. */
    public static VirtualInfrastructure startingNow(VirtualInfrastructure vi, Instant now, Duration length) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        TimeWindow window = new TimeWindow();
        window.setStart(xml(start));
        window.setEnd(xml(start.plus(length)));
        vi.setWindow(window);
        return vi;
    }

    static XMLGregorianCalendar xml(Instant instant) {
        return DatatypeFactory.newDefaultInstance()
                .newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    private static Schema schema() {
        URL xsd = ViDocument.class.getResource(SCHEMA_RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath; the isthmus-wsdl jar is missing");
        }
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("the contract schema " + xsd + " does not load: " + e.getMessage(), e);
        }
    }
}
