package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;

/**
 * Kernel VXLAN over the underlay device, without learning: every peer gateway gets an all-zero FDB entry
 * (head-end replication), so broadcast, unknown unicast and multicast reach all peers and the bridge learns the
 * tenant MACs behind the tunnel port.
 */
public final class VxlanTunnelDriver implements TunnelDriver {

    private final IpLinks links;
    private final TunnelProbe probe;
    private final Ipv4Address local;
    private final InterfaceName underlay;

    public VxlanTunnelDriver(IpLinks links, Ipv4Address local, InterfaceName underlay) {
        this.links = links;
        this.probe = new TunnelProbe(links);
        this.local = local;
        this.underlay = underlay;
    }

    @Override
    public TunnelKind kind() {
        return TunnelKind.VXLAN;
    }

    @Override
    public TunnelKindSupport probe() {
        return probe.tryCreate(TunnelKind.VXLAN);
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
