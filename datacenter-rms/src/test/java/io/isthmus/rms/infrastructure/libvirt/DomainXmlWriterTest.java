package io.isthmus.rms.infrastructure.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.compute.InstanceDisks.DirectKernel;
import io.isthmus.rms.domain.compute.NicAttachment;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.infrastructure.libvirt.DomainXmlWriter.DomainType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DomainXmlWriterTest {

    private static final ReservationId RESERVATION = new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");
    private static final Path POOL = Path.of("/var/lib/isthmus/instances");
    private static final DirectKernel KERNEL = new DirectKernel(Path.of("/var/lib/isthmus/images/tiny.vmlinuz"),
            Path.of("/var/lib/isthmus/images/tiny.initrd"), "console=ttyS0 quiet");

    private static DomainSpec spec(boolean nested, Optional<DirectKernel> kernel) {
        DomainName name = DomainName.of(RESERVATION, new NodeName("web-1"));
        return new DomainSpec(name, 4, 8192, nested,
                new InstanceDisks(POOL.resolve(name + ".qcow2"), POOL.resolve(name + ".seed.iso"),
                        POOL.resolve(name + ".console.log"), kernel),
                List.of(new NicAttachment(new MacAddress("52:54:00:00:00:01"), BridgeName.forSegment(new Vni(100)),
                                Optional.of(new VifId("isvp0a1b2c3d0"))),
                        new NicAttachment(new MacAddress("52:54:00:00:00:02"),
                                BridgeName.forSegment(new Vni(16777215)), Optional.of(new VifId("isvp0a1b2c3d1")))));
    }

    private static DomainSpec spec(boolean nested) {
        return spec(nested, Optional.of(KERNEL));
    }

    private static Document write(DomainSpec spec, DomainType type) {
        return XmlDocuments.parse(new DomainXmlWriter().write(spec, type, CpuVendor.INTEL));
    }

    private static Element only(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "exactly one <" + tag + ">");
        return (Element) nodes.item(0);
    }

    private static Element first(Element parent, String tag) {
        return (Element) parent.getElementsByTagName(tag).item(0);
    }

    @Test
    void nameSizeAndTypeFollowTheSpec() {
        Document xml = write(spec(true), DomainType.QEMU);
        assertEquals("qemu", xml.getDocumentElement().getAttribute("type"));
        assertEquals("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1", only(xml, "name").getTextContent());
        assertEquals("8192", only(xml, "memory").getTextContent());
        assertEquals("MiB", only(xml, "memory").getAttribute("unit"));
        assertEquals("4", only(xml, "vcpu").getTextContent());
        assertEquals("kvm", write(spec(true), DomainType.KVM).getDocumentElement().getAttribute("type"));
        assertEquals("test", write(spec(true), DomainType.TEST).getDocumentElement().getAttribute("type"));
        Element osType = first(only(xml, "os"), "type");
        assertEquals("x86_64", osType.getAttribute("arch"));
        assertEquals("pc", osType.getAttribute("machine"));
        assertEquals("destroy", only(xml, "on_crash").getTextContent());
        assertEquals(0, xml.getElementsByTagName("graphics").getLength(), "no graphics");
    }

    @Test
    void underTcgTheCpuIsQemu64RequiringSvmTheFeatureTcgEmulates() {
        Document xml = write(spec(true), DomainType.QEMU);
        Element cpu = only(xml, "cpu");
        assertEquals("custom", cpu.getAttribute("mode"));
        assertEquals("exact", cpu.getAttribute("match"));
        assertEquals("qemu64", first(cpu, "model").getTextContent());
        Element feature = only(xml, "feature");
        assertEquals("svm", feature.getAttribute("name"));
        assertEquals("require", feature.getAttribute("policy"));
        assertEquals(0, write(spec(false), DomainType.QEMU).getElementsByTagName("feature").getLength(),
                "no nested virtualisation asked for, none required");
    }

    @Test
    void qemuGuestsGiveFreedPagesBackAndTcgGuestsHaveABoundedTranslationCache() {
        Document tcg = XmlDocuments.parse(new DomainXmlWriter(32).write(spec(true), DomainType.QEMU));
        Element balloon = only(tcg, "memballoon");
        assertEquals("virtio", balloon.getAttribute("model"));
        assertEquals("on", balloon.getAttribute("freePageReporting"));
        Element cache = only(tcg, "tb-cache");
        assertEquals("32", cache.getTextContent());
        assertEquals("MiB", cache.getAttribute("unit"));
        assertEquals("tcg", cache.getParentNode().getNodeName());
        assertEquals("features", cache.getParentNode().getParentNode().getNodeName());

        Document kvm = XmlDocuments.parse(new DomainXmlWriter(32).write(spec(true), DomainType.KVM, CpuVendor.AMD));
        assertEquals("on", only(kvm, "memballoon").getAttribute("freePageReporting"));
        assertEquals(0, kvm.getElementsByTagName("tcg").getLength(), "a KVM guest has no translation cache");
        assertEquals(0, write(spec(true), DomainType.QEMU).getElementsByTagName("tcg").getLength(),
                "0 MiB leaves QEMU's default");
        assertEquals(0, write(spec(true), DomainType.TEST).getElementsByTagName("memballoon").getLength());
        assertThrows(IllegalArgumentException.class, () -> new DomainXmlWriter(-1));
    }

    @Test
    void underKvmTheCpuIsTheHostsRequiringTheHostVendorsFeature() {
        Document intel = write(spec(true), DomainType.KVM);
        assertEquals("host-passthrough", only(intel, "cpu").getAttribute("mode"));
        assertEquals("vmx", only(intel, "feature").getAttribute("name"));
        Document amd = XmlDocuments.parse(new DomainXmlWriter().write(spec(true), DomainType.KVM, CpuVendor.AMD));
        assertEquals("svm", only(amd, "feature").getAttribute("name"));
        assertThrows(IllegalArgumentException.class, () -> new DomainXmlWriter().write(spec(true), DomainType.KVM),
                "kvm without the host vendor cannot choose vmx or svm");
    }

    @Test
    void theHostVendorComesFromTheCapabilities() {
        assertEquals(Optional.of(CpuVendor.INTEL), CpuVendor.fromCapabilities(XmlDocuments.parse(
                "<capabilities><host><cpu><arch>x86_64</arch><vendor>Intel</vendor></cpu></host></capabilities>")));
        assertEquals(Optional.of(CpuVendor.AMD), CpuVendor.fromCapabilities(XmlDocuments.parse(
                "<capabilities><host><cpu><vendor>AMD</vendor></cpu></host></capabilities>")));
        assertEquals(Optional.empty(), CpuVendor.fromCapabilities(XmlDocuments.parse(
                "<capabilities><host><cpu><arch>x86_64</arch></cpu></host></capabilities>")));
    }

    @Test
    void anImageWithAKernelBootsItDirectlyElseFromDisk() {
        Element os = only(write(spec(true), DomainType.QEMU), "os");
        assertEquals("/var/lib/isthmus/images/tiny.vmlinuz", first(os, "kernel").getTextContent());
        assertEquals("/var/lib/isthmus/images/tiny.initrd", first(os, "initrd").getTextContent());
        assertEquals("console=ttyS0 quiet", first(os, "cmdline").getTextContent());
        assertEquals(0, os.getElementsByTagName("boot").getLength());
        Element fromDisk = only(write(spec(true, Optional.empty()), DomainType.QEMU), "os");
        assertEquals(0, fromDisk.getElementsByTagName("kernel").getLength());
        assertEquals("hd", first(fromDisk, "boot").getAttribute("dev"));
    }

    @Test
    void theOverlayIsVdaAndTheSeedAReadOnlyVdb() {
        NodeList disks = write(spec(true), DomainType.QEMU).getElementsByTagName("disk");
        assertEquals(2, disks.getLength());
        Element vda = (Element) disks.item(0);
        assertEquals(POOL + "/isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1.qcow2",
                first(vda, "source").getAttribute("file"));
        assertEquals("qcow2", first(vda, "driver").getAttribute("type"));
        assertEquals("vda", first(vda, "target").getAttribute("dev"));
        assertEquals("virtio", first(vda, "target").getAttribute("bus"));
        assertEquals(0, vda.getElementsByTagName("readonly").getLength());
        Element vdb = (Element) disks.item(1);
        assertTrue(first(vdb, "source").getAttribute("file").endsWith(".seed.iso"));
        assertEquals("raw", first(vdb, "driver").getAttribute("type"));
        assertEquals("vdb", first(vdb, "target").getAttribute("dev"));
        assertEquals(1, vdb.getElementsByTagName("readonly").getLength());
    }

    @Test
    void theSerialConsoleIsLoggedAndTheAgentChannelIsThere() {
        Document xml = write(spec(true), DomainType.QEMU);
        Element serial = only(xml, "serial");
        assertEquals("pty", serial.getAttribute("type"));
        assertEquals(POOL + "/isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1.console.log",
                first(serial, "log").getAttribute("file"));
        assertEquals("on", first(serial, "log").getAttribute("append"));
        assertEquals("pty", only(xml, "console").getAttribute("type"));
        Element channel = only(xml, "channel");
        assertEquals("unix", channel.getAttribute("type"));
        assertEquals("bind", first(channel, "source").getAttribute("mode"));
        assertEquals("virtio", first(channel, "target").getAttribute("type"));
        assertEquals("org.qemu.guest_agent.0", first(channel, "target").getAttribute("name"));
    }

    @Test
    void oneVirtioBridgeNicPerSegmentWithTheBrokersMacAndTheDataPlanesTapName() {
        NodeList nics = write(spec(true), DomainType.QEMU).getElementsByTagName("interface");
        assertEquals(2, nics.getLength());
        Element firstNic = (Element) nics.item(0);
        assertEquals("bridge", firstNic.getAttribute("type"));
        assertEquals("52:54:00:00:00:01", first(firstNic, "mac").getAttribute("address"));
        assertEquals("isbr100", first(firstNic, "source").getAttribute("bridge"));
        assertEquals("virtio", first(firstNic, "model").getAttribute("type"));
        assertEquals("isvp0a1b2c3d0", first(firstNic, "target").getAttribute("dev"));
        Element second = (Element) nics.item(1);
        assertEquals("isbr16777215", first(second, "source").getAttribute("bridge"));
        assertEquals("isvp0a1b2c3d1", first(second, "target").getAttribute("dev"));
    }

    @Test
    void theTestDriverKeepsItsSmallDomain() {
        Document xml = write(spec(true), DomainType.TEST);
        assertEquals("host-passthrough", only(xml, "cpu").getAttribute("mode"));
        assertEquals("vmx", only(xml, "feature").getAttribute("name"));
        assertEquals(1, xml.getElementsByTagName("disk").getLength());
        assertEquals(0, xml.getElementsByTagName("channel").getLength());
        assertEquals(0, write(spec(false), DomainType.TEST).getElementsByTagName("cpu").getLength());
    }

    @Test
    void theReaderFindsWhatTheWriterWrote() {
        DomainXmlReader reader = DomainXmlReader.of(new DomainXmlWriter().write(spec(true), DomainType.QEMU));
        assertEquals(List.of(new MacAddress("52:54:00:00:00:01"), new MacAddress("52:54:00:00:00:02")), reader.macs());
        assertEquals("custom", reader.cpuMode().orElseThrow());
        assertTrue(reader.exposesNestedVirtualization());
        assertTrue(reader.hasAgentChannel());
        assertFalse(reader.agentConnected(), "a definition has no connection state");
        assertEquals(Optional.of(POOL.resolve("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web-1.console.log")),
                reader.consoleLog());
        assertFalse(DomainXmlReader.of(new DomainXmlWriter().write(spec(false), DomainType.QEMU))
                .exposesNestedVirtualization());
        assertTrue(DomainXmlReader.of("<domain><devices><channel type='unix'><target type='virtio'"
                + " name='org.qemu.guest_agent.0' state='connected'/></channel></devices></domain>").agentConnected());
    }

    @Test
    void namesThatCouldInjectIntoXmlOrCommandsAreRejected() {
        assertThrows(InvalidRequestException.class,
                () -> new DomainName("isthmus-3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70-web'/><x"));
        assertThrows(InvalidRequestException.class, () -> new DomainName("other-3f2c1a9e-web"));
        assertThrows(InvalidRequestException.class, () -> new NodeName("Web 1"));
        assertThrows(InvalidRequestException.class, () -> new BridgeName("isbr100;reboot"));
        assertThrows(InvalidRequestException.class, () -> new BridgeName("isbr123456789012"));
        assertThrows(InvalidRequestException.class, () -> new MacAddress("52:54:00:00:00:0G"));
        assertThrows(InvalidRequestException.class, () -> new MacAddress("01:00:5e:00:00:01"),
                "a multicast MAC cannot be a NIC address");
        assertThrows(InvalidRequestException.class, () -> new Vni(0));
        assertThrows(InvalidRequestException.class, () -> new ReservationId("3F2C1A9E-0B7D-4C61-9F1E-2A6D8C4B5E70"));
        assertThrows(IllegalArgumentException.class, () -> new VifId("isvp0a1b2c3d0x12"), "16 characters");
    }
}
