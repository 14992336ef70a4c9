package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.segment.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads back what libvirt holds for a domain: NIC MACs, CPU mode, and whether vmx/svm is required. */
record DomainXmlReader(Document document) {

    static DomainXmlReader of(String xml) {
        return new DomainXmlReader(XmlDocuments.parse(xml));
    }

    List<MacAddress> macs() {
        List<MacAddress> macs = new ArrayList<>();
        NodeList interfaces = document.getElementsByTagName("interface");
        for (int i = 0; i < interfaces.getLength(); i++) {
            NodeList mac = ((Element) interfaces.item(i)).getElementsByTagName("mac");
            if (mac.getLength() > 0) {
                macs.add(new MacAddress(((Element) mac.item(0)).getAttribute("address")));
            }
        }
        return macs;
    }

    Optional<String> cpuMode() {
        return cpu().map(cpu -> cpu.getAttribute("mode")).filter(mode -> !mode.isEmpty());
    }

    boolean exposesNestedVirtualization() {
        Optional<Element> cpu = cpu();
        if (cpu.isEmpty()) {
            return false;
        }
        NodeList features = cpu.get().getElementsByTagName("feature");
        for (int i = 0; i < features.getLength(); i++) {
            Element feature = (Element) features.item(i);
            String name = feature.getAttribute("name");
            String policy = feature.getAttribute("policy");
            if ((name.equals("vmx") || name.equals("svm")) && (policy.equals("require") || policy.equals("force"))) {
                return true;
            }
        }
        return false;
    }

    private Optional<Element> cpu() {
        NodeList cpus = document.getDocumentElement().getElementsByTagName("cpu");
        return cpus.getLength() == 0 ? Optional.empty() : Optional.of((Element) cpus.item(0));
    }
}
