package io.isthmus.rms.infrastructure.libvirt;

import static io.isthmus.rms.infrastructure.libvirt.XmlDocuments.child;

import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.InstanceDisks.DirectKernel;
import io.isthmus.rms.domain.compute.NicAttachment;
import java.nio.file.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Serialises a {@link DomainSpec} to libvirt domain XML with DOM. On QEMU hosts ({@code qemu}: TCG, {@code kvm}): an
 * x86_64 {@code pc} machine booting the image's kernel directly when it has one (else from disk), the overlay as
 * virtio {@code vda} (qcow2) and the NoCloud seed as read-only virtio {@code vdb} (raw), one virtio NIC per segment on
 * its bridge with the broker's MAC and the data plane's tap name, a serial console on a pty logged to the VM's
 * console log (and {@code virsh console}), the guest-agent virtio-serial channel whose connection is the readiness
 * signal, a virtio balloon with free page reporting (QEMU takes back the pages the guest freed, so that a guest's
 * resident memory follows what it uses rather than the most it ever touched), on TCG a bounded translation cache,
 * no graphics, and a crash destroys the domain. The CPU exposes nested virtualisation when asked: on TCG the
 * {@code qemu64} model requiring {@code svm} (what TCG emulates), on KVM the host's own CPU requiring the host
 * vendor's {@code vmx} or {@code svm}. On the test driver: size, a host-passthrough CPU requiring {@code vmx}, the
 * overlay and the NICs.
 */
public final class DomainXmlWriter {

    /** The name of the virtio-serial port the guest agent (or the guest's own ready signal) opens. */
    public static final String AGENT_CHANNEL = "org.qemu.guest_agent.0";

    private final int tcgCacheMib;

    /** The libvirt domain type: {@code test} for the test driver, {@code qemu} (TCG) or {@code kvm} on QEMU hosts. */
    public enum DomainType {
        TEST("test"),
        QEMU("qemu"),
        KVM("kvm");

        private final String xmlValue;

        DomainType(String xmlValue) {
            this.xmlValue = xmlValue;
        }

        public String xmlValue() {
            return xmlValue;
        }
    }

    /** TCG guests get QEMU's default translation cache. */
    public DomainXmlWriter() {
        this(0);
    }

    /** @param tcgCacheMib the translation cache of a TCG guest in MiB; 0 leaves QEMU's default */
    public DomainXmlWriter(int tcgCacheMib) {
        if (tcgCacheMib < 0) {
            throw new IllegalArgumentException("a TCG translation cache of " + tcgCacheMib + " MiB is negative");
        }
        this.tcgCacheMib = tcgCacheMib;
    }

    /** Test driver or TCG: the host CPU's vendor does not matter. */
    public String write(DomainSpec spec, DomainType type) {
        if (type == DomainType.KVM) {
            throw new IllegalArgumentException("a kvm domain needs the host CPU vendor (vmx or svm)");
        }
        return write(spec, type, CpuVendor.AMD);
    }

    String write(DomainSpec spec, DomainType type, CpuVendor kvmHostVendor) {
        Document document = XmlDocuments.newDocument();
        Element domain = document.createElement("domain");
        document.appendChild(domain);
        domain.setAttribute("type", type.xmlValue);
        child(domain, "name", spec.name().value());
        Element memory = child(domain, "memory", Integer.toString(spec.memoryMib()));
        memory.setAttribute("unit", "MiB");
        child(domain, "vcpu", Integer.toString(spec.vcpus()));
        if (type == DomainType.TEST) {
            testDomain(domain, spec);
        } else {
            qemuDomain(domain, spec, type, kvmHostVendor);
        }
        return XmlDocuments.serialize(document);
    }

    private static void testDomain(Element domain, DomainSpec spec) {
        Element os = child(domain, "os");
        child(os, "type", "hvm");
        child(os, "boot").setAttribute("dev", "hd");
        if (spec.nestedVirtualization()) {
            Element cpu = child(domain, "cpu");
            cpu.setAttribute("mode", "host-passthrough");
            require(cpu, "vmx");
        }
        Element devices = child(domain, "devices");
        disk(devices, spec.disks().overlay(), "qcow2", "vda", false);
        for (NicAttachment nic : spec.nics()) {
            nic(devices, nic);
        }
    }

