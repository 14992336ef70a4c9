package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.libvirt.Connect;

/**
 * The one libvirt connection of every host of the site, shared by everything that talks to a host's libvirtd (the
 * compute driver's domains, the storage pools): connected at once, checked with {@code isAlive} and reopened on
 * each use, closed together by whoever opened them.
 */
public final class LibvirtHosts implements AutoCloseable {

    private final Map<HostName, LibvirtConnection> connections = new LinkedHashMap<>();

    /**
     * Connects to every host.
     *
     * @param hostUris the libvirt URI of every host of the site, in site order
     * @throws io.isthmus.rms.domain.compute.ComputeException when a host's libvirtd cannot be reached
     */
    public LibvirtHosts(Map<HostName, String> hostUris) {
        LibvirtEventLoop.ensureStarted();
        hostUris.forEach((host, uri) -> connections.put(host, new LibvirtConnection(uri)));
        try {
            connections.values().forEach(LibvirtConnection::get);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The hosts, in site order. */
    public List<HostName> hosts() {
        return new ArrayList<>(connections.keySet());
    }

    /** The live connection to {@code host}'s libvirtd (reconnected when the daemon dropped it). */
    public Connect connect(HostName host) {
        return connection(host).get();
    }

    /** Whether {@code host} is on libvirt's in-process test driver (a record of domains, no guest, no files). */
    public boolean isTestDriver(HostName host) {
        return connection(host).isTestDriver();
    }

    /** The libvirt URI of {@code host}, for messages. */
    public String uri(HostName host) {
        return connection(host).uri();
    }

    /** Closes every connection; a failure to close one does not skip the others, and the first is thrown. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (LibvirtConnection connection : connections.values()) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    LibvirtConnection connection(HostName host) {
        LibvirtConnection connection = connections.get(host);
        if (connection == null) {
            throw new InvalidRequestException("host", "host " + host + " is not a host of this site");
        }
        return connection;
    }
}
