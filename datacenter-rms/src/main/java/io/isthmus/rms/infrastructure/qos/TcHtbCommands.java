package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code tc} argument arrays that shape one port, optionally inside a network namespace.
 * Layout per port: root qdisc {@code htb 1:} sending everything to leaf {@code 1:10}; class {@code 1:1}
 * is the port's envelope (rate = ceil = the allocation's ceil), leaf {@code 1:10} under it has the
 * allocation's rate and may borrow up to its ceil. A root HTB class cannot borrow, hence the envelope.
 * The packet cap is a u32 match-all filter on {@code 1:} with a {@code police pkts_rate} action.
 */
public final class TcHtbCommands {

    static final String ROOT_HANDLE = "1:";
    static final String PORT_CLASS = "1:1";
    static final String LEAF_CLASS = "1:10";
    static final String FILTER_PRIO = "1";
    static final String FILTER_HANDLE = "800::800";
    /** HTB rejects a rate of 0, so a starved port is held to this smallest rate instead. */
    static final long SMALLEST_KBPS = 1;
    private static final long MIN_QUANTUM = 1514;
    private static final long MAX_QUANTUM = 200_000;

    private final Optional<NamespaceName> namespace;

    public TcHtbCommands(Optional<NamespaceName> namespace) {
        this.namespace = namespace;
    }

    /**
     * Puts the HTB root on a port, replacing whatever root qdisc it had. Run it only when the port has no
     * {@code htb 1:} root yet: the kernel refuses to "replace" an HTB root by another one (no change op).
     */
    public List<String> rootQdisc(VifId port) {
        return tc("qdisc", "replace", "dev", port.value(), "root", "handle", ROOT_HANDLE, "htb", "default", "10");
    }

    /** The root's output in {@link #showQdisc} when the port already carries our HTB root. */
    public static boolean hasHtbRoot(String showQdiscOutput) {
        return showQdiscOutput.contains("qdisc htb " + ROOT_HANDLE + " root");
    }

    /** Envelope class and leaf class, in the order they must run; each replaces what is there. */
    public List<List<String>> classes(Allocation allocation) {
        String dev = allocation.id().value();
        long ceil = Math.max(SMALLEST_KBPS, allocation.ceil().kbps());
        long rate = Math.max(SMALLEST_KBPS, Math.min(allocation.rate().kbps(), ceil));
        return List.of(
                tc("class", "replace", "dev", dev, "parent", ROOT_HANDLE, "classid", PORT_CLASS, "htb",
                        "rate", kbit(ceil), "ceil", kbit(ceil), "quantum", quantum(ceil)),
                tc("class", "replace", "dev", dev, "parent", PORT_CLASS, "classid", LEAF_CLASS, "htb",
                        "rate", kbit(rate), "ceil", kbit(ceil), "quantum", quantum(rate)));
    }

    /** Polices everything leaving the port to {@code cap} packets per second (needs the kernel's act_police). */
    public List<String> packetPolicer(VifId port, PacketRate cap) {
        if (!cap.isLimited()) {
            throw new IllegalArgumentException("an unlimited packet rate needs no policer on " + port);
        }
        long rate = Math.max(1, cap.perSecond());
        return tc("filter", "replace", "dev", port.value(), "parent", ROOT_HANDLE, "protocol", "all",
                "prio", FILTER_PRIO, "handle", FILTER_HANDLE, "u32", "match", "u32", "0", "0",
                "flowid", LEAF_CLASS, "action", "police", "pkts_rate", Long.toString(rate),
                "pkts_burst", Long.toString(Math.max(1, rate / 10)), "conform-exceed", "drop/ok");
    }

    public List<String> showFilters(VifId port) {
        return tc("filter", "show", "dev", port.value(), "parent", ROOT_HANDLE);
    }

    public List<String> removeFilters(VifId port) {
        return tc("filter", "del", "dev", port.value(), "parent", ROOT_HANDLE, "prio", FILTER_PRIO);
    }

    public List<String> showQdisc(VifId port) {
        return tc("qdisc", "show", "dev", port.value());
    }

    public List<String> removeRoot(VifId port) {
        return tc("qdisc", "del", "dev", port.value(), "root");
    }

    public List<String> showClasses(VifId port) {
        return tc("class", "show", "dev", port.value());
    }

    private List<String> tc(String... args) {
        List<String> command = new ArrayList<>();
        namespace.ifPresent(ns -> command.addAll(List.of("ip", "netns", "exec", ns.value())));
        command.add("tc");
        command.addAll(List.of(args));
        return List.copyOf(command);
    }

    static String kbit(long kbps) {
        return kbps + "kbit";
    }

    private static String quantum(long kbps) {
        // HTB's own default is bytes per second / r2q (10); clamp it to the range HTB accepts without warning.
        long bytesPerSecondOverR2q = kbps >= MAX_QUANTUM ? MAX_QUANTUM : kbps * 125 / 10;
        return Long.toString(Math.max(MIN_QUANTUM, Math.min(MAX_QUANTUM, bytesPerSecondOverR2q)));
    }
}
