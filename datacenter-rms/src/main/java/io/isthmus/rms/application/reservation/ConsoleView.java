package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ConsoleTail;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.site.HostName;
import java.util.Objects;

/** The end of one node's serial console log, with the host and the domain whose log it is. */
public record ConsoleView(NodeName node, HostName host, DomainName domain, ConsoleTail tail) {

    public ConsoleView {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tail, "tail");
    }
}
