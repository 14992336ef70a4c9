package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The interfaces that realise one stitch, named only from its VNI so that nothing is ever left behind unnamed:
 * bridge {@code isbr<vni>}, tunnel {@code isvx<vni>} (vxlan) or {@code isgt<vni>} (gretap), and on the requester
 * side the 802.1Q sub-interface {@code isvl<vni>}.
 */
public record StitchInterfaces(InterfaceName bridge, InterfaceName tunnel, Optional<InterfaceName> vlan) {

    public static final String BRIDGE_PREFIX = "isbr";
    public static final String VLAN_PREFIX = "isvl";

    /** Every name this gateway may own: prefix then a VNI. */
    private static final Pattern MANAGED = Pattern.compile("is(br|vx|gt|ov|vl)[1-9][0-9]{0,7}");

    public static StitchInterfaces of(StitchSpec spec) {
        Vni vni = spec.vni();
        return new StitchInterfaces(
                new InterfaceName(BRIDGE_PREFIX + vni),
                new InterfaceName(spec.kind().interfacePrefix() + vni),
                spec.localVlan().map(v -> new InterfaceName(VLAN_PREFIX + vni)));
    }

    /** Whether an interface name is one this gateway creates (and so may remove when nothing claims it). */
    public static boolean isManaged(InterfaceName name) {
        return MANAGED.matcher(name.value()).matches();
    }

    /** Bridge first, then its ports. */
    public List<InterfaceName> all() {
        List<InterfaceName> names = new ArrayList<>(List.of(bridge, tunnel));
        vlan.ifPresent(names::add);
        return List.copyOf(names);
    }
}
