package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.segment.SegmentDriver;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.UplinkName;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@link SegmentDriver} on a Linux bridge with iproute2: bridge {@code isbr<vni>} plus VXLAN uplink
 * {@code ishx<vni>} to the site gateway (see {@link LinuxBridgeCommands} for the exact settings). Serves one
 * host: the machine's own namespace, or the namespace an emulated host lives in. {@link #ensure} reads the
 * current state first and changes only what differs, so a second call runs no mutating command.
 */
public final class LinuxBridgeSegmentDriver implements SegmentDriver {

    public static final String NAME = "linux-bridge";
    private static final Logger LOG = System.getLogger(LinuxBridgeSegmentDriver.class.getName());
    private static final Pattern SEGMENT_LINK = Pattern.compile("is(br|hx)([1-9][0-9]{0,7})");

    private final Optional<NamespaceName> host;
    private final HostCommands shell;
    private final LinuxBridgeCommands commands;
    private final LinuxBridgeProbe probe;

    public LinuxBridgeSegmentDriver(CommandRunner runner, Optional<NamespaceName> host) {
        this.host = host;
        this.shell = new HostCommands(runner, host);
        this.commands = new LinuxBridgeCommands(host);
        this.probe = new LinuxBridgeProbe(runner, host);
    }

    /** A driver for segments in this machine's own network namespace. */
    public static LinuxBridgeSegmentDriver onHost() {
        return new LinuxBridgeSegmentDriver(CommandRunner.withDefaultTimeout(), Optional.empty());
    }

    /** A driver for the emulated host that lives in {@code namespace}. */
    public static LinuxBridgeSegmentDriver inNamespace(NamespaceName namespace) {
        return new LinuxBridgeSegmentDriver(CommandRunner.withDefaultTimeout(), Optional.of(namespace));
    }

    @Override
    public void ensure(SegmentPort port) {
        if (!port.namespace().equals(host)) {
            throw new InvalidRequestException("namespace", "segment " + port.vni() + " is for "
                    + port.namespace().map(ns -> "namespace " + ns).orElse("the host namespace")
                    + " but this driver serves " + shell.where() + "; use that host's driver");
        }
        List<String> changes = new ArrayList<>();
        ensureBridge(port.bridge(), port.mtu(), changes);
        refuseForeignMembers(port.bridge());
        new UplinkReconciler(shell, commands).ensure(port, changes);
        if (changes.isEmpty()) {
            LOG.log(Level.DEBUG, "segment {0} in {1} already in place", port.vni(), shell.where());
        } else {
            LOG.log(Level.INFO, "segment {0} in {1} towards gateway {2}: {3}", port.vni(), shell.where(),
                    port.gatewayAddress(), String.join(", ", changes));
        }
    }

    private void ensureBridge(BridgeName bridge, int mtu, List<String> changes) {
        Optional<IpLink> found = LinkLookup.find(shell, commands, bridge.value());
        if (found.isEmpty()) {
            shell.require(commands.addBridge(bridge, mtu), "create bridge " + bridge);
            shell.require(commands.noAddresses(bridge.value()), "keep host addresses off bridge " + bridge);
            shell.require(commands.up(bridge.value()), "bring up bridge " + bridge);
            changes.add("created bridge " + bridge);
            return;
        }
        IpLink link = found.get();
        if (!link.isKind("bridge")) {
            throw new SegmentException(bridge + " in " + shell.where() + " is a " + link.kind().orElse("plain link")
                    + ", not a bridge; delete it (ip link del " + bridge + ") so the segment can use the name");
        }
        if (link.mtu() != mtu) {
            shell.require(commands.setMtu(bridge.value(), mtu), "set the MTU of bridge " + bridge);
            changes.add("bridge MTU " + link.mtu() + " -> " + mtu);
        }
        if (!link.setting("addrgenmode").filter("none"::equals).isPresent()) {
            shell.require(commands.noAddresses(bridge.value()), "keep host addresses off bridge " + bridge);
            changes.add("bridge address generation off");
        }
        if (!link.isUp()) {
            shell.require(commands.up(bridge.value()), "bring up bridge " + bridge);
            changes.add("bridge up");
        }
    }

    /** A segment bridge carrying a management or foreign interface is an isolation breach: stop and say so. */
    private void refuseForeignMembers(BridgeName bridge) {
        CommandResult members = shell.require(commands.listMembers(bridge), "list the ports of " + bridge);
        List<String> foreign = IpLink.parseAll(members.stdout()).stream().map(IpLink::name)
                .filter(name -> !BridgeMembers.belongs(bridge, name)).toList();
        if (!foreign.isEmpty()) {
            throw new SegmentException("segment bridge " + bridge + " in " + shell.where() + " carries " + foreign
                    + ", which is not one of its own ports: a segment bridge must never join a management or foreign"
                    + " interface; detach it (ip link set dev <port> nomaster) and check who added it");
        }
    }

    @Override
    public void remove(Vni vni) {
        List<String> removed = new ArrayList<>();
        for (String name : List.of(UplinkName.forSegment(vni).value(), BridgeName.forSegment(vni).value())) {
            CommandResult deleted = shell.run(commands.delete(name));
            if (deleted.succeeded()) {
                removed.add(name);
            } else if (!HostCommands.deviceMissing(deleted)) {
                throw new SegmentException("could not remove " + name + " of segment " + vni + " in " + shell.where()
                        + ": " + deleted.describe());
            }
        }
        LOG.log(removed.isEmpty() ? Level.DEBUG : Level.INFO, "segment {0} removed from {1}: {2}", vni,
                shell.where(), removed.isEmpty() ? "nothing was there" : String.join(", ", removed));
    }

    @Override
    public Set<Vni> present() {
        CommandResult links = shell.require(commands.listLinks(), "list interfaces");
        Set<Vni> segments = new TreeSet<>((a, b) -> Integer.compare(a.value(), b.value()));
        for (IpLink link : IpLink.parseAll(links.stdout())) {
            var name = SEGMENT_LINK.matcher(link.name());
            if (name.matches() && Long.parseLong(name.group(2)) <= Vni.MAX) {
                segments.add(new Vni(Integer.parseInt(name.group(2))));
            }
        }
        return segments;
    }

    @Override
    public SegmentProbe probe() {
        return probe.probe();
    }
}
