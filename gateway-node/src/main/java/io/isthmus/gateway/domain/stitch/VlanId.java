package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.InvalidRequestException;

/** An 802.1Q VLAN id on the requester's trunk, 1..4094. */
public record VlanId(int value) {

    public VlanId {
        if (value < 1 || value > 4094) {
            throw new InvalidRequestException("VLAN id " + value + " is out of range: use 1..4094");
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
