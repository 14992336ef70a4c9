package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Caps the packet rate of VM ports with nftables where the kernel has no tc police action (see
 * {@link NftPacketCapCommands} for the layout). Frames towards a VM cross the segment bridge's forward hook with the
 * VM's port as output interface, the direction HTB shapes, and a rule drops what exceeds the port's rate. At most
 * one rule per port; the table is made with the first rule and deleted with the last. Every operation reads the
 * chain first, so it is idempotent and takes up what an earlier run of the RMS left. Without {@code nft} caps are
 * {@link PacketCapStatus#UNSUPPORTED}, said once.
 */
public final class NftPacketCap {

    private static final Logger LOG = System.getLogger(NftPacketCap.class.getName());
    private static final Pattern NO_TABLE = Pattern.compile("No such file or directory");

    private final CommandRunner runner;
    private final NftPacketCapCommands commands;
    private final String nft;
    private final String where;
    private boolean missing;
    private boolean warned;

    /** A capper running {@code nft} from PATH in {@code namespace}, or in this one. */
    public NftPacketCap(CommandRunner runner, Optional<NamespaceName> namespace) {
        this(runner, namespace, "nft");
    }

    /** A capper running the {@code nft} binary at {@code nft}. */
    public NftPacketCap(CommandRunner runner, Optional<NamespaceName> namespace, String nft) {
        this.runner = runner;
        this.commands = new NftPacketCapCommands(namespace, nft);
        this.nft = nft;
        this.where = namespace.map(ns -> "namespace " + ns).orElse("the host namespace");
    }

    /**
     * Holds what leaves the bridge through {@code port} to {@code cap} packets per second, replacing any earlier cap
     * of the port; a port already capped so is left alone (its token bucket keeps running).
     *
     * @return {@link PacketCapStatus#ENFORCED}, or {@link PacketCapStatus#UNSUPPORTED} when nft is not installed
     * @throws QosException when the port is not a VM port, or nft refuses the rule
     */
    public synchronized PacketCapStatus cap(VifId port, PacketRate cap) {
        NftPacketCapCommands.requireVmPort(port);
        Optional<Chain> chain = chain();
        if (chain.isEmpty()) {
            warnOnce();
            return PacketCapStatus.UNSUPPORTED;
        }
        List<NftPortRule> own = chain.get().rules().stream().filter(r -> r.caps(port.value())).toList();
        long rate = NftPacketCapCommands.rate(cap);
        long burst = NftPacketCapCommands.burst(cap);
        if (own.size() == 1 && own.get(0).holds(rate, burst)) {
            return PacketCapStatus.ENFORCED;
        }
        require(run(commands.cap(port, cap, own.stream().map(NftPortRule::handle).toList())),
                "cap the packet rate of port " + port);
        LOG.log(Level.INFO, "port {0} in {1} capped at {2} pkt/s (burst {3} packets) with nftables", port, where,
                Long.toString(rate), Long.toString(burst));
        return PacketCapStatus.ENFORCED;
    }

    /** Removes the port's cap, and the table with it when it was the last; no rule (or no nft) is a no-op. */
    public synchronized void uncap(VifId port) {
        if (!NftPacketCapCommands.isVmPort(port)) {
            return;
        }
        Optional<Chain> chain = chain();
        if (chain.isEmpty()) {
            return;
        }
        List<NftPortRule> own = chain.get().rules().stream().filter(r -> r.caps(port.value())).toList();
        if (own.isEmpty()) {
            return;
        }
        delete(chain.get().rules(), own, "drop the packet cap of port " + port);
        LOG.log(Level.INFO, "packet cap of port {0} in {1} removed", port, where);
    }

    /**
     * Removes the caps of every port not in {@code ports} (rules outlive their port: they match by name), and the
     * table when nothing is left in it. Meant for a restart, before the claimed ports are capped again.
     */
    public synchronized void retainOnly(Set<VifId> ports) {
        Optional<Chain> chain = chain();
        if (chain.isEmpty() || !chain.get().tablePresent()) {
            return;
        }
        List<NftPortRule> rules = chain.get().rules();
        Set<String> claimed = ports.stream().map(VifId::value).collect(Collectors.toSet());
        List<NftPortRule> stale = rules.stream()
                .filter(r -> !r.port().isEmpty() && !claimed.contains(r.port())).toList();
        if (stale.isEmpty() && !rules.isEmpty()) {
            return;
        }
        delete(rules, stale, "remove the packet caps of ports no contract claims");
        if (!stale.isEmpty()) {
            LOG.log(Level.INFO, "removed the packet caps in {0} of ports no contract claims: {1}", where,
                    stale.stream().map(NftPortRule::port).toList());
        }
    }

    /** Deletes {@code rules} from {@code chain}; when nothing else is left, the whole table. */
    private void delete(List<NftPortRule> chain, List<NftPortRule> rules, String what) {
        if (rules.size() == chain.size()) {
            require(run(commands.deleteTable()), what);
            LOG.log(Level.DEBUG, "table {0} {1} in {2} deleted with its last rule", NftPacketCapCommands.FAMILY,
                    NftPacketCapCommands.TABLE, where);
        } else {
            require(run(commands.deleteRules(rules.stream().map(NftPortRule::handle).toList())), what);
        }
    }

    /** The chain as nft lists it (no rules when there is no table yet); empty when nft is not installed. */
    private Optional<Chain> chain() {
        if (missing) {
            return Optional.empty();
        }
        CommandResult listed = run(commands.listChain());
        if (missing) {
            return Optional.empty();
        }
        if (listed.succeeded()) {
            return Optional.of(new Chain(true, NftPortRule.parse(listed.stdout())));
        }
        if (NO_TABLE.matcher(listed.stderr()).find()) {
            return Optional.of(new Chain(false, List.of()));
        }
        throw failure("read the packet caps", listed);
    }

    /** Runs nft; a binary that is not there marks nft missing and reads as a failed run. */
    private CommandResult run(List<String> command) {
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (CommandException e) {
            if (e.getCause() instanceof IOException) {
                missing = true;
                return new CommandResult(command, 127, "", e.getMessage());
            }
            throw new QosException(e.getMessage(), e);
        }
        if (!result.succeeded() && result.stderr().contains("exec of \"" + nft + "\" failed")) {
            missing = true;
        }
        return result;
    }

    private void require(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw failure(what, result);
        }
    }

    private QosException failure(String what, CommandResult result) {
        return new QosException("could not " + what + " in " + where + " with nftables: " + result.describe()
                + (missing ? "; install nftables (apt-get install nftables)"
                        : "; check that the RMS runs as root and the kernel has nf_tables with the bridge family"));
    }

    private void warnOnce() {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, "nft is not installed in " + where + " (apt-get install nftables, then restart the"
                    + " RMS): packet-rate caps are not enforced on this host, bandwidth still is");
        }
    }

    /** What {@code nft -a list chain} found: whether our table (and chain) is there, and the chain's rules. */
    private record Chain(boolean tablePresent, List<NftPortRule> rules) {
    }
}
