package io.isthmus.broker.domain.site;

import java.util.Map;

/**
 * What one gateway offers its peers for one openvpn stitch: the fingerprint of the certificate it made for that
 * stitch alone, and the UDP port it listens on for each peer (by peer tunnel address) it is the listener for.
 */
public record OpenVpnOffer(String segment, String fingerprint, Map<String, Integer> listenPorts) {
    public OpenVpnOffer {
        listenPorts = Map.copyOf(listenPorts);
    }
}
