package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.UplinkName;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the iproute2 argument arrays ({@code ip}, {@code bridge}) of the Linux-bridge segment driver, each
 * with {@code -n <namespace>} when the host is emulated. Every name comes in as a validated type; the only
 * free-form name, a port to enslave, is checked against {@link BridgeMembers} before an array exists.
 */
public final class LinuxBridgeCommands {

    /** IANA's VXLAN port. */
    /**
     * UDP port of the site leg (host ↔ site gateway). Not VXLAN's 4789: the gateway runs the inter-site mesh of
     * the same VNI on 4789, and the kernel allows one VXLAN device per VNI and port in a namespace.
     */
    public static final int VXLAN_PORT = 4790;

    private final Optional<NamespaceName> namespace;

    public LinuxBridgeCommands(Optional<NamespaceName> namespace) {
        this.namespace = namespace;
    }

    /** Every link with its details ({@code -d}), one line each. */
    public List<String> listLinks() {
        return ip("-o", "-d", "link", "show");
    }

    /** One link with its details; exits non-zero with "does not exist" when it is absent. */
    public List<String> showLink(String name) {
        return ip("-o", "-d", "link", "show", "dev", name);
    }

    /** The interfaces enslaved to {@code bridge}. */
    public List<String> listMembers(BridgeName bridge) {
        return ip("-o", "link", "show", "master", bridge.value());
    }

    public List<String> addBridge(BridgeName bridge, int mtu) {
        return ip("link", "add", "name", bridge.value(), "mtu", Integer.toString(mtu), "type", "bridge");
    }

    /**
     * The uplink: VXLAN with the segment's VNI from the host's LAN address to the gateway's on UDP 4790 (the site leg). Given
     * a {@code remote}, the kernel installs the all-zero FDB entry to it, so every frame the bridge sends out
     * (broadcast, unknown and known unicast alike) goes to the gateway; {@code nolearning} keeps the VXLAN from
     * learning other endpoints, since the gateway is the only one a host may talk to.
     */
    public List<String> addUplink(SegmentPort port) {
        return ip("link", "add", "name", port.uplink().value(), "mtu", Integer.toString(port.mtu()), "type", "vxlan",
                "id", Integer.toString(port.vni().value()), "local", port.hostAddress().value(),
                "remote", port.gatewayAddress().value(), "dstport", Integer.toString(VXLAN_PORT), "nolearning");
    }

    /** No IPv6 link-local address: the host has no L3 presence on a tenant segment. */
    public List<String> noAddresses(String name) {
        return ip("link", "set", "dev", name, "addrgenmode", "none");
    }

    public List<String> setMtu(String name, int mtu) {
        return ip("link", "set", "dev", name, "mtu", Integer.toString(mtu));
    }

    /** Puts {@code port} on {@code bridge}, refusing (before any command exists) anything not the segment's own. */
    public List<String> enslave(String port, BridgeName bridge) {
        return ip("link", "set", "dev", BridgeMembers.requireEnslavable(bridge, port), "master", bridge.value());
    }

    /**
     * The bridge never learns source addresses on its uplink: the gateway is a hub that may send a host's own
     * flooded frames back to it, and learning those would move a local VM's MAC onto the uplink. Frames to
     * remote VMs are flooded on the host bridge instead, which the uplink sends to the gateway.
     */
    public List<String> uplinkLearningOff(UplinkName uplink) {
        return command("bridge", "link", "set", "dev", uplink.value(), "learning", "off");
    }

    public List<String> up(String name) {
        return ip("link", "set", "dev", name, "up");
    }

    public List<String> delete(String name) {
        return ip("link", "del", "dev", name);
    }

    List<String> ip(String... args) {
        return command("ip", args);
    }

    private List<String> command(String program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        namespace.ifPresent(ns -> argv.addAll(List.of("-n", ns.value())));
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }
}
