package io.isthmus.rms.infrastructure.libvirt.storage;

import static io.isthmus.rms.infrastructure.libvirt.XmlDocuments.child;

import io.isthmus.rms.infrastructure.libvirt.XmlDocuments;
import java.nio.file.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** libvirt storage volume XML, built with DOM: a qcow2 overlay on a backing image, and a raw file. */
final class VolumeXml {

    private VolumeXml() {
    }

    /** A qcow2 volume of {@code capacityBytes} whose unwritten blocks are read from {@code backing}. */
    static String overlay(String name, long capacityBytes, Path backing, String backingFormat) {
        Document document = XmlDocuments.newDocument();
        Element volume = volume(document, name, capacityBytes);
        format(child(volume, "target"), "qcow2");
        Element backingStore = child(volume, "backingStore");
        child(backingStore, "path", backing.toString());
        format(backingStore, backingFormat);
        return XmlDocuments.serialize(document);
    }

    /** A sparse raw file of {@code capacityBytes}, to be filled by an upload. */
    static String raw(String name, long capacityBytes) {
        Document document = XmlDocuments.newDocument();
        Element volume = volume(document, name, capacityBytes);
        child(volume, "allocation", "0").setAttribute("unit", "bytes");
        format(child(volume, "target"), "raw");
        return XmlDocuments.serialize(document);
    }

    private static Element volume(Document document, String name, long capacityBytes) {
        Element volume = document.createElement("volume");
        document.appendChild(volume);
        volume.setAttribute("type", "file");
        child(volume, "name", name);
        child(volume, "capacity", Long.toString(capacityBytes)).setAttribute("unit", "bytes");
        return volume;
    }

    private static void format(Element parent, String type) {
        child(parent, "format").setAttribute("type", type);
    }
}
