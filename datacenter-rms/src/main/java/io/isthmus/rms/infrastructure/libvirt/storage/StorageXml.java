package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.infrastructure.libvirt.XmlDocuments;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads what libvirt reports of a pool (its type and target directory) and of a volume (its format). */
final class StorageXml {

    private StorageXml() {
    }

    /** The pool's {@code type} attribute, e.g. {@code dir}. */
    static String poolType(String poolXml) {
        return XmlDocuments.parse(poolXml).getDocumentElement().getAttribute("type");
    }

    /** The pool's {@code <target><path>}, where its volumes are files. */
    static Optional<String> poolTargetPath(String poolXml) {
        return targetChild(poolXml, "path").map(Element::getTextContent).map(String::strip)
                .filter(path -> !path.isEmpty());
    }

    /** The volume's {@code <target><format type>}, e.g. {@code qcow2}; empty when libvirt could not tell. */
    static Optional<String> volumeFormat(String volumeXml) {
        return targetChild(volumeXml, "format").map(format -> format.getAttribute("type"))
                .filter(type -> !type.isEmpty());
    }

    private static Optional<Element> targetChild(String xml, String name) {
        Element root = XmlDocuments.parse(xml).getDocumentElement();
        NodeList targets = root.getElementsByTagName("target");
        for (int i = 0; i < targets.getLength(); i++) {
            Element target = (Element) targets.item(i);
            if (target.getParentNode() == root) {
                NodeList children = target.getElementsByTagName(name);
                return children.getLength() == 0 ? Optional.empty() : Optional.of((Element) children.item(0));
            }
        }
        return Optional.empty();
    }
}
