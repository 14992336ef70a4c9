package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;

/**
 * What the kernel tunnel drivers share: the iproute2 links they act through, this gateway's tunnel address and
 * underlay device, and a probe that tries to create a throw-away interface of their kind.
 */
abstract class KernelTunnelDriver implements TunnelDriver {
    protected final IpLinks links;
    protected final Ipv4Address local;
    protected final InterfaceName underlay;
    private final TunnelKind kind;
    private final TunnelProbe probe;

    KernelTunnelDriver(TunnelKind kind, IpLinks links, Ipv4Address local, InterfaceName underlay) {
        this.kind = kind;
        this.links = links;
        this.probe = new TunnelProbe(links);
        this.local = local;
        this.underlay = underlay;
    }

    @Override
    public final TunnelKind kind() {
        return kind;
    }

    @Override
    public final TunnelKindSupport probe() {
        return probe.tryCreate(kind);
    }
}
