package io.isthmus.rms.domain.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** What a guest printed reaches an XML 1.0 document without the characters XML 1.0 forbids, and nothing else lost. */
class XmlTextTest {

    @Test
    void tabLineFeedAndCarriageReturnStayAndEveryOtherC0ControlGoes() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        assertEquals("\t\n\r", XmlText.safe(controls.toString()));
        assertEquals("login: root\r\n", XmlText.safe("login:\u0000 root\u0007\r\n\u0008"));
    }

    @Test
    void theEscOfATerminalEscapeSequenceGoesAndItsPrintableRestStays() {
        assertEquals("[0;32m  OK  [0m Started", XmlText.safe("\u001b[0;32m  OK  \u001b[0m Started"));
    }

    @Test
    void nonCharactersFffeAndFfffGoButReplacementCharacterAndOtherNonAsciiStay() {
        assertEquals("a\uFFFDb", XmlText.safe("a\uFFFE\uFFFD\uFFFFb"));
        assertEquals("größe ✓ \u0085\u007f", XmlText.safe("größe ✓ \u0085\u007f"));
    }

    @Test
    void aSurrogatePairStaysAndAnUnpairedSurrogateGoes() {
        String pair = "\uD83D\uDE80";
        assertEquals("go " + pair + "!", XmlText.safe("go " + pair + "!"));
        assertEquals("ab", XmlText.safe("a\uD83Db"), "a high surrogate without its low half");
        assertEquals("ab", XmlText.safe("a\uDE80b"), "a low surrogate without its high half");
        assertEquals("x", XmlText.safe("x\uD83D"), "a high surrogate at the very end");
    }

    @Test
    void everyResultParsesAsXml10() throws Exception {
        StringBuilder everything = new StringBuilder();
        for (int c = 0; c < 0x10000; c++) {
            everything.append((char) c).append(' '); // the space keeps two surrogates from pairing
        }
        everything.append("\uD83D\uDE80");
        String safe = XmlText.safe(everything.toString());
        String escaped = safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");

        String parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader("<?xml version=\"1.0\"?><log>" + escaped + "</log>")))
                .getDocumentElement().getTextContent();

        assertEquals(safe, parsed);
        assertEquals(2 * 0x10000 - 29 - 2048 - 2 + 2, safe.length(),
                "the spaces and every character but 29 C0 controls, 2048 lone surrogates, U+FFFE and U+FFFF; the"
                        + " pair stays");
    }
}
