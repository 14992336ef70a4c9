package io.isthmus.rms.infrastructure.libvirt.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.infrastructure.libvirt.XmlDocuments;
import java.nio.file.Path;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class VolumeXmlTest {

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    @Test
    void anOverlayIsQcow2OfTheAskedSizeBackedByTheCatalogImage() throws XPathExpressionException {
        Document xml = XmlDocuments.parse(VolumeXml.overlay("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.qcow2", 20L << 30,
                Path.of("/var/lib/isthmus/images/debian-12.qcow2"), "qcow2"));

        assertEquals("file", XPATH.evaluate("/volume/@type", xml));
        assertEquals("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.qcow2", XPATH.evaluate("/volume/name", xml));
        assertEquals("21474836480", XPATH.evaluate("/volume/capacity", xml));
        assertEquals("bytes", XPATH.evaluate("/volume/capacity/@unit", xml));
        assertEquals("qcow2", XPATH.evaluate("/volume/target/format/@type", xml));
        assertEquals("/var/lib/isthmus/images/debian-12.qcow2", XPATH.evaluate("/volume/backingStore/path", xml));
        assertEquals("qcow2", XPATH.evaluate("/volume/backingStore/format/@type", xml));
    }

    @Test
    void aRawFileIsSparseAndHasNoBackingStore() throws XPathExpressionException {
        Document xml = XmlDocuments.parse(VolumeXml.raw("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.seed.iso", 376832));

        assertEquals("376832", XPATH.evaluate("/volume/capacity", xml));
        assertEquals("0", XPATH.evaluate("/volume/allocation", xml));
        assertEquals("raw", XPATH.evaluate("/volume/target/format/@type", xml));
        assertEquals("0", XPATH.evaluate("count(/volume/backingStore)", xml));
    }

    @Test
    void aPathWithXmlSpecialCharactersIsEscapedNotSpliced() throws XPathExpressionException {
        Document xml = XmlDocuments.parse(VolumeXml.overlay("a.qcow2", 1L << 30, Path.of("/images/a&b<c>.qcow2"),
                "qcow2"));

        assertEquals("/images/a&b<c>.qcow2", XPATH.evaluate("/volume/backingStore/path", xml));
    }
}
