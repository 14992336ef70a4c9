package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The interfaces that realise one stitch, named only from its VNI so that nothing is ever left behind unnamed:
 * bridge {@code isbr<vni>}, tunnel {@code isvx<vni>} (vxlan) or {@code isgt<vni>} (gretap), on the requester
 * side the 802.1Q sub-interface {@code isvl<vni>}, and on a site gateway the site leg {@code ishv<vni>}.
 */
public record StitchInterfaces(InterfaceName bridge, InterfaceName tunnel, Optional<InterfaceName> vlan,
                               Optional<InterfaceName> siteLeg) {

    public static final String BRIDGE_PREFIX = "isbr";
    public static final String VLAN_PREFIX = "isvl";
    public static final String SITE_LEG_PREFIX = "ishv";

    /** Every name this gateway may own: prefix then a VNI. */
    private static final Pattern MANAGED = Pattern.compile("is(br|vx|gt|ov|vl|hv)[1-9][0-9]{0,7}");

    /** The names of a stitch at a gateway without a site leg. */
    public static StitchInterfaces of(StitchSpec spec) {
        return of(spec, false);
    }

    /** The names of a stitch; {@code withSiteLeg} at a site gateway ({@code gateway.siteAddress} set). */
    public static StitchInterfaces of(StitchSpec spec, boolean withSiteLeg) {
        Vni vni = spec.vni();
        return new StitchInterfaces(
                new InterfaceName(BRIDGE_PREFIX + vni),
                new InterfaceName(spec.kind().interfacePrefix() + vni),
                spec.localVlan().map(v -> new InterfaceName(VLAN_PREFIX + vni)),
                withSiteLeg ? Optional.of(new InterfaceName(SITE_LEG_PREFIX + vni)) : Optional.empty());
    }

    /**
     * Name prefixes of every interface a gateway puts on a segment bridge: the ports tenant frames enter by, which
     * the isolation rules match.
     */
    public static List<String> segmentPortPrefixes() {
        List<String> prefixes = new ArrayList<>();
        for (TunnelKind kind : TunnelKind.values()) {
            prefixes.add(kind.interfacePrefix());
        }
        prefixes.add(VLAN_PREFIX);
        prefixes.add(SITE_LEG_PREFIX);
        return List.copyOf(prefixes);
    }

    /** Whether an interface name is one this gateway creates (and so may remove when nothing claims it). */
    public static boolean isManaged(InterfaceName name) {
        return MANAGED.matcher(name.value()).matches();
    }

    /** Bridge first, then its ports. */
    public List<InterfaceName> all() {
        List<InterfaceName> names = new ArrayList<>(List.of(bridge, tunnel));
        vlan.ifPresent(names::add);
        siteLeg.ifPresent(names::add);
        return List.copyOf(names);
    }
}
