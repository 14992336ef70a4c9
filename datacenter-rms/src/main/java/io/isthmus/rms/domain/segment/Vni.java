package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.InvalidRequestException;

/** The federation-wide id of a segment on the wire (VXLAN VNI), 1..16777215. */
public record Vni(int value) {

    public static final int MAX = 16_777_215;

    public Vni {
        if (value < 1 || value > MAX) {
            throw new InvalidRequestException("vni", "VNI " + value + " is out of range: use 1.." + MAX);
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
