package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.HostName;
import java.util.Objects;

/** A node together with the host the site placed it on. */
public record PlacedNode(NodeSpec spec, HostName host) {

    public PlacedNode {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(host, "host");
    }

    public NodeName name() {
        return spec.name();
    }
}
