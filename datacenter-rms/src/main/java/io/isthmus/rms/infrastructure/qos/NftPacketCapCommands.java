package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@code nft} argument arrays of the packet cap, optionally inside a network namespace. Layout: table
 * {@code bridge isthmus-qos}, base chain {@code portcap} on the bridge forward hook, one rule per VM port:
 * {@code oifname "<port>" limit rate over <n>/second burst <b> packets drop}. Changes that belong together go in one
 * {@code nft} run (commands separated by {@code ;}), which nft applies as one transaction: all or nothing.
 */
public final class NftPacketCapCommands {

    static final String FAMILY = "bridge";
    static final String TABLE = "isthmus-qos";
    static final String CHAIN = "portcap";
    /** A stand-in's host-side port ({@code isvp<8 hex><index>}) or a libvirt tap ({@code vnet<n>}). */
    static final Pattern VM_PORT = Pattern.compile(BridgeMembers.STAND_IN_PORT.pattern() + "|vnet(0|[1-9][0-9]{0,5})");
    static final long SMALLEST_BURST = 10;

    private final Optional<NamespaceName> namespace;
    private final String nft;

    /** Commands that run {@code nft} (a name found on PATH, or a path) in {@code namespace}, or in this one. */
    public NftPacketCapCommands(Optional<NamespaceName> namespace, String nft) {
        this.namespace = namespace;
        this.nft = nft;
    }

    /** Whether the port may carry a packet-cap rule: only VM ports, whose names are safe inside nft quotes. */
    static boolean isVmPort(VifId port) {
        return VM_PORT.matcher(port.value()).matches();
    }

    /** The rate a rule holds the port to: the cap, but at least 1 pkt/s (nft has no rate 0). */
    static long rate(PacketRate cap) {
        return Math.max(1, cap.perSecond());
    }

    /** The packets a port may send at once above its rate: a tenth of a second's worth, at least 10. */
    static long burst(PacketRate cap) {
        return Math.max(SMALLEST_BURST, rate(cap) / 10);
    }

    /** The chain with each rule's handle ({@code # handle <n>}), as {@link NftPortRule#parse} reads it. */
    public List<String> listChain() {
        return nft("-a", "list", "chain", FAMILY, TABLE, CHAIN);
    }

    /**
     * Creates table and chain if missing, adds the port's rule and deletes {@code replaced} (the port's earlier
     * rules), in one transaction: the port is never without a cap in between.
     */
    public List<String> cap(VifId port, PacketRate cap, Collection<Long> replaced) {
        requireVmPort(port);
        if (!cap.isLimited()) {
            throw new IllegalArgumentException("an unlimited packet rate needs no rule on " + port);
        }
        List<String> args = new ArrayList<>(List.of("add", "table", FAMILY, TABLE, ";",
                "add", "chain", FAMILY, TABLE, CHAIN, "{", "type", "filter", "hook", "forward", "priority", "0", ";",
                "}", ";",
                "add", "rule", FAMILY, TABLE, CHAIN, "oifname", quoted(port), "limit", "rate", "over",
                rate(cap) + "/second", "burst", Long.toString(burst(cap)), "packets", "drop"));
        for (long handle : replaced) {
            args.addAll(List.of(";", "delete", "rule", FAMILY, TABLE, CHAIN, "handle", Long.toString(handle)));
        }
        return nft(args.toArray(String[]::new));
    }

    /** Deletes the rules with these handles, in one transaction. */
    public List<String> deleteRules(Collection<Long> handles) {
        if (handles.isEmpty()) {
            throw new IllegalArgumentException("no rule handles to delete");
        }
        List<String> args = new ArrayList<>();
        for (long handle : handles) {
            if (!args.isEmpty()) {
                args.add(";");
            }
            args.addAll(List.of("delete", "rule", FAMILY, TABLE, CHAIN, "handle", Long.toString(handle)));
        }
        return nft(args.toArray(String[]::new));
    }

    /** Deletes the table with its chain and every rule in it. */
    public List<String> deleteTable() {
        return nft("delete", "table", FAMILY, TABLE);
    }

    private static String quoted(VifId port) {
        return "\"" + port.value() + "\"";
    }

    static void requireVmPort(VifId port) {
        if (!isVmPort(port)) {
            throw new QosException("port '" + port + "' is not a VM port (isvp<8 hex><index> or vnet<n>): the"
                    + " nftables packet cap matches only VM ports by name");
        }
    }

    private List<String> nft(String... args) {
        List<String> command = new ArrayList<>();
        namespace.ifPresent(ns -> command.addAll(List.of("ip", "netns", "exec", ns.value())));
        command.add(nft);
        command.addAll(List.of(args));
        return List.copyOf(command);
    }
}
