package io.isthmus.rms.infrastructure.dataplane;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.HostUnderlay;
import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.UplinkName;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.segment.HostCommands;
import io.isthmus.rms.infrastructure.segment.IpLink;
import io.isthmus.rms.infrastructure.segment.LinuxBridgeCommands;
import io.isthmus.rms.infrastructure.segment.LinuxBridgeSegmentDriver;
import io.isthmus.rms.infrastructure.standin.VethStandInDriver;
import java.util.Optional;

/** The segment and stand-in drivers of one emulated host, plus the one question both need: is a bridge in use. */
final class HostDataPlane {

    private final HostUnderlay underlay;
    private final Ipv4Address gateway;
    private final LinuxBridgeSegmentDriver segments;
    private final VethStandInDriver standIns;
    private final HostCommands shell;
    private final LinuxBridgeCommands links;

    HostDataPlane(HostUnderlay underlay, Ipv4Address gateway, CommandRunner runner) {
        this.underlay = underlay;
        this.gateway = gateway;
        Optional<NamespaceName> ns = Optional.of(underlay.namespace());
        this.segments = new LinuxBridgeSegmentDriver(runner, ns);
        this.standIns = new VethStandInDriver(runner, ns);
        this.shell = new HostCommands(runner, ns);
        this.links = new LinuxBridgeCommands(ns);
    }

    HostUnderlay underlay() {
        return underlay;
    }

    LinuxBridgeSegmentDriver segments() {
        return segments;
    }

    VethStandInDriver standIns() {
        return standIns;
    }

    SegmentPort port(Vni vni) {
        return SegmentPort.of(vni, underlay.lanAddress(), gateway).inNamespace(underlay.namespace());
    }

    /** Whether anything but the segment's own uplink sits on its bridge (a stand-in port or a VM tap). */
    boolean inUse(Vni vni) {
        BridgeName bridge = BridgeName.forSegment(vni);
        CommandResult members = shell.run(links.listMembers(bridge));
        if (!members.succeeded()) {
            return false;
        }
        String uplink = UplinkName.forSegment(vni).value();
        return IpLink.parseAll(members.stdout()).stream().anyMatch(link -> !link.name().equals(uplink));
    }

    /** Removes the segment when nothing on this host uses it any more; says whether it did. */
    boolean removeIfUnused(Vni vni) {
        if (!segments.present().contains(vni) || inUse(vni)) {
            return false;
        }
        segments.remove(vni);
        return true;
    }
}
