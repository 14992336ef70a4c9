package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;

/** Finds out whether a kernel tunnel kind works by creating and deleting a throw-away link. */
final class TunnelProbe {

    private static final System.Logger LOG = System.getLogger(TunnelProbe.class.getName());

    private final IpLinks links;

    TunnelProbe(IpLinks links) {
        this.links = links;
    }

    TunnelKindSupport tryCreate(TunnelKind kind) {
        InterfaceName name = new InterfaceName("isthprobe" + kind.interfacePrefix().substring(2));
        try {
            links.delete(name);
            links.change("create a probe " + kind + " interface", kind.wireName(),
                    links.commands().addProbe(name, kind.wireName()));
            links.delete(name);
            return TunnelKindSupport.available(kind);
        } catch (UnavailableException e) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: tunnel kind {1} unavailable: {2}",
                    links.gateway(), kind, e.getMessage());
            return TunnelKindSupport.unavailable(kind, e.getMessage());
        }
    }
}
