package io.isthmus.rms.infrastructure.qos;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of the {@code portcap} chain as {@code nft -a list chain} prints it: the port it caps, its rate and burst
 * in packets, and its handle. A rule of another shape (not ours) has an empty port and rate and burst 0.
 */
record NftPortRule(String port, long packetsPerSecond, long burst, long handle) {

    /** A rule line ends in {@code # handle <n>}; the chain's own line opens a block and is not a rule. */
    private static final Pattern RULE = Pattern.compile("^\\s*(?!chain\\s|table\\s)(\\S.*?)\\s+# handle (\\d+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern PORT_CAP = Pattern.compile(
            "oifname \"([^\"]+)\" limit rate over (\\d+)/second burst (\\d+) packets drop");

    /** Every rule in the listing, in chain order, those of another shape included (they count as rules). */
    static List<NftPortRule> parse(String listing) {
        List<NftPortRule> rules = new ArrayList<>();
        Matcher rule = RULE.matcher(listing);
        while (rule.find()) {
            long handle = Long.parseLong(rule.group(2));
            Matcher cap = PORT_CAP.matcher(rule.group(1));
            if (cap.matches()) {
                rules.add(new NftPortRule(cap.group(1), Long.parseLong(cap.group(2)), Long.parseLong(cap.group(3)),
                        handle));
            } else {
                rules.add(new NftPortRule("", 0, 0, handle));
            }
        }
        return rules;
    }

    boolean caps(String portName) {
        return port.equals(portName);
    }

    boolean holds(long rate, long packetBurst) {
        return packetsPerSecond == rate && burst == packetBurst;
    }
}
