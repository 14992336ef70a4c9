package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.Names;

/** The name of an L1 node within its virtual infrastructure, e.g. {@code db-1}. */
public record NodeName(String value) {

    public NodeName {
        Names.require(value, "node name");
    }

    @Override
    public String toString() {
        return value;
    }
}
