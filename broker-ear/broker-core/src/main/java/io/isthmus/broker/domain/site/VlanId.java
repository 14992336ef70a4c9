package io.isthmus.broker.domain.site;

/** A tenant's 802.1Q VLAN id on its requester gateway: 1 to 4094. */
public record VlanId(int value) {
    public VlanId {
        if (value < 1 || value > 4094) {
            throw new IllegalArgumentException("VLAN " + value + " is outside 1..4094");
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
