package io.isthmus.rms.infrastructure.standin;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.segment.HostCommands;
import io.isthmus.rms.infrastructure.segment.IpLink;
import io.isthmus.rms.infrastructure.segment.LinuxBridgeCommands;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gives an L1 VM on the libvirt test driver a network presence that really carries frames: a namespace
 * {@code isvm-<8 hex>} per VM and, per NIC, a veth pair whose VM end ({@code eth<i>}, inside) carries the
 * broker's MAC and the tenant's IPv4 address and whose host end ({@code isvp<8 hex><i>}) sits on the segment
 * bridge {@code isbr<vni>} of the host the VM runs on (an emulated host's namespace, or this machine's).
 * Names come only from the domain UUID and NIC index (see {@link StandInId}). The segment must already be
 * ensured on the host. {@link #attach} and {@link #detach} are idempotent; {@link #present} lists the
 * stand-ins that exist, for reconcile after a restart.
 */
public final class VethStandInDriver {

    private static final Logger LOG = System.getLogger(VethStandInDriver.class.getName());

    private final HostCommands shell;
    private final LinuxBridgeCommands hostLinks;
    private final StandInCommands commands;

    public VethStandInDriver(CommandRunner runner, Optional<NamespaceName> host) {
        this.shell = new HostCommands(runner, host);
        this.hostLinks = new LinuxBridgeCommands(host);
        this.commands = new StandInCommands(host);
    }

    /**
     * Creates what is missing and corrects what differs: namespace, one veth per NIC on its segment bridge,
     * the VM end's MAC, MTU and IPv4 address; host ports of NICs the VM no longer has are removed.
     *
     * @throws SegmentException when a NIC's segment has no bridge on this host, or a command fails
     */
    public void attach(VmStandIn vm) {
        StandInId id = vm.id();
        Map<String, IpLink> links = hostLinksByName();
        for (StandInNic nic : vm.nics()) {
            BridgeName bridge = BridgeName.forSegment(nic.vni());
            if (!links.containsKey(bridge.value())) {
                throw new SegmentException("segment " + nic.vni() + " has no bridge " + bridge + " in "
                        + shell.where() + "; ensure the segment on this host before attaching stand-in " + id);
            }
        }
        if (!present().contains(id)) {
            shell.require(StandInCommands.addNamespace(id), "create stand-in namespace " + id.namespace());
        }
        shell.require(StandInCommands.loopbackUp(id), "bring up loopback in " + id.namespace());
        for (StandInNic nic : vm.nics()) {
            plug(id, nic, links);
        }
        Set<String> wanted = vm.nics().stream().map(nic -> id.hostPort(nic.index())).collect(Collectors.toSet());
        for (String stale : links.keySet()) {
            if (id.ownsHostPort(stale) && !wanted.contains(stale)) {
                shell.require(hostLinks.delete(stale), "remove stand-in port " + stale + " no longer in the domain");
            }
        }
        LOG.log(Level.INFO, "stand-in {0} attached in {1}: {2}", id.namespace(), shell.where(), vm.nics().stream()
                .map(n -> id.hostPort(n.index()) + "->isbr" + n.vni() + " " + n.mac())
                .collect(Collectors.joining(", ")));
    }

    private void plug(StandInId id, StandInNic nic, Map<String, IpLink> links) {
        BridgeName bridge = BridgeName.forSegment(nic.vni());
        String port = id.hostPort(nic.index());
        if (!links.containsKey(port)) {
            shell.require(commands.addVeth(id, nic), "create veth " + port + " for stand-in " + id);
        }
        shell.require(hostLinks.noAddresses(port), "keep host addresses off " + port);
        shell.require(hostLinks.enslave(port, bridge), "put " + port + " on " + bridge);
        shell.require(hostLinks.up(port), "bring up " + port);
        shell.require(StandInCommands.configureVmPort(id, nic), "set MAC " + nic.mac() + " on the VM end of " + port);
        CommandResult addresses = shell.require(StandInCommands.showVmAddresses(id, nic), "list addresses of " + port);
        boolean exact = nic.ipv4().map(ip -> addresses.stdout().lines().count() == 1
                && addresses.stdout().contains(" inet " + ip + " ")).orElse(addresses.stdout().isBlank());
        if (!exact) {
            shell.require(StandInCommands.flushVmAddresses(id, nic), "clear old addresses of " + port);
            if (nic.ipv4().isPresent()) {
                shell.require(StandInCommands.addVmAddress(id, nic), "address the VM end of " + port);
            }
        }
    }

    /** Removes the stand-in's host ports and namespace; an absent stand-in is a successful no-op. */
    public void detach(StandInId id) {
        int ports = 0;
        for (String name : hostLinksByName().keySet()) {
            if (id.ownsHostPort(name)) {
                CommandResult deleted = shell.run(hostLinks.delete(name));
                if (!deleted.succeeded() && !HostCommands.deviceMissing(deleted)) {
                    throw new SegmentException("could not remove stand-in port " + name + " in " + shell.where()
                            + ": " + deleted.describe());
                }
                ports++;
            }
        }
        boolean hadNamespace = present().contains(id);
        if (hadNamespace) {
            shell.require(StandInCommands.deleteNamespace(id), "delete stand-in namespace " + id.namespace());
        }
        LOG.log(ports == 0 && !hadNamespace ? Level.DEBUG : Level.INFO, "stand-in {0} detached from {1}: {2} port(s),"
                + " namespace {3}", id, shell.where(), ports, hadNamespace ? "deleted" : "already gone");
    }

    /** The stand-ins whose namespace exists now (namespaces are machine-wide, whichever host they hang off). */
    public Set<StandInId> present() {
        CommandResult listed = shell.require(StandInCommands.listNamespaces(), "list network namespaces");
        return listed.stdout().lines().map(line -> line.split(" ", 2)[0]).map(StandInId::fromNamespace)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> new TreeSet<>((a, b) -> a.value().compareTo(b.value()))));
    }

    /** The stand-ins with at least one host-side port on this host (which host a stand-in belongs to). */
    public Set<StandInId> attachedHere() {
        return hostLinksByName().keySet().stream()
                .filter(name -> BridgeMembers.STAND_IN_PORT.matcher(name).matches())
                .map(name -> new StandInId(name.substring(StandInId.PORT_PREFIX.length(),
                        StandInId.PORT_PREFIX.length() + 8)))
                .collect(Collectors.toCollection(() -> new TreeSet<>((a, b) -> a.value().compareTo(b.value()))));
    }

    private Map<String, IpLink> hostLinksByName() {
        CommandResult listed = shell.require(hostLinks.listLinks(), "list interfaces");
        return IpLink.parseAll(listed.stdout()).stream()
                .collect(Collectors.toMap(IpLink::name, Function.identity(), (a, b) -> a));
    }
}
