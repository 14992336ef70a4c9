package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.SiteLeg;

/**
 * Creates a stitch's site leg {@code ishv<vni>} and keeps its flood list: one all-zero FDB entry per site host
 * (head-end replication). Hosts' uplinks must not learn on their bridge port, since the hub sends a host's own
 * floods back to it.
 */
final class SiteLegLinks {

    private final IpLinks links;
    private final SiteLeg leg;

    SiteLegLinks(IpLinks links, SiteLeg leg) {
        this.links = links;
        this.leg = leg;
    }

    /** Creates the (still down) VXLAN. */
    void create(InterfaceName name, StitchSpec spec) {
        links.change("create site-leg vxlan interface " + name + " (UDP " + leg.port() + ")", "vxlan",
                links.commands().addSiteVxlan(name, spec.vni(), leg));
    }

    /** Puts every site host on the flood list; hosts already there stay as they are. */
    void floodToHosts(InterfaceName name) {
        for (Ipv4Address host : leg.hosts()) {
            links.change("add site host " + host + " to the flood list of " + name, "vxlan",
                    links.commands().fdbAppend(name, host));
        }
    }

    /** Host-to-host frames come in and go out by the one site-leg port. */
    void hairpin(InterfaceName name) {
        links.change("turn hairpin on for " + name, "bridge", links.commands().hairpinOn(name));
    }
}
