package io.isthmus.rms.infrastructure.qos;

import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.Demand;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transmit counters of one interface as {@code ip -s -j link show} prints them ({@code stats64.tx}, or
 * {@code stats.tx} on older iproute2): bytes and packets the interface sent. On a VM's host-side port "sent" is
 * towards the VM, the direction the port's HTB shapes, so their growth over a period is the port's demand.
 */
record LinkCounters(long txBytes, long txPackets) {

    private static final Pattern NAME = Pattern.compile("\"ifname\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TX = Pattern.compile(
            "\"tx\"\\s*:\\s*\\{\\s*\"bytes\"\\s*:\\s*(\\d+)\\s*,\\s*\"packets\"\\s*:\\s*(\\d+)");

    LinkCounters {
        if (txBytes < 0 || txPackets < 0) {
            throw new IllegalArgumentException("interface counters cannot be negative: " + txBytes + " bytes, "
                    + txPackets + " packets");
        }
    }

    /**
     * The counters of every interface in the output, by name. Each interface's {@code tx} object is the first one
     * after its {@code ifname} and before the next interface's; an interface printed without statistics is left out.
     */
    static Map<String, LinkCounters> parse(String ipJson) {
        Map<String, LinkCounters> counters = new LinkedHashMap<>();
        Matcher name = NAME.matcher(ipJson);
        boolean found = name.find();
        while (found) {
            String ifname = name.group(1);
            int from = name.end();
            found = name.find();
            int to = found ? name.start() : ipJson.length();
            Matcher tx = TX.matcher(ipJson).region(from, to);
            if (tx.find()) {
                counters.put(ifname, new LinkCounters(Long.parseLong(tx.group(1)), Long.parseLong(tx.group(2))));
            }
        }
        return counters;
    }

    /**
     * What the interface sent per second between {@code earlier} and these counters, {@code elapsed} apart. Counters
     * that went backwards (the interface was recreated) say nothing about the period: idle.
     */
    Demand since(LinkCounters earlier, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("a sampling period must be positive, not " + elapsed);
        }
        if (txBytes < earlier.txBytes || txPackets < earlier.txPackets) {
            return Demand.IDLE;
        }
        double seconds = elapsed.toNanos() / 1e9;
        long kbps = Math.round((txBytes - earlier.txBytes) * 8 / 1000.0 / seconds);
        long packetsPerSecond = Math.round((txPackets - earlier.txPackets) / seconds);
        return Demand.of(Bandwidth.ofKbps(kbps), packetsPerSecond);
    }
}
