package io.isthmus.rms.infrastructure.libvirt;

import static io.isthmus.rms.infrastructure.libvirt.XmlDocuments.child;

import io.isthmus.rms.domain.site.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the libvirt test-driver node XML of an emulated host ({@code dataDir/hosts/<host>.xml}):
 * its cores and memory, so that {@code test://<file>} reports the host's real size.
 */
public final class TestNodeXmlWriter {

    /** Writes the file and returns the {@code test://} URI that opens it. */
    public String write(Host host, Path hostsDir) {
        Document document = XmlDocuments.newDocument();
        Element node = document.createElement("node");
        document.appendChild(node);
        Element cpu = child(node, "cpu");
        child(cpu, "nodes", "1");
        child(cpu, "sockets", "1");
        child(cpu, "cores", Integer.toString(host.total().cores()));
        child(cpu, "threads", "1");
        child(cpu, "active", Integer.toString(host.total().cores()));
        child(cpu, "mhz", "2400");
        child(cpu, "model", "x86_64");
        child(node, "memory", Long.toString(host.total().memoryMib() * 1024));
        Path file = hostsDir.toAbsolutePath().resolve(host.name().value() + ".xml");
        try {
            Files.createDirectories(hostsDir);
            Files.writeString(file, XmlDocuments.serialize(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulated host file " + file
                    + "; check that site.dataDir is writable", e);
        }
        return "test://" + file;
    }
}
