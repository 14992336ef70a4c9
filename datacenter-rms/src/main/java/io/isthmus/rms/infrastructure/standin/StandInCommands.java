package io.isthmus.rms.infrastructure.standin;

import io.isthmus.rms.domain.site.NamespaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code ip} argument arrays of VM stand-ins: the stand-in's own namespace, the veth pair between
 * it and the host (created from the host's side, the VM end placed straight into the stand-in namespace) and
 * the VM end's MAC, MTU and IPv4 address. Host-side bridge commands come from
 * {@link io.isthmus.rms.infrastructure.segment.LinuxBridgeCommands}.
 */
public final class StandInCommands {

    private final Optional<NamespaceName> host;

    public StandInCommands(Optional<NamespaceName> host) {
        this.host = host;
    }

    public static List<String> listNamespaces() {
        return List.of("ip", "netns", "list");
    }

    public static List<String> addNamespace(StandInId id) {
        return List.of("ip", "netns", "add", id.namespace().value());
    }

    public static List<String> deleteNamespace(StandInId id) {
        return List.of("ip", "netns", "del", id.namespace().value());
    }

    public static List<String> loopbackUp(StandInId id) {
        return inVm(id, "link", "set", "dev", "lo", "up");
    }

    /** The veth pair of one NIC, both ends with the segment's MTU. */
    public List<String> addVeth(StandInId id, StandInNic nic) {
        String mtu = Integer.toString(nic.mtu());
        List<String> argv = new ArrayList<>(List.of("ip"));
        host.ifPresent(ns -> argv.addAll(List.of("-n", ns.value())));
        argv.addAll(List.of("link", "add", "name", id.hostPort(nic.index()), "mtu", mtu, "type", "veth",
                "peer", "name", StandInId.vmPort(nic.index()), "mtu", mtu, "netns", id.namespace().value()));
        return List.copyOf(argv);
    }

    /** Gives the VM end the broker's MAC and the segment's MTU and brings it up; repeating it changes nothing. */
    public static List<String> configureVmPort(StandInId id, StandInNic nic) {
        return inVm(id, "link", "set", "dev", StandInId.vmPort(nic.index()), "address", nic.mac().value(),
                "mtu", Integer.toString(nic.mtu()), "up");
    }

    public static List<String> showVmAddresses(StandInId id, StandInNic nic) {
        return inVm(id, "-o", "-4", "addr", "show", "dev", StandInId.vmPort(nic.index()));
    }

    public static List<String> flushVmAddresses(StandInId id, StandInNic nic) {
        return inVm(id, "-4", "addr", "flush", "dev", StandInId.vmPort(nic.index()));
    }

    public static List<String> addVmAddress(StandInId id, StandInNic nic) {
        String cidr = nic.ipv4().orElseThrow(() -> new IllegalArgumentException("NIC " + nic.index() + " of "
                + id + " has no IPv4 address to add")).toString();
        return inVm(id, "addr", "add", cidr, "dev", StandInId.vmPort(nic.index()));
    }

    private static List<String> inVm(StandInId id, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", id.namespace().value()));
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }
}
