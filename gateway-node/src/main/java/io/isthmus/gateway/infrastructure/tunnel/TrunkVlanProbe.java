package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.util.Optional;

/** Finds out whether 802.1Q sub-interfaces can be made on the trunk, by making and deleting one. */
final class TrunkVlanProbe {

    private static final System.Logger LOG = System.getLogger(TrunkVlanProbe.class.getName());
    private static final InterfaceName PROBE = new InterfaceName("isthprobevl");

    private final IpLinks links;

    TrunkVlanProbe(IpLinks links) {
        this.links = links;
    }

    Optional<String> problem(Optional<InterfaceName> trunk) {
        if (trunk.isEmpty()) {
            return Optional.of("gateway " + links.gateway() + " has no trunk configured (gateway.trunk)");
        }
        try {
            links.delete(PROBE);
            links.change("create a probe 802.1Q VLAN interface on trunk " + trunk.get(), "802.1Q VLAN",
                    links.commands().addVlan(PROBE, trunk.get(), new VlanId(4094)));
            links.delete(PROBE);
            return Optional.empty();
        } catch (UnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: tenant VLANs cannot be bridged: {1}",
                    links.gateway(), e.getMessage());
            return Optional.of(e.getMessage());
        }
    }
}
