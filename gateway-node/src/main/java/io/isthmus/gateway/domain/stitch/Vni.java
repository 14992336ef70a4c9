package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.InvalidRequestException;

/** The federation-wide id of one segment on the wire (VXLAN VNI / GRE key), 1..16777215. */
public record Vni(int value) {

    public static final int MAX = 16_777_215;

    public Vni {
        if (value < 1 || value > MAX) {
            throw new InvalidRequestException("VNI " + value + " is out of range: use 1.." + MAX);
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
