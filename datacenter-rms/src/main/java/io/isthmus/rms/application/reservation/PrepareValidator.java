package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks what the schema cannot: times relative to now, unique names and MACs, known hosts, catalog images. */
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

    /**
     * Every node's image is in {@code catalog} ({@code debian-12} and {@code debian-12.qcow2} are the same image);
     * otherwise the refusal names each node and image that is not, and lists the catalog.
     */
    void requireImagesIn(PrepareCommand command, Set<ImageRef> catalog) {
        Set<String> files = catalog.stream().map(ImageRef::fileName).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (NodeSpec node : command.nodes()) {
            if (!files.contains(node.image().fileName())) {
                missing.add("node " + node.name() + " needs image '" + node.image() + "'");
            }
        }
        if (!missing.isEmpty()) {
            String has = catalog.isEmpty() ? "it is empty"
                    : "it has " + String.join(", ", catalog.stream().map(ImageRef::value).sorted().toList());
            throw new InvalidRequestException("node.image", String.join(" and ", missing)
                    + (missing.size() == 1 ? ", which is" : ", which are") + " not in the image catalog of " + site.id()
                    + " (" + has + "); ask for an image of the catalog or place the node at another site");
        }
    }
}
