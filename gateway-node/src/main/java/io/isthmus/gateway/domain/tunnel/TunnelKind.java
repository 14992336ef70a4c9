package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.Arrays;

/** Tunnel technologies a gateway may offer, with their names on the wire and their interface-name prefix. */
public enum TunnelKind {
    VXLAN("vxlan", "isvx"),
    GRETAP("gretap", "isgt"),
    OPENVPN("openvpn", "isov");

    private final String wireName;
    private final String interfacePrefix;

    TunnelKind(String wireName, String interfacePrefix) {
        this.wireName = wireName;
        this.interfacePrefix = interfacePrefix;
    }

    public String wireName() {
        return wireName;
    }

    public String interfacePrefix() {
        return interfacePrefix;
    }

    public static TunnelKind fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown tunnel kind '" + name
                        + "': use vxlan, gretap or openvpn"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
