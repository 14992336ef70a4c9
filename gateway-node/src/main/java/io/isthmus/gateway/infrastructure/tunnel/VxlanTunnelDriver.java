package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;

/**
 * Kernel VXLAN over the underlay device, without learning: every peer gateway gets an all-zero FDB entry
 * (head-end replication), so broadcast, unknown unicast and multicast reach all peers and the bridge learns the
 * tenant MACs behind the tunnel port.
 */
public final class VxlanTunnelDriver extends KernelTunnelDriver {

    public VxlanTunnelDriver(IpLinks links, Ipv4Address local, InterfaceName underlay) {
        super(TunnelKind.VXLAN, links, local, underlay);
    }

    @Override
    public void create(InterfaceName name, StitchSpec spec) {
        Iproute2Commands ip = links.commands();
        links.change("create vxlan interface " + name, "vxlan", ip.addVxlan(name, spec.vni(), local, underlay));
        for (Ipv4Address peer : spec.peers()) {
            links.change("add peer " + peer + " to the flood list of " + name, "vxlan", ip.fdbAppend(name, peer));
        }
    }
}
