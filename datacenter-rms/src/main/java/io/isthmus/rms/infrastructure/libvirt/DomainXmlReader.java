package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.segment.MacAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads back what libvirt holds for a domain: NIC MACs, CPU mode, whether vmx/svm is required, whether the guest
 * has opened its agent channel (live XML only) and where its console is logged.
 */
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

    /** Whether the guest opened the agent port: libvirt marks the channel target {@code state='connected'}. */
    boolean agentConnected() {
        NodeList channels = document.getElementsByTagName("channel");
        for (int i = 0; i < channels.getLength(); i++) {
            NodeList targets = ((Element) channels.item(i)).getElementsByTagName("target");
            for (int j = 0; j < targets.getLength(); j++) {
                Element target = (Element) targets.item(j);
                if (target.getAttribute("name").equals(DomainXmlWriter.AGENT_CHANNEL)
                        && target.getAttribute("state").equals("connected")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the domain has the agent channel at all (test-driver domains do not). */
    boolean hasAgentChannel() {
        NodeList channels = document.getElementsByTagName("channel");
        for (int i = 0; i < channels.getLength(); i++) {
            NodeList targets = ((Element) channels.item(i)).getElementsByTagName("target");
            for (int j = 0; j < targets.getLength(); j++) {
                if (((Element) targets.item(j)).getAttribute("name").equals(DomainXmlWriter.AGENT_CHANNEL)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The file the serial console is logged to, when it has one. */
    Optional<Path> consoleLog() {
        NodeList serials = document.getElementsByTagName("serial");
        for (int i = 0; i < serials.getLength(); i++) {
            NodeList logs = ((Element) serials.item(i)).getElementsByTagName("log");
            if (logs.getLength() > 0 && !((Element) logs.item(0)).getAttribute("file").isEmpty()) {
                return Optional.of(Path.of(((Element) logs.item(0)).getAttribute("file")));
            }
        }
        return Optional.empty();
    }

    private Optional<Element> cpu() {
        NodeList cpus = document.getDocumentElement().getElementsByTagName("cpu");
        return cpus.getLength() == 0 ? Optional.empty() : Optional.of((Element) cpus.item(0));
    }
}
