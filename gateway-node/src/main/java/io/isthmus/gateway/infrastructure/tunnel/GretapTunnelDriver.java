package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.util.List;

/** Kernel Ethernet-over-GRE keyed by the VNI. Point to point: one peer per stitch. */
public final class GretapTunnelDriver extends KernelTunnelDriver {

    public GretapTunnelDriver(IpLinks links, Ipv4Address local, InterfaceName underlay) {
        super(TunnelKind.GRETAP, links, local, underlay);
    }

    @Override
    public void create(InterfaceName name, StitchSpec spec) {
        links.change("create gretap interface " + name, "gretap", command(name, spec));
    }

    /** The {@code ip link add} for this stitch; refuses more than one peer, which GRE cannot reach at once. */
    List<String> command(InterfaceName name, StitchSpec spec) {
        if (spec.peers().size() != 1) {
            throw new InvalidRequestException("a gretap stitch reaches exactly one peer, segment " + spec.segment()
                    + " (VNI " + spec.vni() + ") names " + spec.peers().size() + ": use vxlan for several peers");
        }
        return links.commands().addGretap(name, spec.vni(), local, spec.peers().get(0), underlay);
    }
}
