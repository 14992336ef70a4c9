package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.UplinkName;
import java.util.List;
import java.util.Optional;

/**
 * Brings a segment's VXLAN uplink to the wanted state: replaced when its VNI, addresses, port or learning
 * mode differ (the kernel cannot change those in place), otherwise only MTU, master, bridge learning and
 * up-state are corrected, and only when they differ.
 */
final class UplinkReconciler {

    private final HostCommands shell;
    private final LinuxBridgeCommands commands;

    UplinkReconciler(HostCommands shell, LinuxBridgeCommands commands) {
        this.shell = shell;
        this.commands = commands;
    }

    void ensure(SegmentPort port, List<String> changes) {
        UplinkName uplink = port.uplink();
        Optional<IpLink> found = LinkLookup.find(shell, commands, uplink.value());
        if (found.isPresent() && !sameTunnel(found.get(), port)) {
            shell.require(commands.delete(uplink.value()), "replace the stale uplink " + uplink);
            changes.add("replaced stale uplink (" + found.get().kindDetails().split(" srcport")[0] + ")");
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            create(port);
            changes.add("created uplink " + uplink + " to " + port.gatewayAddress());
            return;
        }
        correct(found.get(), port, changes);
    }

    private void create(SegmentPort port) {
        UplinkName uplink = port.uplink();
        BridgeName bridge = port.bridge();
        shell.require(commands.addUplink(port), "create VXLAN uplink " + uplink);
        shell.require(commands.noAddresses(uplink.value()), "keep host addresses off " + uplink);
        shell.require(commands.enslave(uplink.value(), bridge), "put " + uplink + " on " + bridge);
        shell.require(commands.uplinkLearningOff(uplink), "turn off learning on " + uplink);
        shell.require(commands.up(uplink.value()), "bring up " + uplink);
    }

    private void correct(IpLink link, SegmentPort port, List<String> changes) {
        UplinkName uplink = port.uplink();
        BridgeName bridge = port.bridge();
        if (link.mtu() != port.mtu()) {
            shell.require(commands.setMtu(uplink.value(), port.mtu()), "set the MTU of " + uplink);
            changes.add("uplink MTU " + link.mtu() + " -> " + port.mtu());
        }
        if (!link.master().filter(bridge.value()::equals).isPresent()) {
            shell.require(commands.enslave(uplink.value(), bridge), "put " + uplink + " on " + bridge);
            changes.add("uplink put on " + bridge);
        }
        if (!link.portAttribute("learning").filter("off"::equals).isPresent()) {
            shell.require(commands.uplinkLearningOff(uplink), "turn off learning on " + uplink);
            changes.add("uplink learning off");
        }
        if (!link.setting("addrgenmode").filter("none"::equals).isPresent()) {
            shell.require(commands.noAddresses(uplink.value()), "keep host addresses off " + uplink);
            changes.add("uplink address generation off");
        }
        if (!link.isUp()) {
            shell.require(commands.up(uplink.value()), "bring up " + uplink);
            changes.add("uplink up");
        }
    }

    private static boolean sameTunnel(IpLink link, SegmentPort port) {
        return link.isKind("vxlan")
                && link.attribute("id").equals(Optional.of(Integer.toString(port.vni().value())))
                && link.attribute("local").equals(Optional.of(port.hostAddress().value()))
                && link.attribute("remote").equals(Optional.of(port.gatewayAddress().value()))
                && link.attribute("dstport").equals(Optional.of(Integer.toString(LinuxBridgeCommands.VXLAN_PORT)))
                && link.hasKindFlag("nolearning");
    }
}
