package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;

/** Kernel Ethernet-over-GRE keyed by the VNI. Point to point: one peer per stitch. */
public final class GretapTunnelDriver implements TunnelDriver {

    private final IpLinks links;
    private final TunnelProbe probe;
    private final Ipv4Address local;
    private final InterfaceName underlay;

    public GretapTunnelDriver(IpLinks links, Ipv4Address local, InterfaceName underlay) {
        this.links = links;
        this.probe = new TunnelProbe(links);
        this.local = local;
        this.underlay = underlay;
    }

    @Override
    public TunnelKind kind() {
        return TunnelKind.GRETAP;
    }

    @Override
    public TunnelKindSupport probe() {
        return probe.tryCreate(TunnelKind.GRETAP);
    }

    @Override
    public void create(InterfaceName name, StitchSpec spec) {
        links.change("create gretap interface " + name, "gretap", command(name, spec));
    }

    /** The {@code ip link add} for this stitch; refuses more than one peer, which GRE cannot reach at once. */
    java.util.List<String> command(InterfaceName name, StitchSpec spec) {
        if (spec.peers().size() != 1) {
            throw new InvalidRequestException("a gretap stitch reaches exactly one peer, segment " + spec.segment()
                    + " (VNI " + spec.vni() + ") names " + spec.peers().size() + ": use vxlan for several peers");
        }
        return links.commands().addGretap(name, spec.vni(), local, spec.peers().get(0), underlay);
    }
}
