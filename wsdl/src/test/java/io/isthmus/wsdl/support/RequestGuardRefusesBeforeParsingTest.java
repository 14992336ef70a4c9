package io.isthmus.wsdl.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestGuardRefusesBeforeParsingTest {

    private static final String ENVELOPE = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<S:Body><q xmlns=\"urn:x\">%s</q></S:Body></S:Envelope>";

    private final RequestGuard guard = new RequestGuard(RequestGuard.MIN_MAX_BYTES);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        AtomicLong read = new AtomicLong();
        InputStream body = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'a';
            }
        };
        RequestRefusedException refused = assertThrows(RequestRefusedException.class,
                () -> guard.read(body, 50L * 1024 * 1024));
        assertEquals(413, refused.status());
        assertTrue(refused.getMessage().contains("52428800 bytes"), refused.getMessage());
        assertEquals(0, read.get());
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimitNotAfterReadingItAll() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.addAndGet(len);
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                return len;
            }
        };
        RequestRefusedException refused = assertThrows(RequestRefusedException.class, () -> guard.read(endless, -1));
        assertEquals(413, refused.status());
        assertTrue(read.get() <= RequestGuard.MIN_MAX_BYTES + 8192, "read " + read.get() + " bytes");
    }

    @Test
    void aBodyAtTheLimitIsReadWhole() throws Exception {
        byte[] exact = new byte[(int) RequestGuard.MIN_MAX_BYTES];
        java.util.Arrays.fill(exact, (byte) 'x');
        assertArrayEquals(exact, guard.read(new ByteArrayInputStream(exact), -1));
        assertArrayEquals(exact, guard.read(new ByteArrayInputStream(exact), exact.length));
    }

    @Test
    void anExternalFileEntityIsRefusedAndNeverRead() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + ENVELOPE.formatted("&x;");
        Optional<String> problem = RequestGuard.xmlProblem(bytes(xml));
        assertTrue(problem.orElseThrow().contains("document type declaration"), problem.get());
        assertTrue(!problem.get().contains("root:"), "the file's content must never show: " + problem.get());
    }

    @Test
    void anEntityExpansionBombIsRefusedAtItsDeclaration() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE q [<!ENTITY a0 \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Optional<String> problem = RequestGuard.xmlProblem(bytes(dtd + ENVELOPE.formatted("&a9;")));
        assertTrue(problem.orElseThrow().contains("document type declaration"), problem.get());
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() {
        Optional<String> problem = RequestGuard.xmlProblem(bytes(ENVELOPE.formatted("&x;")));
        assertTrue(problem.isPresent());
    }

    @Test
    void xmlThatIsNotWellFormedIsRefusedWithWhere() {
        Optional<String> problem = RequestGuard.xmlProblem(bytes("<S:Envelope xmlns:S=\"urn:s\"><a></b></S:Envelope>"));
        assertTrue(problem.orElseThrow().startsWith("the request is not well-formed XML at line 1"), problem.get());
    }

    @Test
    void predefinedAndCharacterReferencesAreFine() {
        assertEquals(Optional.empty(), RequestGuard.xmlProblem(bytes(ENVELOPE.formatted("a &lt; b &amp; c &#233;"))));
    }

    @Test
    void aLimitBelowTheMinimumIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new RequestGuard(1000));
    }

    @Test
    void soapAndPlainXmlContentTypesAreXmlJsonIsNot() {
        assertTrue(RequestGuard.isXml("text/xml; charset=utf-8"));
        assertTrue(RequestGuard.isXml("application/soap+xml"));
        assertTrue(RequestGuard.isXml(null));
        assertTrue(!RequestGuard.isXml("application/json"));
    }

    @Test
    void aRefusalIsATypedSoapFaultEnvelope() throws IOException {
        String envelope = new String(SoapFaultMessages.clientFaultEnvelope(io.isthmus.schema.v1.FaultCode.VALIDATION,
                "too large"), StandardCharsets.UTF_8);
        assertTrue(envelope.contains("faultcode") && envelope.contains("Client"), envelope);
        assertTrue(envelope.contains("serviceFault") && envelope.contains("VALIDATION"), envelope);
        assertEquals(Optional.empty(), RequestGuard.xmlProblem(bytes(envelope)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
