package io.isthmus.broker.domain.reservation;

import java.util.Arrays;

/** How gateways carry a segment between sites (DESIGN.md §6), by its name on the wire. */
public enum TunnelKind {
    VXLAN("vxlan"), GRETAP("gretap"), OPENVPN("openvpn");

    private final String wireName;

    TunnelKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind named {@code name} ("vxlan", "gretap", "openvpn"). */
    public static TunnelKind of(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tunnel kind '" + name + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
