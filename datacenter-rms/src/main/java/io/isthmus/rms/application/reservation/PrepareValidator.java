package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.Site;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Checks what the schema cannot: times relative to now, unique names and MACs, known hosts. */
final class PrepareValidator {

    private final Site site;

    PrepareValidator(Site site) {
        this.site = site;
    }

    void validate(PrepareCommand command, Instant now) {
        if (!command.window().end().isAfter(now)) {
            throw new InvalidRequestException("window.end", "the window of reservation " + command.reservation()
                    + " ended at " + command.window().end() + "; ask for a window that ends in the future");
        }
        if (!command.holdExpires().isAfter(now)) {
            throw new InvalidRequestException("holdExpires", "holdExpires " + command.holdExpires()
                    + " is already past; give the hold an expiry in the future");
        }
        if (command.nodes().isEmpty()) {
            throw new InvalidRequestException("node", "prepare needs at least one node");
        }
        Set<String> names = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (NodeSpec node : command.nodes()) {
            if (!names.add(node.name().value())) {
                throw new InvalidRequestException("node.name", "node " + node.name()
                        + " appears twice; node names must be unique within a reservation");
            }
            node.requestedHost().ifPresent(this::requireKnownHost);
            for (NicSpec nic : node.nics()) {
                if (!macs.add(nic.mac().value())) {
                    throw new InvalidRequestException("nic.mac", "MAC " + nic.mac() + " is given to two NICs;"
                            + " every NIC needs its own MAC");
                }
            }
        }
    }

    private void requireKnownHost(HostName host) {
        if (site.host(host).isEmpty()) {
            throw new InvalidRequestException("node.host", "host " + host + " is not a host of " + site.id()
                    + "; its hosts are " + String.join(", ", site.hostNames()));
        }
    }
}
