package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.Vni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The interfaces that realise one stitch, named only from its VNI (and, for openvpn, the peers' order) so that
 * nothing is ever left behind unnamed: bridge {@code isbr<vni>}; its tunnel ports {@code isvx<vni>} (vxlan),
 * {@code isgt<vni>} (gretap) or one TAP {@code isov<vni>p<k>} per peer (openvpn, k-th peer by address); on the
 * requester side the trunk's 802.1Q sub-interface {@code isvl<vni>} or, without one, the operator's access port of
 * the tenant VLAN (not ours: attached and detached, never created or deleted); on a site gateway the site leg
 * {@code ishv<vni>}.
 */
public record StitchInterfaces(InterfaceName bridge, List<InterfaceName> tunnels, Optional<InterfaceName> vlan,
                               Optional<InterfaceName> siteLeg, Optional<InterfaceName> accessPort) {

    public static final String BRIDGE_PREFIX = "isbr";
    public static final String VLAN_PREFIX = "isvl";
    public static final String SITE_LEG_PREFIX = "ishv";
    /** At most this many peers per openvpn stitch: the TAP index has two digits at most. */
    public static final int MAX_OPENVPN_PEERS = 100;

    /** Every name this gateway may own: prefix then a VNI, and for openvpn TAPs the peer index. */
    private static final Pattern MANAGED =
            Pattern.compile("is(br|vx|gt|vl|hv)[1-9][0-9]{0,7}|isov[1-9][0-9]{0,7}p(0|[1-9][0-9]?)");

    public StitchInterfaces {
        Objects.requireNonNull(bridge, "bridge");
        tunnels = List.copyOf(tunnels);
        Objects.requireNonNull(vlan, "vlan");
        Objects.requireNonNull(siteLeg, "siteLeg");
        Objects.requireNonNull(accessPort, "accessPort");
    }

    /** The names of a stitch at a gateway without a site leg, its VLAN (if any) on the trunk. */
    public static StitchInterfaces of(StitchSpec spec) {
        return of(spec, false);
    }

    /** The names of a stitch; {@code withSiteLeg} at a site gateway; its VLAN (if any) on the trunk. */
    public static StitchInterfaces of(StitchSpec spec, boolean withSiteLeg) {
        return of(spec, withSiteLeg, true, Optional.empty());
    }

    /**
     * The names of a stitch; {@code withSiteLeg} at a site gateway ({@code gateway.siteAddress} set). Its VLAN (if
     * it has one) comes from the trunk's sub-interface when {@code fromTrunk}, else from {@code accessPort}.
     */
    public static StitchInterfaces of(StitchSpec spec, boolean withSiteLeg, boolean fromTrunk,
                                      Optional<InterfaceName> accessPort) {
        Vni vni = spec.vni();
        boolean tagged = spec.localVlan().isPresent();
        return new StitchInterfaces(new InterfaceName(BRIDGE_PREFIX + vni), tunnelsOf(spec),
                tagged && fromTrunk ? Optional.of(new InterfaceName(VLAN_PREFIX + vni)) : Optional.empty(),
                withSiteLeg ? Optional.of(new InterfaceName(SITE_LEG_PREFIX + vni)) : Optional.empty(),
                tagged && !fromTrunk ? accessPort : Optional.empty());
    }

    /** The TAPs of an openvpn stitch: {@code isov<vni>p<k>} for the k-th peer by address (0-based). */
    public static List<InterfaceName> openVpnTaps(StitchSpec spec) {
        String prefix = TunnelKind.OPENVPN.interfacePrefix() + spec.vni() + "p";
        List<InterfaceName> taps = new ArrayList<>();
        for (int k = 0; k < spec.peers().size(); k++) {
            taps.add(new InterfaceName(prefix + k));
        }
        return List.copyOf(taps);
    }

    private static List<InterfaceName> tunnelsOf(StitchSpec spec) {
        if (spec.kind() == TunnelKind.OPENVPN) {
            return openVpnTaps(spec);
        }
        return List.of(new InterfaceName(spec.kind().interfacePrefix() + spec.vni()));
    }

    /**
     * Name prefixes of every interface a gateway creates on a segment bridge: the ports tenant frames enter by,
     * which the isolation rules match (access ports, named by the operator, are matched by name).
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

    /** Bridge first, then its ports (the access port last). */
    public List<InterfaceName> all() {
        List<InterfaceName> names = new ArrayList<>(owned());
        accessPort.ifPresent(names::add);
        return List.copyOf(names);
    }

    /** The interfaces this gateway creates and deletes: all but the access port. Bridge first. */
    public List<InterfaceName> owned() {
        List<InterfaceName> names = new ArrayList<>();
        names.add(bridge);
        names.addAll(tunnels);
        vlan.ifPresent(names::add);
        siteLeg.ifPresent(names::add);
        return List.copyOf(names);
    }
}
