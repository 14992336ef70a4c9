package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds iproute2 argument arrays ({@code ip}, {@code bridge}), optionally targeting a network namespace with
 * {@code -n}. Every value comes in as a validated type, so nothing unchecked reaches a command.
 */
public final class Iproute2Commands {

    /** IANA VXLAN port. */
    public static final int VXLAN_PORT = 4789;
    private static final String ALL_ZERO_MAC = "00:00:00:00:00:00";

    private final Optional<NetworkNamespace> netns;

    public Iproute2Commands(Optional<NetworkNamespace> netns) {
        this.netns = netns;
    }

    public Optional<NetworkNamespace> netns() {
        return netns;
    }

    public List<String> addBridge(InterfaceName name) {
        return ip("link", "add", name.value(), "type", "bridge");
    }

    /** A VXLAN without learning: head-end replication through all-zero FDB entries, one per peer. */
    public List<String> addVxlan(InterfaceName name, Vni vni, Ipv4Address local, InterfaceName underlay) {
        return ip("link", "add", name.value(), "type", "vxlan", "id", vni.toString(), "local", local.value(),
                "dev", underlay.value(), "dstport", Integer.toString(VXLAN_PORT), "nolearning");
    }

    /**
     * The site leg: a VXLAN from the gateway's site-LAN address on the site port. It learns which site host sits
     * behind each tenant MAC, so unicast goes to that host alone; floods reach every host through the all-zero
     * FDB entries ({@link #fdbAppend}).
     */
    public List<String> addSiteVxlan(InterfaceName name, Vni vni, SiteLeg leg) {
        List<String> args = new ArrayList<>(List.of("link", "add", name.value(), "type", "vxlan", "id", vni.toString(),
                "local", leg.address().value()));
        leg.device().ifPresent(d -> args.addAll(List.of("dev", d.value())));
        args.addAll(List.of("dstport", Integer.toString(leg.port()), "learning"));
        return ip(args.toArray(String[]::new));
    }

    /**
     * Lets the bridge send a frame back out of the port it came in by: every site host sits behind the one site
     * leg port, so host-to-host traffic of a segment enters and leaves there.
     */
    public List<String> hairpinOn(InterfaceName port) {
        return command("bridge", "link", "set", "dev", port.value(), "hairpin", "on");
    }

    /** A point-to-point Ethernet-over-GRE tunnel keyed by the VNI. */
    public List<String> addGretap(InterfaceName name, Vni key, Ipv4Address local, Ipv4Address remote,
                                  InterfaceName underlay) {
        return ip("link", "add", name.value(), "type", "gretap", "key", key.toString(), "local", local.value(),
                "remote", remote.value(), "dev", underlay.value());
    }

    /** The throw-away link a probe creates: the kind alone, no addresses or devices. */
    public List<String> addProbe(InterfaceName name, String type) {
        if ("vxlan".equals(type)) {
            return ip("link", "add", name.value(), "type", "vxlan", "id", "1", "dstport", Integer.toString(VXLAN_PORT));
        }
        if ("gretap".equals(type)) {
            return ip("link", "add", name.value(), "type", "gretap", "key", "1");
        }
        throw new IllegalArgumentException("no probe for link type " + type);
    }

    /** A persistent TAP interface (it stays when the process that opens it, openvpn, stops). */
    public List<String> addTap(InterfaceName name) {
        return ip("tuntap", "add", "dev", name.value(), "mode", "tap");
    }

    /**
     * Isolates a bridge port: the bridge forwards nothing from it to another isolated port (split horizon between
     * the per-peer tunnels of a full mesh), only to and from the non-isolated ports.
     */
    public List<String> isolate(InterfaceName port) {
        return ip("link", "set", "dev", port.value(), "type", "bridge_slave", "isolated", "on");
    }

    /** Takes a port out of its bridge. */
    public List<String> setNoMaster(InterfaceName port) {
        return ip("link", "set", "dev", port.value(), "nomaster");
    }

    /** An 802.1Q sub-interface of {@code parent} carrying {@code vlan}. */
    public List<String> addVlan(InterfaceName name, InterfaceName parent, VlanId vlan) {
        return ip("link", "add", "link", parent.value(), "name", name.value(), "type", "vlan", "id", vlan.toString());
    }

    public List<String> setMaster(InterfaceName port, InterfaceName bridge) {
        return ip("link", "set", "dev", port.value(), "master", bridge.value());
    }

    public List<String> setUp(InterfaceName name) {
        return ip("link", "set", "dev", name.value(), "up");
    }

    public List<String> delete(InterfaceName name) {
        return ip("link", "del", "dev", name.value());
    }

    public List<String> show(InterfaceName name) {
        return ip("-o", "link", "show", "dev", name.value());
    }

    public List<String> listLinks() {
        return ip("-o", "link", "show");
    }

    /** Adds {@code peer} to the VXLAN's flood list (head-end replication); repeating it is harmless. */
    public List<String> fdbAppend(InterfaceName vxlan, Ipv4Address peer) {
        return command("bridge", "fdb", "append", ALL_ZERO_MAC, "dev", vxlan.value(), "dst", peer.value());
    }

    private List<String> ip(String... args) {
        return command("ip", args);
    }

    private List<String> command(String program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        netns.ifPresent(ns -> {
            argv.add("-n");
            argv.add(ns.value());
        });
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }
}
