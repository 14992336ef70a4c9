package io.isthmus.rms;

import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;
import io.isthmus.rms.infrastructure.libvirt.storage.LibvirtSiteStorage;
import java.util.Optional;

/**
 * The site's libvirt storage when every host is a real libvirt host ({@code host.<h>.uri}, not {@code test:}): on
 * the site's one connection per host, the pools {@code site.imagePool} and {@code site.instancePool}, which must be
 * defined and active on every host or the RMS does not start. A site of emulated test-driver hosts has none (the
 * test driver keeps no files).
 */
final class StorageWiring {

    private StorageWiring() {
    }

    static Optional<LibvirtSiteStorage> open(RmsConfig config, LibvirtHosts hosts, CommandRunner runner) {
        if (hosts.hosts().stream().anyMatch(hosts::isTestDriver)) {
            return Optional.empty();
        }
        return Optional.of(LibvirtSiteStorage.open(hosts, config.storagePools(), runner));
    }
}
