package io.isthmus.wsdl.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What every Isthmus HTTP edge (broker, site RMS, gateway) checks before a request body reaches a parser: the
 * body is no larger than a limit (refused from its declared length before a byte is read, or as soon as a chunked
 * body passes the limit), and an XML body carries no document type declaration and no entity reference and is
 * well-formed. A SOAP message must not contain a DTD (SOAP 1.1 section 3, SOAP 1.2 part 1 section 5); refusing it
 * outright shuts out external entities (files, loopback ports) and entity expansion bombs, whatever parser sits
 * behind.
 */
public final class RequestGuard {

    /** The default limit on a request body: 1 MiB, far above any valid request (a 1,024-node reserve is ~400 KiB). */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    /** The smallest limit a configuration may set: below it a valid reserve of a few nodes would not fit. */
    public static final long MIN_MAX_BYTES = 16 * 1024;

    /** How deep elements may nest: Isthmus messages nest fewer than 15 levels, SOAP envelope included. */
    public static final int MAX_DEPTH = 64;
    private static final XMLInputFactory XML = hardenedFactory();

    private final long maxBytes;

    public RequestGuard(long maxBytes) {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("a request size limit of " + maxBytes + " bytes is below the minimum of "
                    + MIN_MAX_BYTES);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads a whole request body, or refuses it as too large.
     *
     * @param declaredLength the Content-Length header's value, or a negative number when there is none (chunked)
     * @throws RequestRefusedException with status 413 when the body is larger than the limit
     */
    public byte[] read(InputStream body, long declaredLength) throws IOException, RequestRefusedException {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Checks an XML body without expanding anything in it.
     *
     * @throws RequestRefusedException with status 400 naming what is wrong and where
     */
    public static void checkXml(byte[] body) throws RequestRefusedException {
        Optional<String> problem = xmlProblem(body);
        if (problem.isPresent()) {
            throw new RequestRefusedException(400, problem.get());
        }
    }

    /** Why an XML body is refused, if it is. */
    public static Optional<String> xmlProblem(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                    return Optional.of("the request nests elements more than " + MAX_DEPTH + " deep at "
                            + where(reader.getLocation()) + "; no Isthmus message nests that deep");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
                if (event == XMLStreamConstants.DTD) {
                    return Optional.of("the request carries a document type declaration (<!DOCTYPE ...>) at "
                            + where(reader.getLocation()) + ": Isthmus accepts no DTD, entity declaration or entity "
                            + "reference in a request; remove it");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    return Optional.of("the request refers to the entity '" + reader.getLocalName() + "' at "
                            + where(reader.getLocation()) + ": Isthmus accepts no entity reference other than XML's "
                            + "predefined ones (&lt; &gt; &amp; &quot; &apos;) and character "
                            + "references");
                }
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            int detail = message.indexOf("Message: ");     // the JDK parser prefixes "ParseError at [row,col]:"
            String reason = detail >= 0 ? message.substring(detail + "Message: ".length()) : message;
            return Optional.of("the request is not well-formed XML" + (e.getLocation() == null ? ""
                    : " at " + where(e.getLocation())) + ": " + firstLine(reason));
        } finally {
            close(reader);
        }
    }

    /** Whether a Content-Type names XML (or is missing, in which case the body is treated as XML). */
    public static boolean isXml(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.equals("text/xml") || type.equals("application/xml") || type.endsWith("+xml");
    }

    /** A Content-Length header's value, or -1 when there is none or it is not a number. */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private RequestRefusedException tooLarge(String size) {
        return new RequestRefusedException(413, "the request body (" + size + ") is larger than this service's limit"
                + " of " + maxBytes + " bytes; a valid request is far smaller (split it, or ask the operator to raise"
                + " the limit)");
    }

    private static String where(Location location) {
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was held open beyond the byte array
            }
        }
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own parser, whatever else is on the class path, so that the same bytes get the same answer on
        // every edge; it only scans here: no DTD processing, no external entity, no replacement.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
