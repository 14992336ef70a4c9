package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.segment.SegmentDriver;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@link SegmentDriver} on Open vSwitch: bridge {@code isbr<vni>} with one {@code type=vxlan} port
 * {@code ishx<vni>} keyed by the VNI towards the site gateway (see {@link OvsCommands}). Works on a real host
 * only (OVS bridges live in ovs-vswitchd's namespace, not in an emulated host's). Every operation first
 * checks {@link #probe()} (once it succeeded it is not repeated) and refuses with the probe's message when
 * OVS cannot run here.
 */
public final class OvsSegmentDriver implements SegmentDriver {

    public static final String NAME = "ovs";
    private static final Logger LOG = System.getLogger(OvsSegmentDriver.class.getName());
    private static final Pattern SEGMENT_BRIDGE = Pattern.compile("isbr([1-9][0-9]{0,7})");

    private final HostCommands shell;
    private final OvsCommands commands = new OvsCommands();
    private final OvsProbe probe;
    private volatile boolean usable;

    public OvsSegmentDriver(CommandRunner runner) {
        this(runner, Path.of("/sys/module/openvswitch"));
    }

    OvsSegmentDriver(CommandRunner runner, Path loadedModule) {
        this.shell = new HostCommands(runner, Optional.empty());
        this.probe = new OvsProbe(runner, commands, loadedModule);
    }

    @Override
    public void ensure(SegmentPort port) {
        if (port.namespace().isPresent()) {
            throw new InvalidRequestException("namespace", "Open vSwitch cannot carry segment " + port.vni()
                    + " inside namespace " + port.namespace().get() + ": its bridges live in ovs-vswitchd's namespace;"
                    + " use the linux-bridge driver for emulated hosts");
        }
        requireUsable();
        BridgeName bridge = port.bridge();
        shell.require(commands.addBridge(bridge, port.mtu()), "create OVS bridge " + bridge);
        shell.require(commands.addUplink(port), "attach VXLAN uplink " + port.uplink() + " to " + bridge);
        CommandResult ports = shell.require(commands.listPorts(bridge), "list the ports of " + bridge);
        List<String> foreign = ports.stdout().lines().map(String::strip).filter(p -> !p.isEmpty())
                .filter(p -> !BridgeMembers.belongs(bridge, p)).toList();
        if (!foreign.isEmpty()) {
            throw new SegmentException("OVS segment bridge " + bridge + " carries " + foreign + ", which is not one of"
                    + " its own ports: a segment bridge must never join a management or foreign interface; remove it"
                    + " (ovs-vsctl del-port " + bridge + " <port>) and check who added it");
        }
        LOG.log(Level.INFO, "segment {0} on OVS bridge {1}, VXLAN {2} -> {3}", port.vni(), bridge, port.uplink(),
                port.gatewayAddress());
    }

    @Override
    public void remove(Vni vni) {
        requireUsable();
        BridgeName bridge = BridgeName.forSegment(vni);
        shell.require(commands.deleteBridge(bridge), "delete OVS bridge " + bridge);
        LOG.log(Level.INFO, "segment {0}: OVS bridge {1} and its uplink removed (if they were there)", vni, bridge);
    }

    @Override
    public Set<Vni> present() {
        requireUsable();
        CommandResult bridges = shell.require(commands.listBridges(), "list OVS bridges");
        Set<Vni> segments = new TreeSet<>((a, b) -> Integer.compare(a.value(), b.value()));
        bridges.stdout().lines().map(String::strip).map(SEGMENT_BRIDGE::matcher).filter(m -> m.matches())
                .filter(m -> Long.parseLong(m.group(1)) <= Vni.MAX)
                .forEach(m -> segments.add(new Vni(Integer.parseInt(m.group(1)))));
        return segments;
    }

    @Override
    public SegmentProbe probe() {
        return probe.probe();
    }

    private void requireUsable() {
        if (usable) {
            return;
        }
        SegmentProbe result = probe.probe();
        if (!result.usable()) {
            throw new SegmentException("the Open vSwitch segment driver cannot run here: " + result.describe());
        }
        usable = true;
    }
}
