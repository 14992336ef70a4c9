package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.site.ConsoleTail;
import io.isthmus.broker.domain.site.SiteId;
import java.util.Objects;

/** The end of one L1 node's serial console log, read from the site that runs the node. */
public record NodeConsole(SiteId site, String node, ConsoleTail tail) {

    public NodeConsole {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(tail, "tail");
    }
}
