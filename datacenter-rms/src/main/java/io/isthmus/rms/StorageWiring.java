package io.isthmus.rms;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;
import io.isthmus.rms.infrastructure.libvirt.storage.LibvirtSiteStorage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The site's libvirt storage when every host is a real libvirt host ({@code host.<h>.uri}, not {@code test:}): one
 * {@link LibvirtHosts} connection per host and the pools {@code site.imagePool} and {@code site.instancePool},
 * which must be defined and active on every host or the RMS does not start. A site of emulated test-driver hosts
 * has none (the test driver keeps no files).
 */
record StorageWiring(LibvirtHosts hosts, LibvirtSiteStorage storage) implements AutoCloseable {

    static Optional<StorageWiring> open(RmsConfig config, CommandRunner runner) {
        Map<HostName, String> uris = new LinkedHashMap<>();
        for (HostConfig host : config.hosts()) {
            Optional<String> uri = host.libvirtUri().filter(u -> !u.startsWith("test:"));
            if (uri.isEmpty()) {
                return Optional.empty();
            }
            uris.put(host.name(), uri.get());
        }
        LibvirtHosts hosts = new LibvirtHosts(uris);
        try {
            return Optional.of(new StorageWiring(hosts, LibvirtSiteStorage.open(hosts, config.storagePools(),
                    runner)));
        } catch (RuntimeException e) {
            try {
                hosts.close();
            } catch (RuntimeException notClosed) {
                e.addSuppressed(notClosed);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        hosts.close();
    }
}
