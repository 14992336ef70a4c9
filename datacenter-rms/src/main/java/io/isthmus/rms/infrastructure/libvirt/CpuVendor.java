package io.isthmus.rms.infrastructure.libvirt;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The host CPU's vendor, which decides the nested-virtualisation feature a KVM guest must be given. */
enum CpuVendor {
    INTEL("vmx"),
    AMD("svm");

    private final String nestedFeature;

    CpuVendor(String nestedFeature) {
        this.nestedFeature = nestedFeature;
    }

    /** {@code vmx} (Intel VT-x) or {@code svm} (AMD-V). */
    String nestedFeature() {
        return nestedFeature;
    }

    /** The vendor of {@code <host><cpu><vendor>} in libvirt's capabilities XML, when it is one we know. */
    static Optional<CpuVendor> fromCapabilities(Document capabilities) {
        NodeList hosts = capabilities.getDocumentElement().getElementsByTagName("host");
        if (hosts.getLength() == 0) {
            return Optional.empty();
        }
        NodeList vendors = ((Element) hosts.item(0)).getElementsByTagName("vendor");
        if (vendors.getLength() == 0) {
            return Optional.empty();
        }
        return switch (vendors.item(0).getTextContent().strip()) {
            case "Intel" -> Optional.of(INTEL);
            case "AMD", "Hygon" -> Optional.of(AMD);
            default -> Optional.empty();
        };
    }
}
