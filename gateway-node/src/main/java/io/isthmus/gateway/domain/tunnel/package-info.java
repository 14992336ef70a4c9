/**
 * Data-plane vocabulary: tunnel kinds, probed support, deterministic interface names, openvpn offers, peer
 * endpoints and links, and the ports (TunnelDriver, StitchDataPlane, OpenVpnCredentials) the application drives.
 */
package io.isthmus.gateway.domain.tunnel;