    private void qemuDomain(Element domain, DomainSpec spec, DomainType type, CpuVendor vendor) {
        Element os = child(domain, "os");
        Element osType = child(os, "type", "hvm");
        osType.setAttribute("arch", "x86_64");
        osType.setAttribute("machine", "pc");
        spec.disks().kernel().ifPresentOrElse(kernel -> directKernel(os, kernel),
                () -> child(os, "boot").setAttribute("dev", "hd"));
        Element features = child(domain, "features");
        child(features, "acpi");
        child(features, "apic");
        if (type == DomainType.QEMU && tcgCacheMib > 0) {
            Element cache = child(child(features, "tcg"), "tb-cache", Integer.toString(tcgCacheMib));
            cache.setAttribute("unit", "MiB");
        }
        cpu(domain, spec, type, vendor);
        child(domain, "clock").setAttribute("offset", "utc");
        child(domain, "on_poweroff", "destroy");
        child(domain, "on_reboot", "restart");
        child(domain, "on_crash", "destroy");
        Element devices = child(domain, "devices");
        disk(devices, spec.disks().overlay(), "qcow2", "vda", false);
        disk(devices, spec.disks().seed(), "raw", "vdb", true);
        for (NicAttachment nic : spec.nics()) {
            nic(devices, nic);
        }
        serialConsole(devices, spec.disks().consoleLog());
        agentChannel(devices);
        Element balloon = child(devices, "memballoon");
        balloon.setAttribute("model", "virtio");
        balloon.setAttribute("freePageReporting", "on");
    }

    private static void directKernel(Element os, DirectKernel kernel) {
        child(os, "kernel", kernel.kernel().toString());
        child(os, "initrd", kernel.initrd().toString());
        child(os, "cmdline", kernel.commandLine());
    }

    private static void cpu(Element domain, DomainSpec spec, DomainType type, CpuVendor vendor) {
        Element cpu = child(domain, "cpu");
        if (type == DomainType.KVM) {
            cpu.setAttribute("mode", "host-passthrough");
            if (spec.nestedVirtualization()) {
                require(cpu, vendor.nestedFeature());
            }
            return;
        }
        cpu.setAttribute("mode", "custom");
        cpu.setAttribute("match", "exact");
        child(cpu, "model", "qemu64");
        if (spec.nestedVirtualization()) {
            require(cpu, "svm");
        }
    }

    private static void require(Element cpu, String feature) {
        Element element = child(cpu, "feature");
        element.setAttribute("policy", "require");
        element.setAttribute("name", feature);
    }

    private static void disk(Element devices, Path file, String format, String target, boolean readOnly) {
        Element disk = child(devices, "disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        Element driver = child(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", format);
        child(disk, "source").setAttribute("file", file.toString());
        Element targetElement = child(disk, "target");
        targetElement.setAttribute("dev", target);
        targetElement.setAttribute("bus", "virtio");
        if (readOnly) {
            child(disk, "readonly");
        }
    }

    private static void nic(Element devices, NicAttachment nic) {
        Element iface = child(devices, "interface");
        iface.setAttribute("type", "bridge");
        child(iface, "mac").setAttribute("address", nic.mac().value());
        child(iface, "source").setAttribute("bridge", nic.bridge().value());
        nic.hostPort().ifPresent(port -> child(iface, "target").setAttribute("dev", port.value()));
        child(iface, "model").setAttribute("type", "virtio");
    }

    private static void serialConsole(Element devices, Path consoleLog) {
        Element serial = child(devices, "serial");
        serial.setAttribute("type", "pty");
        Element log = child(serial, "log");
        log.setAttribute("file", consoleLog.toString());
        log.setAttribute("append", "on");
        child(serial, "target").setAttribute("port", "0");
        Element console = child(devices, "console");
        console.setAttribute("type", "pty");
        Element target = child(console, "target");
        target.setAttribute("type", "serial");
        target.setAttribute("port", "0");
    }

    private static void agentChannel(Element devices) {
        Element channel = child(devices, "channel");
        channel.setAttribute("type", "unix");
        child(channel, "source").setAttribute("mode", "bind");
        Element target = child(channel, "target");
        target.setAttribute("type", "virtio");
        target.setAttribute("name", AGENT_CHANNEL);
    }
}
