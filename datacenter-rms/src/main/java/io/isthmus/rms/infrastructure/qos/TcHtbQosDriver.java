package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.QosDriver;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shapes host-side ports with tc HTB (see {@link TcHtbCommands} for the layout), in the host's own network
 * namespace or in a named one. The packet cap is a tc police action where the kernel has one; the first time the
 * kernel refuses it the driver says so once and from then on caps packets with nftables ({@link NftPacketCap}) on
 * the segment bridge instead, reporting {@link PacketCapStatus#UNSUPPORTED} only when nft is missing too. Either
 * way the port carries one cap: taking the cap away, or the port's shaping, removes both kinds.
 */
public final class TcHtbQosDriver implements QosDriver {

    private static final Logger LOG = System.getLogger(TcHtbQosDriver.class.getName());
    private static final Pattern NO_POLICER = Pattern.compile(
            "Failed to load TC action module|Unknown action|classifier not found|Operation not supported",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_DEVICE = Pattern.compile("Cannot find device", Pattern.CASE_INSENSITIVE);

    private final CommandRunner runner;
    private final TcHtbCommands commands;
    private final NftPacketCap nft;
    private final String where;
    private volatile boolean policerMissing;

    /** A driver for ports in {@code namespace} (or this one) that caps packets with {@code nft} from PATH. */
    public TcHtbQosDriver(CommandRunner runner, Optional<NamespaceName> namespace) {
        this(runner, namespace, new NftPacketCap(runner, namespace));
    }

    /** A driver whose packet caps fall back to {@code nft}, which must work in the same namespace. */
    public TcHtbQosDriver(CommandRunner runner, Optional<NamespaceName> namespace, NftPacketCap nft) {
        this.runner = runner;
        this.commands = new TcHtbCommands(namespace);
        this.nft = nft;
        this.where = namespace.map(ns -> "namespace " + ns).orElse("the host namespace");
    }

    /** A driver for ports in the host's own namespace. */
    public static TcHtbQosDriver onHost() {
        return new TcHtbQosDriver(CommandRunner.withDefaultTimeout(), Optional.empty());
    }

    @Override
    public PacketCapStatus apply(Allocation allocation) {
        VifId port = allocation.id();
        CommandResult root = require(run(commands.showQdisc(port)), "inspect port " + port);
        if (!TcHtbCommands.hasHtbRoot(root.stdout())) {
            require(run(commands.rootQdisc(port)), "put an HTB root on port " + port);
        }
        for (List<String> command : commands.classes(allocation)) {
            require(run(command), "shape port " + port);
        }
        LOG.log(Level.DEBUG, "shaped {0} in {1}: rate {2}, ceil {3}", port, where, allocation.rate(),
                allocation.ceil());
        if (!allocation.packetCap().isLimited()) {
            dropPolicer(port);
            nft.uncap(port);
            return PacketCapStatus.NOT_REQUESTED;
        }
        if (!policerMissing && police(port, allocation)) {
            nft.uncap(port);
            return PacketCapStatus.ENFORCED;
        }
        return nft.cap(port, allocation.packetCap());
    }

    /** Puts a tc police action on the port; false (said once) when the kernel has none. */
    private boolean police(VifId port, Allocation allocation) {
        CommandResult police = run(commands.packetPolicer(port, allocation.packetCap()));
        if (police.succeeded()) {
            return true;
        }
        if (NO_POLICER.matcher(police.stderr()).find()) {
            policerMissing = true;
            LOG.log(Level.WARNING, "the kernel has no tc police action (CONFIG_NET_ACT_POLICE) or u32 classifier:"
                    + " packet-rate caps are enforced with nftables on the segment bridges instead; "
                    + police.describe());
            return false;
        }
        throw new QosException("could not cap the packet rate of port " + port + " in " + where + ": "
                + police.describe());
    }

    /** Removes the port's HTB (with any police filter on it) and its nftables cap, which outlives the port. */
    @Override
    public void remove(VifId port) {
        nft.uncap(port);
        CommandResult shown = run(commands.showQdisc(port));
        if (!shown.succeeded() && NO_DEVICE.matcher(shown.stderr()).find()) {
            LOG.log(Level.DEBUG, "port {0} is gone from {1}; nothing to unshape", port, where);
            return;
        }
        require(shown, "inspect port " + port);
        if (!TcHtbCommands.hasHtbRoot(shown.stdout())) {
            return;
        }
        require(run(commands.removeRoot(port)), "unshape port " + port);
        LOG.log(Level.INFO, "removed shaping from {0} in {1}", port, where);
    }

    /** Drops the nftables caps of ports not in {@code ports}; HTB and police filters go with their port. */
    @Override
    public void retainOnly(Set<VifId> ports) {
        nft.retainOnly(ports);
    }

    private void dropPolicer(VifId port) {
        CommandResult filters = require(run(commands.showFilters(port)), "list filters of port " + port);
        if (!filters.stdout().isBlank()) {
            require(run(commands.removeFilters(port)), "drop the packet cap of port " + port);
        }
    }

    /** Runs a tc command; a command that cannot be run at all is a {@link QosException} with the same message. */
    private CommandResult run(List<String> command) {
        try {
            return runner.run(command);
        } catch (CommandException e) {
            throw new QosException(e.getMessage(), e);
        }
    }

    private CommandResult require(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new QosException("could not " + what + " in " + where + ": " + result.describe()
                    + "; check that the port exists and that the RMS runs as root");
        }
        return result;
    }
}
