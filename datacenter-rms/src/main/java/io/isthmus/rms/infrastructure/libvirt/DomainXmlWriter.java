package io.isthmus.rms.infrastructure.libvirt;

import static io.isthmus.rms.infrastructure.libvirt.XmlDocuments.child;

import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.NicAttachment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Serialises a {@link DomainSpec} to libvirt domain XML with DOM: memory, vCPUs, a
 * host-passthrough CPU requiring vmx when nested virtualisation is asked for, a virtio qcow2
 * disk (vda) and one virtio bridge NIC per segment with the broker's MAC.
 */
public final class DomainXmlWriter {

    /** The libvirt domain type: {@code test} for the test driver, {@code kvm} for QEMU/KVM hosts. */
    public enum DomainType {
        TEST("test"),
        KVM("kvm");

        private final String xmlValue;

        DomainType(String xmlValue) {
            this.xmlValue = xmlValue;
        }
    }

    public String write(DomainSpec spec, DomainType type) {
        Document document = XmlDocuments.newDocument();
        Element domain = document.createElement("domain");
        document.appendChild(domain);
        domain.setAttribute("type", type.xmlValue);
        child(domain, "name", spec.name().value());
        Element memory = child(domain, "memory", Integer.toString(spec.memoryMib()));
        memory.setAttribute("unit", "MiB");
        child(domain, "vcpu", Integer.toString(spec.vcpus()));
        Element os = child(domain, "os");
        Element osType = child(os, "type", "hvm");
        if (type == DomainType.KVM) {
            osType.setAttribute("arch", "x86_64");
        }
        child(os, "boot").setAttribute("dev", "hd");
        if (spec.nestedVirtualization()) {
            Element cpu = child(domain, "cpu");
            cpu.setAttribute("mode", "host-passthrough");
            Element vmx = child(cpu, "feature");
            vmx.setAttribute("policy", "require");
            vmx.setAttribute("name", "vmx");
        }
        Element devices = child(domain, "devices");
        disk(devices, spec);
        for (NicAttachment nic : spec.nics()) {
            nic(devices, nic);
        }
        return XmlDocuments.serialize(document);
    }

    private static void disk(Element devices, DomainSpec spec) {
        Element disk = child(devices, "disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        Element driver = child(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "qcow2");
        child(disk, "source").setAttribute("file", spec.diskImage().toString());
        Element target = child(disk, "target");
        target.setAttribute("dev", "vda");
        target.setAttribute("bus", "virtio");
    }

    private static void nic(Element devices, NicAttachment nic) {
        Element iface = child(devices, "interface");
        iface.setAttribute("type", "bridge");
        child(iface, "mac").setAttribute("address", nic.mac().value());
        child(iface, "source").setAttribute("bridge", nic.bridge().value());
        child(iface, "model").setAttribute("type", "virtio");
    }
}
