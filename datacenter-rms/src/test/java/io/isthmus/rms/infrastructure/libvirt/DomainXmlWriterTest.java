package io.isthmus.rms.infrastructure.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.NicAttachment;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.infrastructure.libvirt.DomainXmlWriter.DomainType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DomainXmlWriterTest {

    private static final ReservationId RESERVATION = new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");

    private static DomainSpec spec(boolean nested) {
        return new DomainSpec(DomainName.of(RESERVATION, new NodeName("web-1")), 4, 8192, nested,
                Path.of("/var/lib/isthmus/images/debian-12.qcow2"),
                List.of(new NicAttachment(new MacAddress("52:54:00:00:00:01"), BridgeName.forSegment(new Vni(100))),
                        new NicAttachment(new MacAddress("52:54:00:00:00:02"), BridgeName.forSegment(new Vni(16777215)))));
    }

    private static Document write(DomainSpec spec, DomainType type) {
        return XmlDocuments.parse(new DomainXmlWriter().write(spec, type));
    }

    private static Element only(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "exactly one <" + tag + ">");
        return (Element) nodes.item(0);
    }

    @Test
    void nameSizeAndTypeFollowTheSpec() {
        Document xml = write(spec(true), DomainType.KVM);
        assertEquals("kvm", xml.getDocumentElement().getAttribute("type"));
        assertEquals("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1", only(xml, "name").getTextContent());
        assertEquals("8192", only(xml, "memory").getTextContent());
        assertEquals("MiB", only(xml, "memory").getAttribute("unit"));
        assertEquals("4", only(xml, "vcpu").getTextContent());
        assertEquals("test", write(spec(true), DomainType.TEST).getDocumentElement().getAttribute("type"));
    }

    @Test
    void nestedVirtualisationIsHostPassthroughRequiringVmx() {
        Document xml = write(spec(true), DomainType.KVM);
        assertEquals("host-passthrough", only(xml, "cpu").getAttribute("mode"));
        Element feature = only(xml, "feature");
        assertEquals("vmx", feature.getAttribute("name"));
        assertEquals("require", feature.getAttribute("policy"));
        assertEquals(0, write(spec(false), DomainType.KVM).getElementsByTagName("cpu").getLength());
    }

    @Test
    void oneVirtioBridgeNicPerSegmentWithTheBrokersMac() {
        Document xml = write(spec(true), DomainType.KVM);
        NodeList nics = xml.getElementsByTagName("interface");
        assertEquals(2, nics.getLength());
        Element first = (Element) nics.item(0);
        assertEquals("bridge", first.getAttribute("type"));
        assertEquals("52:54:00:00:00:01", ((Element) first.getElementsByTagName("mac").item(0)).getAttribute("address"));
        assertEquals("isbr100", ((Element) first.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals("virtio", ((Element) first.getElementsByTagName("model").item(0)).getAttribute("type"));
        Element second = (Element) nics.item(1);
        assertEquals("isbr16777215", ((Element) second.getElementsByTagName("source").item(0)).getAttribute("bridge"));
    }

    @Test
    void theDiskIsTheImageAsVirtioVda() {
        Document xml = write(spec(true), DomainType.KVM);
        Element disk = only(xml, "disk");
        assertEquals("file", disk.getAttribute("type"));
        assertEquals("/var/lib/isthmus/images/debian-12.qcow2",
                ((Element) disk.getElementsByTagName("source").item(0)).getAttribute("file"));
        Element target = (Element) disk.getElementsByTagName("target").item(0);
        assertEquals("vda", target.getAttribute("dev"));
        assertEquals("virtio", target.getAttribute("bus"));
    }

    @Test
    void theReaderFindsWhatTheWriterWrote() {
        DomainXmlReader reader = DomainXmlReader.of(new DomainXmlWriter().write(spec(true), DomainType.TEST));
        assertEquals(List.of(new MacAddress("52:54:00:00:00:01"), new MacAddress("52:54:00:00:00:02")), reader.macs());
        assertEquals("host-passthrough", reader.cpuMode().orElseThrow());
        assertTrue(reader.exposesNestedVirtualization());
        assertFalse(DomainXmlReader.of(new DomainXmlWriter().write(spec(false), DomainType.TEST))
                .exposesNestedVirtualization());
    }

    @Test
    void namesThatCouldInjectIntoXmlOrCommandsAreRejected() {
        assertThrows(InvalidRequestException.class, () -> new DomainName("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web'/><x"));
        assertThrows(InvalidRequestException.class, () -> new DomainName("other-3f2c1a9e-web"));
        assertThrows(InvalidRequestException.class, () -> new NodeName("Web 1"));
        assertThrows(InvalidRequestException.class, () -> new BridgeName("isbr100;reboot"));
        assertThrows(InvalidRequestException.class, () -> new BridgeName("isbr123456789012"));
        assertThrows(InvalidRequestException.class, () -> new MacAddress("52:54:00:00:00:0G"));
        assertThrows(InvalidRequestException.class, () -> new MacAddress("01:00:5e:00:00:01"),
                "a multicast MAC cannot be a NIC address");
        assertThrows(InvalidRequestException.class, () -> new Vni(0));
        assertThrows(InvalidRequestException.class, () -> new ReservationId("3F2C1A9E-0B7D-4C61-9F1E-2A6D8C4B5E70"));
    }
}
